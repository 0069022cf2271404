import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addDays, addMonths, formatFrenchDate } from "../../server/lib/dates";
import { FRENCH_MONTHS } from "../../server/lib/french-months";
import { loginAs } from "./support/actions";
import { type BrowserSession, describeInBrowser, openBrowser } from "./support/browser";
import { E2E_NOW, useServer } from "./support/server";

const server = useServer();

type LeaseRow = {
  id: string;
  kind: string;
  status: string;
  unitId: string;
  startDate: string;
  furnished: boolean;
  paymentFrequency: string;
  depositCents: number;
};

/** A date as the letters write it: «23 décembre 2026», «1er mai 2027». */
function longDate(iso: string) {
  const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
  return `${day === 1 ? "1er" : day} ${FRENCH_MONTHS[month - 1]} ${year}`;
}

/**
 * Screenshots of what the step shows (`focus`, else the page) at the officer's desk and on a
 * phone; the phone page must not scroll sideways.
 */
async function shoot(page: Page, name: string, focus?: Locator) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 1280 ? 900 : 844 });
    const path = `test-results/e2e/tenancy-walk-${name}-${width}.png`;
    if (focus) await focus.screenshot({ path });
    else await page.screenshot({ path });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name}: the page scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** A card of the page, by its title. */
const sectionTitled = (page: Page, title: string) =>
  page.locator("section.card").filter({ has: page.getByRole("heading", { level: 2, name: title }) });

/** What a French officer must never read on a page: ISO dates, API words, English. */
async function expectFrenchPage(page: Page, name: string) {
  const text = await page.locator("main").innerText();
  expect(text, `${name}: an ISO date`).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
  expect(text, `${name}: an amount in cents`).not.toMatch(/\d+\s?(cents|centimes)\b/i);
  expect(text, `${name}: an API word`).not.toMatch(
    /\b(undefined|null|NaN|sublease|notice_given|tenant_owes|rsa_or_aah|Cents\b)/,
  );
}

/** The PDF behind a link, as its text, read with the page's session. */
async function pdfText(page: Page, href: string): Promise<string> {
  const bytes = await page.evaluate(async (address) => {
    const response = await fetch(address);
    return Array.from(new Uint8Array(await response.arrayBuffer()));
  }, href);
  const { extractText, getDocumentProxy } = await import("unpdf");
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  return text as string;
}

describeInBrowser(
  "a tenancy on the demo, as the officers walk it: entry, a year of charges, regularisation, notice, exit, deposit",
  () => {
    let browser: BrowserSession;
    beforeAll(async () => {
      browser = await openBrowser(server.current.baseUrl);
    });
    afterAll(async () => {
      await browser?.close();
      server.current.clock.set(E2E_NOW);
    });

    it("walks one sub-lease from its entry inspection to its deposit returned, the 165 account cleared", async () => {
      const { page } = browser;
      const baseUrl = server.current.baseUrl;
      const clock = server.current.clock;
      /** Time passes (the server's clock), then the officer opens a new session. */
      const signIn = async (email: string, on?: string) => {
        if (on) clock.set(on);
        await page.context().clearCookies();
        await loginAs(page, baseUrl, email);
      };

      // the building whose actual charges of the last twelve months wait to be sent, and an unfurnished
      // monthly sub-lease in it that ran the whole period
      await signIn("finance@demo.fr");
      const { statement, lease } = await page.evaluate(async () => {
        const statements = (await (await fetch("/api/charges/statements")).json()).items as {
          id: string;
          buildingId: string;
          periodStart: string;
          periodEnd: string;
        }[];
        const leases = (await (await fetch("/api/leases?status=signed&limit=500")).json())
          .items as LeaseRow[];
        for (const s of statements) {
          const units = (await (await fetch(`/api/units?buildingId=${s.buildingId}&limit=500`)).json())
            .items as { id: string }[];
          const unitIds = new Set(units.map((u) => u.id));
          const found = leases.find(
            (l) =>
              l.kind === "sublease" &&
              !l.furnished &&
              l.paymentFrequency === "monthly" &&
              l.depositCents > 0 &&
              unitIds.has(l.unitId) &&
              l.startDate < s.periodStart,
          );
          if (found) return { statement: s, lease: found };
        }
        throw new Error("no sub-lease ran the whole charges period");
      });

      // 1. entry: the day the keys were handed over, on the structured form, signed by both
      await signIn("gestion@demo.fr", lease.startDate);
      await page.goto(`${baseUrl}/baux/${lease.id}`);
      const entry = page.getByRole("form", { name: "État des lieux d'entrée" });
      await entry.waitFor();
      expect(await entry.getByLabel("Date de l'entrée et de la remise des clés").inputValue()).toBe(
        lease.startDate,
      );
      await entry.getByLabel("État : Séjour — Sol").selectOption("new");
      await entry.getByLabel("Électricité (index)").fill("12000");
      await entry.getByLabel("Eau froide (index)").fill("310.5");
      await entry.getByLabel("Signé par le locataire").check();
      await entry.getByLabel("Signé par le bailleur").check();
      await entry.getByRole("button", { name: "Enregistrer l'état des lieux d'entrée" }).click();
      await page.locator('[data-inspection="entry"]').waitFor();
      await page.locator('[data-document="inspection_report"]').waitFor();
      await shoot(page, "entry", sectionTitled(page, "État des lieux et dépôt de garantie"));
      await expectFrenchPage(page, "entry");

      // 2. a year of charges: the provisions called with each month's rent
      await signIn("finance@demo.fr", E2E_NOW);
      await page.goto(`${baseUrl}/finances/baux/${lease.id}`);
      // whose account, and the provision for charges called apart from the rent each month
      await expect
        .poll(() => page.getByRole("heading", { level: 1 }).textContent())
        .toMatch(/^Compte locataire (de |d')/);
      const calls = page.getByRole("table", { name: "Échéances appelées" });
      expect(await calls.getByRole("columnheader").allTextContents()).toContain("Provision pour charges");
      await shoot(page, "account");
      await expectFrenchPage(page, "account");

      // 3. the yearly regularisation: actual charges, preview, décompte sent, confirmed
      await page.goto(`${baseUrl}/finances/charges/${statement.id}`);
      const card = page.locator(`[data-testid="regularisation"][data-lease="${lease.id}"]`);
      await card.waitFor();
      await shoot(page, "charges-preview", card);
      await expectFrenchPage(page, "charges-preview");
      await page.getByRole("button", { name: "Envoyer les décomptes aux locataires" }).click();
      const decompte = card.getByRole("link", { name: "Décompte envoyé (PDF)" });
      await decompte.waitFor();
      const decompteText = await pdfText(page, (await decompte.getAttribute("href"))!);
      expect(decompteText).toContain(
        `du ${formatFrenchDate(statement.periodStart)} au ${formatFrenchDate(statement.periodEnd)}`,
      );
      expect(decompteText).not.toContain("**");
      const owes = (await card.innerText()).includes("dus par le locataire");
      // a sum owed is claimed a month after the décompte; a credit is the tenant's at once
      if (owes) await signIn("finance@demo.fr", addMonths(clock.today(), 1));
      await page.goto(`${baseUrl}/finances/charges/${statement.id}`);
      await card.getByRole("button", { name: "Confirmer la régularisation" }).click();
      await expect.poll(() => card.innerText()).toMatch(/Confirmée le/);
      await shoot(page, "charges-confirmed", card);
      await expectFrenchPage(page, "charges-confirmed");

      // 4. the tenant's notice: RSA, justified with the letter → one month
      const givenOn = clock.today();
      await signIn("gestion@demo.fr");
      await page.goto(`${baseUrl}/baux/${lease.id}`);
      const notice = page.getByRole("form", { name: "Enregistrer un congé" });
      await notice.waitFor();
      expect(await notice.getByLabel("Lettre reçue le").inputValue()).toBe(givenOn);
      await notice.getByLabel("Motif de préavis réduit invoqué").selectOption("rsa_or_aah");
      await notice.getByLabel("Justificatif reçu avec la lettre").check();
      const effective = addMonths(givenOn, 1);
      await expect
        .poll(() => page.getByTestId("notice-preview").textContent())
        .toContain(`fin au plus tôt le ${formatFrenchDate(effective)}`);
      await notice.getByRole("button", { name: "Enregistrer le congé" }).click();
      await page.getByTestId("notice-summary").waitFor();
      expect(await page.getByTestId("notice-summary").textContent()).toContain(
        `préavis de 1 mois (motif : bénéficiaire du RSA ou de l'AAH, justificatif reçu) : fin le ${formatFrenchDate(effective)}`,
      );
      const letter = page.locator('[data-document="tenant_notice_receipt"]');
      await letter.waitFor();
      const letterText = await pdfText(page, (await letter.getAttribute("href"))!);
      expect(letterText).toContain(`Fin du préavis ${longDate(effective)}`);
      await shoot(page, "notice", sectionTitled(page, "Congé et fin du contrat"));
      await expectFrenchPage(page, "notice");

      // the last month's rent, called up to the notice's end and paid
      const lastMonth = effective.slice(0, 7);
      await signIn("finance@demo.fr", addDays(`${lastMonth}-01`, 4));
      await page.goto(`${baseUrl}/finances`);
      const run = page.getByRole("form", { name: "Appel des loyers" });
      await run.getByLabel("Mois à appeler").fill(lastMonth);
      await run.getByRole("button", { name: "Appeler les loyers" }).click();
      await page.getByTestId("rent-call-result").waitFor();
      await page.goto(`${baseUrl}/finances/baux/${lease.id}`);
      const lastCall = page
        .getByRole("table", { name: "Échéances appelées" })
        .getByRole("row")
        .filter({ hasText: `${formatFrenchDate(`${lastMonth}-01`)} – ` });
      await lastCall.waitFor();
      // the rent runs to the notice's end only: the month is prorated to its days
      const fullRent = (await calls.getByRole("row").nth(1).getByRole("cell").nth(2).textContent()) ?? "";
      expect(await lastCall.getByRole("cell").nth(2).textContent()).not.toBe(fullRent);
      // what the charges credit leaves due of it, the tenant pays by transfer
      const balance = (await page.getByTestId("tenant-balance").textContent()) ?? "";
      if (balance.endsWith("dus")) {
        const payment = page.getByRole("form", { name: "Paiement du locataire" });
        await payment.getByLabel("Montant").fill(balance.replace(/\s*€.*$/, "").replace(/[\s\u202f]/g, ""));
        await payment.getByRole("button", { name: "Enregistrer le paiement" }).click();
        await expect.poll(() => page.getByTestId("tenant-balance").textContent()).toMatch(/^0,00\s€$/);
      }
      expect(await page.getByTestId("tenant-balance").textContent()).not.toMatch(/dus$/);
      await shoot(page, "last-month", sectionTitled(page, "Échéances"));

      // 5. exit, on the day the notice ends, on the entry's grid: nothing differs
      await signIn("gestion@demo.fr", effective);
      await page.goto(`${baseUrl}/baux/${lease.id}`);
      const exit = page.getByRole("form", { name: "État des lieux de sortie" });
      await exit.waitFor();
      expect(await exit.getByLabel("Date de la sortie et de la remise des clés").inputValue()).toBe(
        effective,
      );
      await exit.getByLabel("État : Séjour — Sol").selectOption("new");
      await exit.getByLabel("Électricité (index)").fill("14500");
      await exit.getByLabel("Eau froide (index)").fill("402");
      await exit.getByLabel("Clés : Porte d'entrée").fill("2");
      await exit.getByLabel("Clés : Boîte aux lettres").fill("1");
      await exit
        .getByLabel("Nouvelle adresse du locataire (pour le dépôt de garantie)")
        .fill("3 rue Neuve, 21000 Dijon");
      await exit.getByLabel("Signé par le locataire").check();
      await exit.getByLabel("Signé par le bailleur").check();
      await exit.getByRole("button", { name: "Enregistrer l'état des lieux de sortie" }).click();
      await page.getByTestId("inspection-comparison").waitFor();
      expect(await page.getByTestId("inspection-comparison").textContent()).toContain(
        "La sortie est conforme à l'entrée",
      );
      const deadline = addMonths(effective, 1);
      const held = await page.getByTestId("deposit-status").textContent();
      expect(held).toContain(`Restitution due au plus tard le ${formatFrenchDate(deadline)}`);
      // received at the signature, the deposit is still in the books until it is returned
      const depositEuros = (lease.depositCents / 100).toFixed(2).replace(".", ",");
      expect(held).toMatch(new RegExp(`compte 165, dépôts de garantie reçus\\) : ${depositEuros}\\s€`));
      // the contract ends on the notice's last day: the flat is free again
      const end = page.getByRole("form", { name: "Mettre fin au contrat" });
      expect(await end.getByLabel("Dernier jour du contrat").inputValue()).toBe(effective);
      await end.getByRole("button", { name: "Mettre fin au contrat" }).click();
      await expect
        .poll(() => page.locator("[data-lease-status]").getAttribute("data-lease-status"))
        .toBe("ended");
      await shoot(page, "exit", sectionTitled(page, "État des lieux et dépôt de garantie"));
      await expectFrenchPage(page, "exit");

      // 6. the deposit returned in full within the month: no penalty
      await signIn("gestion@demo.fr", addDays(effective, 12));
      await page.goto(`${baseUrl}/baux/${lease.id}`);
      const deposit = page.getByRole("form", { name: "Restitution du dépôt de garantie" });
      await deposit.waitFor();
      await deposit.getByRole("button", { name: "Enregistrer la restitution" }).click();
      await expect.poll(() => page.getByTestId("deposit-status").textContent()).toContain("Restitué le");
      expect(await page.getByTestId("deposit-status").textContent()).not.toContain("majoration");
      await page.locator('[data-document="deposit_return"]').waitFor();
      // the books: what 165 held for this contract since its entry has left it
      expect(await page.getByTestId("deposit-status").textContent()).toMatch(
        /Détenu en comptabilité \(compte 165, dépôts de garantie reçus\) : 0,00\s€/,
      );
      await shoot(page, "deposit", page.getByTestId("deposit-status"));
      await expectFrenchPage(page, "deposit");

      // the ledger: the deposit received at entry and returned leaves nothing on 165 for this lease
      await signIn("finance@demo.fr");
      await page.goto(`${baseUrl}/finances/baux/${lease.id}`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await shoot(page, "account-after");
      await expectFrenchPage(page, "account-after");
    });
  },
);

import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { defaultEnv } from "../../server/env";
import { createLogger } from "../../server/lib/logger";
import { createMailTransport } from "../../server/modules/mail/mail.transport";
import { sendDueMail } from "../../server/modules/mail/mail.worker";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink";
import { describeInBrowser, screenshotDir } from "./support/browser";
import { type RunningServer, startServer } from "./support/server";
import { useBrowserAs } from "./support/signed-in";

// the demo with a mail server: a real SMTP server started here receives what the outbox sends
let sink: SmtpSink;
let running: (RunningServer & { close(): Promise<void> }) | undefined;
const mailEnv = () => ({ SMTP_URL: sink.url, MAIL_FROM: "Pôle logement <logement@demo.fr>" });
beforeAll(async () => {
  sink = await startSmtpSink();
  running = await startServer({ env: mailEnv() });
});
afterAll(async () => {
  await running?.close();
  await sink?.close();
});
const server = {
  get current() {
    if (!running) throw new Error("the server starts in beforeAll");
    return running;
  },
};

describeInBrowser("admin: the outbox, and «Renvoyer» on a refused e-mail", () => {
  const browser = useBrowserAs(server, "admin@demo.fr");

  it("lists the demo's e-mails masked, resends the refused one, which the worker then delivers", async () => {
    const { page } = browser.current;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.current.baseUrl}/admin/courriels`);
    await page.getByRole("heading", { name: "Courriels envoyés" }).waitFor();
    await expect.poll(() => page.getByTestId("mail-status").textContent()).toContain("Envoi actif");
    const table = page.getByRole("table");
    await expect.poll(() => table.textContent()).toContain("Relevé propriétaire");
    const text = (await table.textContent()) ?? "";
    expect(text).toContain("p•••@demo.fr");
    expect(text).not.toContain("proprietaire@demo.fr");
    expect(text).toContain("Alertes du jour");
    expect(text).toContain("550 5.1.1 <l•••@exemple.fr>");
    expect(text).not.toContain("l.bernard@exemple.fr");
    await page.screenshot({ path: join(screenshotDir, "mail-outbox.png"), fullPage: true });

    await page.getByRole("button", { name: "Renvoyer le courriel à l•••@exemple.fr" }).click();
    await expect.poll(() => page.getByRole("table").textContent()).toContain("En attente");
    expect(await page.getByRole("button", { name: /^Renvoyer/ }).count()).toBe(0);

    const env = defaultEnv({ NODE_ENV: "test", LOG_LEVEL: "silent", ...mailEnv() });
    const sent = await sendDueMail({
      database: server.current.database,
      clock: server.current.clock,
      env,
      logger: createLogger(env),
      transport: createMailTransport(env)!,
    });
    expect(sent.sent).toBe(1);
    expect(sink.received[0]?.subject).toBe("Avis d’échéance — Novembre 2026");

    await page.reload();
    await expect.poll(() => page.getByRole("table").textContent()).not.toContain("En échec");
    await page.getByLabel("État").selectOption("failed");
    await page.getByRole("button", { name: "Filtrer" }).click();
    await expect.poll(() => page.getByText("Aucun courriel dans cet état.").count()).toBe(1);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.current.baseUrl}/admin/courriels`);
    await page.getByRole("table").waitFor();
    await page.screenshot({ path: join(screenshotDir, "mail-outbox-390.png"), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

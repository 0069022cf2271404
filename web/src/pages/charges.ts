import type { z } from "zod";
import type { Building } from "../../../server/modules/buildings/buildings.schemas";
import { chargeCategories, chargeCategoryCodes } from "../../../server/modules/charges/charges.rules";
import {
  ChargeStatementBody,
  type ChargeStatement,
  ChargeStatementUpdateBody,
  ConfirmBody,
  type LeaseRegularisation,
  type SendResult,
  type StatementDetail,
} from "../../../server/modules/charges/charges.schemas";
import type { Unit } from "../../../server/modules/units/units.schemas";
import { ApiError, api } from "../lib/api";
import { announce, h, mount } from "../lib/dom";
import { bindForm, field, formAlert, showErrors, submitButton } from "../lib/forms";
import { countOf, formatDate, formatEuros, formatNumber } from "../lib/format";
import { fetchAllPages, pagedList } from "../lib/pagination";
import type { Page } from "../lib/router";
import { can } from "../lib/session";
import { loadError, section, table, todayInParis } from "../lib/ui";

/**
 * Yearly charges regularisation (loi 89-462 art. 23; décret 87-713): finance enters a
 * building's actual charges for a period, previews each lease's share against the provisions
 * called, sends the décomptes (one PDF per tenant), and confirms each regularisation a month
 * later, with the next monthly provision.
 */
type Statement = z.infer<typeof ChargeStatement>;
type Detail = z.infer<typeof StatementDetail>;
type Regularisation = z.infer<typeof LeaseRegularisation>;
type BuildingRow = z.infer<typeof Building>;
type UnitRow = z.infer<typeof Unit>;

const FLAT_ROWS = 4;

const periodText = (s: { periodStart: string; periodEnd: string }) =>
  `du ${formatDate(s.periodStart)} au ${formatDate(s.periodEnd)}`;

const outcomeText = (r: Regularisation) =>
  r.outcome === "tenant_owes"
    ? `${formatEuros(r.balanceCents)} dus par le locataire`
    : r.outcome === "tenant_is_owed"
      ? `${formatEuros(-r.balanceCents)} à rembourser`
      : "Aucun solde";

/**
 * The actual charges of a building: a new statement (building and period chosen), or the
 * correction of one not yet sent (`existing`: its building and period stay).
 */
function statementForm(options: {
  buildings: BuildingRow[];
  existing?: Statement;
  onDone: (s: Statement) => void;
}): HTMLFormElement {
  const { buildings, existing } = options;
  const year = Number(todayInParis().slice(0, 4)) - 1;
  const buildingLine = (c: string) =>
    existing?.lines.find((l) => l.unitId === null && l.category === c)?.amountCents ?? null;
  const flatLines = existing?.lines.filter((l) => l.unitId !== null) ?? [];
  const buildingField = existing
    ? null
    : field({
        name: "buildingId",
        label: "Immeuble",
        required: true,
        options: buildings.map((b) => ({
          value: b.id,
          label: `${b.reference ? `${b.reference} — ` : ""}${b.street}, ${b.city}`,
        })),
      });
  const flatRows = h("div", { class: "stack" });
  const drawFlatRows = async (buildingId: string) => {
    let units: UnitRow[] = [];
    try {
      units = await fetchAllPages<UnitRow>(`/api/units?buildingId=${encodeURIComponent(buildingId)}`);
    } catch {
      units = [];
    }
    const rows = Math.max(FLAT_ROWS, flatLines.length + 1);
    mount(
      flatRows,
      ...Array.from({ length: rows }, (_, i) =>
        h(
          "div",
          { class: "form-grid" },
          field({
            name: `flat${i}.unitId`,
            label: `Logement ${i + 1}`,
            value: flatLines[i]?.unitId ?? "",
            options: [
              { value: "", label: "—" },
              ...units.map((u) => ({
                value: u.id,
                label: `${u.reference ?? "Logement"} (${formatNumber(u.surfaceM2)} m²)`,
              })),
            ],
          }),
          field({
            name: `flat${i}.category`,
            label: "Nature",
            value: flatLines[i]?.category ?? "water",
            options: chargeCategoryCodes.map((c) => ({ value: c, label: chargeCategories[c] })),
          }),
          field({
            name: `flat${i}.amountCents`,
            label: "Montant (€)",
            type: "euros",
            value: flatLines[i]?.amountCents ?? null,
          }),
        ),
      ),
    );
  };
  const form = h(
    "form",
    {
      class: "stack",
      "aria-label": existing ? "Corriger les charges réelles" : "Saisir les charges réelles d'un immeuble",
    },
    formAlert(),
    h(
      "div",
      { class: "form-grid" },
      buildingField,
      existing
        ? null
        : field({ name: "periodStart", label: "Du", type: "date", required: true, value: `${year}-01-01` }),
      existing
        ? null
        : field({ name: "periodEnd", label: "Au", type: "date", required: true, value: `${year}-12-31` }),
      field({
        name: "totalSurfaceM2",
        label: "Surface totale de l'immeuble (m²)",
        type: "number",
        value: existing?.totalSurfaceM2 ?? null,
        attrs: { step: "0.01" },
        hint: "Vide : la somme des logements enregistrés. Les charges communes sont réparties à la surface : le parc enregistre la surface de chaque logement, pas ses tantièmes.",
      }),
    ),
    h("h3", null, "Charges communes de l'immeuble, réparties à la surface"),
    h(
      "div",
      { class: "form-grid" },
      chargeCategoryCodes.map((c) =>
        field({
          name: `building.${c}`,
          label: `${chargeCategories[c]} (€)`,
          type: "euros",
          value: buildingLine(c),
        }),
      ),
    ),
    h("h3", null, "Charges propres à un logement (compteur individuel, taxe)"),
    flatRows,
    submitButton(existing ? "Enregistrer la correction" : "Enregistrer les charges"),
  );
  const select = buildingField?.querySelector("select");
  select?.addEventListener("change", () => void drawFlatRows(select.value));
  const firstBuilding = existing?.buildingId ?? buildings[0]?.id;
  if (firstBuilding) void drawFlatRows(firstBuilding);
  const linesOf = (values: Record<string, unknown>) => {
    const lines: { category: string; amountCents: number; unitId: string | null }[] = [];
    for (const c of chargeCategoryCodes) {
      const amount = values[`building.${c}`];
      if (typeof amount === "number" && amount > 0)
        lines.push({ category: c, amountCents: amount, unitId: null });
    }
    for (let i = 0; values[`flat${i}.unitId`] !== undefined || i < FLAT_ROWS; i++) {
      const unitId = values[`flat${i}.unitId`];
      const amount = values[`flat${i}.amountCents`];
      if (unitId && typeof amount === "number" && amount > 0)
        lines.push({
          category: String(values[`flat${i}.category`]),
          amountCents: amount,
          unitId: String(unitId),
        });
    }
    if (lines.length === 0) throw new Error("Saisissez au moins un montant de charges.");
    return lines;
  };
  if (existing)
    bindForm(
      form,
      ChargeStatementUpdateBody,
      async (body) => {
        const saved = await api.put<Statement>(
          `/api/charges/statements/${encodeURIComponent(existing.id)}`,
          body,
        );
        announce("Charges corrigées.");
        options.onDone(saved);
      },
      (values) => ({ totalSurfaceM2: values.totalSurfaceM2 ?? null, lines: linesOf(values) }),
    );
  else
    bindForm(
      form,
      ChargeStatementBody,
      async (body) => {
        const created = await api.post<Statement>("/api/charges/statements", body);
        announce(`Charges enregistrées ${periodText(created)}.`);
        options.onDone(created);
      },
      (values) => ({
        buildingId: values.buildingId,
        periodStart: values.periodStart,
        periodEnd: values.periodEnd,
        totalSurfaceM2: values.totalSurfaceM2 ?? null,
        lines: linesOf(values),
      }),
    );
  return form;
}

export const chargesPage: Page = {
  path: "/finances/charges",
  title: "Régularisation des charges",
  permission: "ledger.read",
  async render({ root, me, navigate }) {
    const list = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
    const newStatement = h("div");
    mount(
      root,
      h("p", null, h("a", { href: "/finances", "data-link": true }, "← Finances")),
      h("h1", null, "Régularisation annuelle des charges"),
      h(
        "p",
        { class: "hint" },
        "Une fois par an, les provisions sur charges appelées sont comparées aux charges réelles récupérables (décret n° 87-713). Le décompte est adressé au locataire un mois avant la régularisation (loi n° 89-462, art. 23).",
      ),
      section("Charges saisies", list),
      can(me, "ledger.write") ? section("Saisir les charges réelles d'un immeuble", newStatement) : null,
    );
    if (can(me, "ledger.write")) {
      try {
        const buildings = await fetchAllPages<BuildingRow>("/api/buildings");
        mount(
          newStatement,
          statementForm({ buildings, onDone: (s) => navigate(`/finances/charges/${s.id}`) }),
        );
      } catch (error) {
        mount(newStatement, loadError(error, "Immeubles"));
      }
    }
    await pagedList<Statement>(list, {
      path: "/api/charges/statements",
      onError: (error) => loadError(error, "Charges"),
      render: (statements, total) =>
        table<Statement>(
          `${total} relevé(s) de charges, le plus récent d'abord`,
          [
            {
              header: "Immeuble",
              cell: (s) =>
                h("a", { href: `/finances/charges/${s.id}`, "data-link": true }, s.buildingAddress),
            },
            { header: "Période", cell: periodText },
            { header: "Charges réelles", cell: (s) => formatEuros(s.totalCents), numeric: true },
            { header: "Décomptes", cell: (s) => (s.sent ? "Envoyés" : "À envoyer") },
          ],
          statements,
          "Aucune charge saisie.",
        ),
    });
  },
};

function confirmForm(r: Regularisation, reload: () => Promise<void>): HTMLElement {
  const nextMonth = (() => {
    const [y, m] = todayInParis().slice(0, 7).split("-").map(Number) as [number, number];
    return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  })();
  const form = h(
    "form",
    { class: "stack", "aria-label": `Confirmer la régularisation de ${r.tenantName}` },
    formAlert(),
    r.instalmentsOffered
      ? field({
          name: "instalments",
          label: "Le locataire demande à payer en douze mensualités (loi 89-462 art. 23)",
          type: "checkbox",
        })
      : null,
    h(
      "div",
      { class: "form-grid" },
      field({
        name: "provisionFrom",
        label: "Nouvelle provision à partir de",
        type: "month",
        value: nextMonth,
        hint: "Vide : la provision reste inchangée.",
      }),
      field({
        name: "provisionCents",
        label: "Provision mensuelle (€)",
        type: "euros",
        value: r.proposedProvisionCents,
      }),
    ),
    submitButton("Confirmer la régularisation"),
  );
  bindForm(
    form,
    ConfirmBody,
    async (body) => {
      await api.post(
        `/api/charges/regularisations/${encodeURIComponent(r.regularisationId!)}/confirmation`,
        body,
        {
          headers: { "idempotency-key": `charges-${r.regularisationId}-${crypto.randomUUID()}` },
        },
      );
      announce(`Régularisation de ${r.tenantName} confirmée.`);
      await reload();
    },
    (values) => ({
      instalments: values.instalments === true,
      provisionFrom: values.provisionFrom ?? null,
      ...(values.provisionFrom && typeof values.provisionCents === "number"
        ? { provisionCents: values.provisionCents }
        : {}),
    }),
  );
  return form;
}

function regularisationCard(r: Regularisation, writable: boolean, reload: () => Promise<void>): HTMLElement {
  const facts: [string, string][] = [
    ["Logement", r.unitLabel],
    [
      "Occupation",
      `du ${formatDate(r.occupiedFrom)} au ${formatDate(r.occupiedTo)} (${r.occupiedDays} j sur ${r.periodDays})`,
    ],
    ["Charges réelles", formatEuros(r.actualCents)],
    ["Provisions appelées", formatEuros(r.provisionsCents)],
    ["Solde", outcomeText(r)],
    [
      "Provision actuelle / proposée",
      `${formatEuros(r.currentProvisionCents)} / ${formatEuros(r.proposedProvisionCents)} par mois`,
    ],
  ];
  if (r.sentOn) {
    facts.push(["Décompte envoyé le", formatDate(r.sentOn)]);
    facts.push(["Réclamable à partir du", formatDate(r.claimableFrom)]);
    facts.push(["Justificatifs disponibles jusqu'au", formatDate(r.documentsAvailableUntil)]);
  }
  if (r.confirmedOn) {
    facts.push(["Confirmée le", formatDate(r.confirmedOn)]);
    if (r.provisionFrom)
      facts.push([
        "Nouvelle provision",
        `${formatEuros(r.provisionCents ?? 0)} à partir du ${formatDate(r.provisionFrom)}`,
      ]);
    if (r.instalments)
      facts.push(["Paiement", `douze mensualités à partir du ${formatDate(r.instalments[0]?.dueOn)}`]);
  }
  const warnings = [
    r.timeBarred
      ? h(
          "p",
          { class: "notice notice-warning", role: "status" },
          "Charges de plus de trois ans : la somme due est prescrite et ne peut plus être réclamée (loi 89-462 art. 7-1).",
        )
      : null,
    r.instalmentsOffered && !r.confirmedOn
      ? h(
          "p",
          { class: "notice", role: "status" },
          "Régularisation tardive : le locataire peut demander à payer en douze mensualités (loi 89-462 art. 23).",
        )
      : null,
  ];
  return h(
    "article",
    { class: "card", "data-testid": "regularisation", "data-lease": r.leaseId },
    h("h3", null, r.tenantName),
    h(
      "dl",
      null,
      facts.flatMap(([label, value]) => [h("dt", null, label), h("dd", null, value)]),
    ),
    r.confirmedOn && r.instalments
      ? h(
          "p",
          null,
          h(
            "a",
            { href: `/finances/baux/${encodeURIComponent(r.leaseId)}`, "data-link": true },
            "Compte du locataire : les douze échéances du plan",
          ),
        )
      : null,
    h(
      "details",
      null,
      h("summary", null, "Décompte par nature de charges"),
      table(
        "Décompte par nature de charges",
        [
          { header: "Nature", cell: (l: Regularisation["detail"][number]) => l.label },
          { header: "Total", cell: (l) => formatEuros(l.totalCents), numeric: true },
          {
            header: "Répartition",
            cell: (l) =>
              l.basis === "surface"
                ? `${formatNumber(l.unitSurfaceM2)} m² sur ${formatNumber(l.totalSurfaceM2)} m²`
                : "propre au logement",
          },
          { header: "Part", cell: (l) => formatEuros(l.shareCents), numeric: true },
        ],
        r.detail,
        "Aucune charge pour ce logement.",
      ),
    ),
    ...warnings,
    r.documentUrl
      ? h("p", null, h("a", { href: r.documentUrl, target: "_blank" }, "Décompte envoyé (PDF)"))
      : null,
    writable && r.regularisationId && !r.confirmedOn && !r.timeBarred ? confirmForm(r, reload) : null,
  );
}

export const chargeStatementPage: Page = {
  path: "/finances/charges/:id",
  title: "Décomptes de charges",
  permission: "ledger.read",
  async render({ root, me, params }) {
    const id = params.id!;
    const writable = can(me, "ledger.write");
    const load = async (): Promise<void> => {
      let detail: Detail;
      try {
        detail = await api.get<Detail>(`/api/charges/statements/${encodeURIComponent(id)}`);
      } catch (error) {
        mount(root, h("h1", null, "Décomptes de charges"), loadError(error, "Charges"));
        return;
      }
      const s = detail.statement;
      const sendButton = h(
        "button",
        { type: "button", class: "primary" },
        "Envoyer les décomptes aux locataires",
      );
      const sendAlert = formAlert();
      const sendForm = h("form", { "aria-label": "Envoyer les décomptes" }, sendAlert, sendButton);
      sendButton.addEventListener("click", async () => {
        sendButton.disabled = true;
        try {
          const result = await api.post<z.infer<typeof SendResult>>(
            `/api/charges/statements/${encodeURIComponent(id)}/sending`,
          );
          announce(`${result.sent} décompte(s) envoyé(s) le ${formatDate(result.sentOn)}.`);
          await load();
        } catch (error) {
          if (error instanceof ApiError) showErrors(sendForm, error.problem.detail, error.fieldErrors());
          else showErrors(sendForm, (error as Error).message);
          sendButton.disabled = false;
        }
      });
      mount(
        root,
        h(
          "p",
          null,
          h("a", { href: "/finances/charges", "data-link": true }, "← Régularisation des charges"),
        ),
        h("h1", null, `Charges ${periodText(s)}`),
        h("p", null, s.buildingAddress),
        section(
          "Charges réelles",
          h(
            "p",
            null,
            `Répartition des charges communes au prorata des surfaces : ${formatNumber(s.totalSurfaceM2 ?? s.recordedSurfaceM2)} m² au total. Au-delà du ${formatDate(detail.claimDeadline)}, une somme due est prescrite (art. 7-1).`,
          ),
          table(
            `${formatEuros(s.totalCents)} de charges réelles`,
            [
              { header: "Nature", cell: (l: Statement["lines"][number]) => l.label },
              { header: "Logement", cell: (l) => l.unitLabel ?? "Immeuble (à la surface)" },
              { header: "Montant", cell: (l) => formatEuros(l.amountCents), numeric: true },
            ],
            s.lines,
          ),
        ),
        !s.sent && writable
          ? h(
              "details",
              null,
              h("summary", null, "Corriger les charges saisies"),
              statementForm({ buildings: [], existing: s, onDone: () => void load() }),
            )
          : null,
        section(
          s.sent ? "Régularisation de chaque bail" : "Aperçu de la régularisation de chaque bail",
          !s.sent && writable && detail.regularisations.length > 0
            ? h(
                "div",
                { class: "stack" },
                h(
                  "p",
                  { class: "hint" },
                  "L'envoi enregistre le décompte de chaque locataire (PDF) : un solde dû ne peut lui être réclamé qu'un mois après ; un remboursement peut être confirmé aussitôt.",
                ),
                sendForm,
              )
            : null,
          table(
            `${countOf(detail.regularisations.length, "bail", "baux")} sur la période`,
            [
              { header: "Locataire", cell: (r: Regularisation) => r.tenantName },
              { header: "Logement", cell: (r) => r.unitLabel },
              { header: "Charges réelles", cell: (r) => formatEuros(r.actualCents), numeric: true },
              { header: "Provisions", cell: (r) => formatEuros(r.provisionsCents), numeric: true },
              { header: "Solde", cell: outcomeText },
              {
                header: "État",
                cell: (r) =>
                  r.confirmedOn
                    ? `Confirmée le ${formatDate(r.confirmedOn)}`
                    : r.sentOn
                      ? "Décompte envoyé"
                      : "À envoyer",
              },
            ],
            detail.regularisations,
            "Aucun bail sur les logements de cet immeuble pendant la période.",
          ),
          detail.regularisations.length
            ? h(
                "div",
                { class: "stack" },
                detail.regularisations.map((r) => regularisationCard(r, writable, load)),
              )
            : null,
        ),
      );
    };
    await load();
  },
};

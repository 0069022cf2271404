import { z } from "zod";
import { addMonths } from "../../../server/lib/dates";
import { IsoDateSchema } from "../../../server/lib/date-schemas";
import {
  CentsSchema,
  type LeaseArrears,
  type LeaseLedger,
  MAX_REPAYMENT_INSTALMENTS,
  ReversalBody,
  TenantRefundBody,
} from "../../../server/modules/ledger/ledger.schemas";
import { RevisionRequestBody } from "../../../server/modules/ledger/revision.schemas";
import {
  type DebitMandate,
  DebitMandateBody,
  type LeaseDebitMandate,
} from "../../../server/modules/ledger/direct-debit.schemas";
import { natureLabel } from "../../../server/modules/reports/exports.rules";
import { ApiError, api } from "../lib/api";
import { h, mount } from "../lib/dom";
import { field } from "../lib/forms";
import { formatDate, formatEuros } from "../lib/format";
import { loadError, section, table, todayInParis } from "../lib/ui";
import { actionForm, idempotent } from "./finance-month";

/**
 * The corrections and long-running steps of a tenant's account: the plan d'apurement agreed with
 * the tenant, the yearly IRL revision (loi 89-462 art. 17-1) and the reversal of a wrong entry.
 * Each reloads the account once done, so the balances shown are always the ledger's.
 */
type Account = z.infer<typeof LeaseLedger>;

type Arrears = z.infer<typeof LeaseArrears>;

/**
 * What the officer types: the day the plan was agreed (it counts the payments from then on, so it
 * cannot lie ahead), the first due date, how many monthly instalments, and each amount.
 */
const RepaymentPlanForm = z.object({
  startOn: IsoDateSchema,
  firstDueOn: IsoDateSchema,
  count: z.number().int().min(1).max(MAX_REPAYMENT_INSTALMENTS),
  amountCents: CentsSchema,
});

/** Monthly instalments from the first due date, each on the same day of the month. */
export function monthlyInstalments(startOn: string, count: number, amountCents: number) {
  return Array.from({ length: count }, (_, month) => ({ dueOn: addMonths(startOn, month), amountCents }));
}

const instalmentStatusLabels = {
  followed: "respectée",
  missed: "non respectée",
  upcoming: "à venir",
} as const;

export function arrearsAndPlanSection(leaseId: string, reload: () => void): HTMLElement {
  const status = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
  api
    .get<Arrears>(`/api/ledger/leases/${encodeURIComponent(leaseId)}/arrears`)
    .then((arrears) => {
      const plan = arrears.repaymentPlan;
      mount(
        status,
        h(
          "p",
          { "data-testid": "arrears-status" },
          arrears.overdueCents > 0
            ? `Dette de l'occupant : ${formatEuros(arrears.overdueCents)} échus et impayés.`
            : "Aucune dette de l'occupant.",
          arrears.balanceCents > arrears.overdueCents
            ? ` ${formatEuros(arrears.balanceCents - arrears.overdueCents)} appelés ne sont pas encore échus.`
            : "",
          arrears.threshold.reachedOn
            ? ` Impayé constitué le ${formatDate(arrears.threshold.reachedOn)}${
                arrears.threshold.reportedToCafOn
                  ? `, signalé à la CAF le ${formatDate(arrears.threshold.reportedToCafOn)}.`
                  : `, à signaler à la CAF avant le ${formatDate(arrears.threshold.cafReportDueOn)}.`
              }`
            : "",
        ),
        plan
          ? h(
              "p",
              { class: plan.missed > 0 ? "notice notice-error" : "notice", "data-testid": "repayment-plan" },
              (plan.chargeRegularisationId
                ? `Régularisation des charges payée en ${plan.instalments.length} mensualités (loi 89-462 art. 23), convenue le ${formatDate(plan.startOn)} pour ${formatEuros(plan.debtCents)}`
                : `Plan d'apurement convenu le ${formatDate(plan.startOn)} pour une dette de ${formatEuros(plan.debtCents)}`) +
                (plan.missed > 0 ? ` : ${plan.missed} échéance(s) non respectée(s).` : " : respecté."),
            )
          : null,
        plan
          ? table(
              "Échéances du plan",
              [
                { header: "Échéance", cell: (i) => formatDate(i.dueOn) },
                { header: "Montant", cell: (i) => formatEuros(i.amountCents), numeric: true },
                { header: "État", cell: (i) => instalmentStatusLabels[i.status] },
              ],
              plan.instalments,
            )
          : null,
      );
    })
    .catch((error: unknown) => mount(status, loadError(error, "Impayé")));
  return section(
    "Plan d'apurement",
    status,
    h(
      "p",
      { class: "hint" },
      "Les mensualités convenues avec l'occupant s'ajoutent au loyer courant ; leur total ne peut dépasser la dette.",
    ),
    actionForm(
      "Plan d'apurement",
      [
        field({
          name: "startOn",
          label: "Plan convenu le",
          type: "date",
          required: true,
          value: todayInParis(),
        }),
        field({ name: "firstDueOn", label: "Première mensualité le", type: "date", required: true }),
        field({ name: "count", label: "Nombre de mensualités", type: "number", required: true }),
        field({ name: "amountCents", label: "Montant de chaque mensualité", type: "euros", required: true }),
      ],
      RepaymentPlanForm,
      async (form) => {
        await api.post(`/api/ledger/leases/${encodeURIComponent(leaseId)}/repayment-plans`, {
          startOn: form.startOn,
          instalments: monthlyInstalments(form.firstDueOn, form.count, form.amountCents),
        });
        reload();
        return `Plan d'apurement de ${form.count} mensualité(s) de ${formatEuros(form.amountCents)} enregistré.`;
      },
      "Enregistrer le plan",
    ),
  );
}

const maskedIban = (iban: string) => `${iban.slice(0, 4)} •••• •••• ${iban.slice(-4)}`;

/**
 * The tenant's SEPA direct-debit mandate (RUM, date of signature, the debited account): shown when
 * recorded, with the sequence type of the next collection (FRST the first, RCUR after); otherwise
 * the form that records the signed mandate. The avis d'échéance offers the direct debit only then.
 */
export function debitMandateSection(leaseId: string, writable: boolean, reload: () => void): HTMLElement {
  const box = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
  api
    .get<z.infer<typeof LeaseDebitMandate>>(`/api/ledger/leases/${encodeURIComponent(leaseId)}/debit-mandate`)
    .then(({ mandate }) => {
      if (mandate) {
        mount(
          box,
          h(
            "dl",
            { class: "figures", "data-testid": "debit-mandate" },
            ...[
              ["Référence du mandat (RUM)", mandate.reference],
              ["Signé le", formatDate(mandate.signedOn)],
              ["Titulaire du compte", mandate.debtorName],
              ["Compte débité", `${maskedIban(mandate.iban)}${mandate.bic ? ` (BIC ${mandate.bic})` : ""}`],
              [
                "Prochain prélèvement",
                mandate.nextSequenceType === "FRST"
                  ? "premier prélèvement (FRST)"
                  : `récurrent (RCUR), ${mandate.collections} prélèvement(s) déjà émis`,
              ],
            ].map(([label, value]) => h("div", null, h("dt", null, label), h("dd", null, value))),
          ),
        );
        return;
      }
      mount(
        box,
        h("p", null, "Aucun mandat de prélèvement : l'avis d'échéance ne propose pas le prélèvement."),
        writable
          ? actionForm(
              "Mandat de prélèvement SEPA",
              [
                field({
                  name: "signedOn",
                  label: "Mandat signé le",
                  type: "date",
                  required: true,
                  value: todayInParis(),
                }),
                field({ name: "iban", label: "IBAN du compte à débiter", required: true }),
                field({ name: "bic", label: "BIC", hint: "facultatif" }),
                field({
                  name: "debtorName",
                  label: "Titulaire du compte",
                  hint: "si ce n'est pas l'occupant",
                }),
                field({
                  name: "reference",
                  label: "Référence du mandat (RUM)",
                  hint: "laissée vide, elle est tirée de la référence de virement du bail",
                }),
              ],
              DebitMandateBody,
              async (body) => {
                const saved = await api.post<z.infer<typeof DebitMandate>>(
                  `/api/ledger/leases/${encodeURIComponent(leaseId)}/debit-mandate`,
                  body,
                );
                reload();
                return `Mandat ${saved.reference} enregistré.`;
              },
              "Enregistrer le mandat",
            )
          : null,
      );
    })
    .catch((error: unknown) => mount(box, loadError(error, "Mandat de prélèvement")));
  return section("Prélèvement SEPA", box);
}

const irlQuarter = (r: Account["revisions"][number]) => `IRL ${r.irlQuarter}e trimestre ${r.irlYear}`;

export function revisionSection(account: Account, reload: () => void): HTMLElement {
  const proposeStatus = h("p", { role: "status" });
  const propose = h("button", { type: "button" }, "Calculer la révision de l'année");
  propose.addEventListener("click", async () => {
    propose.setAttribute("disabled", "");
    proposeStatus.textContent = "";
    try {
      await api.post(`/api/ledger/leases/${encodeURIComponent(account.leaseId)}/revision-proposals`);
      reload();
    } catch (error) {
      proposeStatus.textContent = error instanceof ApiError ? error.problem.detail : (error as Error).message;
    } finally {
      propose.removeAttribute("disabled");
    }
  });
  const pending = account.revisions.filter((r) => !r.requestedOn);
  return section(
    "Révision annuelle du loyer (IRL)",
    h(
      "p",
      { class: "hint" },
      "La révision se calcule à la date anniversaire du bail sur l'indice publié par l'INSEE — au 1er janvier, sur l'indice du 2e trimestre de l'année précédente, pour un bail de bailleur social (CCH L.442-1) ; elle ne prend effet qu'à compter de sa demande au locataire, au plus tard un an après cette date.",
    ),
    table<Account["revisions"][number]>(
      "Révisions du loyer",
      [
        { header: "Date de révision", cell: (r) => formatDate(r.anniversaryOn) },
        { header: "Indice", cell: irlQuarter },
        { header: "Loyer avant", cell: (r) => formatEuros(r.previousRentCents), numeric: true },
        { header: "Loyer révisé", cell: (r) => formatEuros(r.newRentCents), numeric: true },
        { header: "Demandée le", cell: (r) => (r.requestedOn ? formatDate(r.requestedOn) : "pas encore") },
        { header: "En vigueur le", cell: (r) => (r.effectiveFrom ? formatDate(r.effectiveFrom) : "—") },
      ],
      account.revisions,
      "Aucune révision calculée.",
    ),
    h("p", { class: "actions" }, propose),
    proposeStatus,
    ...pending.map((revision) =>
      actionForm(
        `Demande de la révision du ${formatDate(revision.anniversaryOn)}`,
        [
          h(
            "p",
            null,
            `Révision du ${formatDate(revision.anniversaryOn)} : ${formatEuros(revision.previousRentCents)} → ${formatEuros(revision.newRentCents)}.`,
          ),
          field({
            name: "requestedOn",
            label: "Demandée au locataire le",
            type: "date",
            required: true,
            value: todayInParis(),
          }),
        ],
        RevisionRequestBody,
        async (body) => {
          await api.post(`/api/ledger/revisions/${encodeURIComponent(revision.id)}/request`, body);
          reload();
          return `Demande de révision notée au ${formatDate(body.requestedOn)}.`;
        },
        "Noter la demande",
      ),
    ),
  );
}

export function transactionsSection(account: Account, writable: boolean, reload: () => void): HTMLElement {
  const reversalForm = (transaction: Account["transactions"][number]) =>
    h(
      "details",
      { class: "reversal" },
      h("summary", null, "Contre-passer…"),
      actionForm(
        `Contre-passation de l'écriture du ${formatDate(transaction.occurredOn)}`,
        [
          field({
            name: "reason",
            label: "Motif de la correction",
            required: true,
            hint: "Par exemple : paiement saisi deux fois. L'écriture reste au journal, annulée par une écriture inverse.",
          }),
        ],
        ReversalBody,
        async (body, key) => {
          await api.post(
            `/api/ledger/transactions/${encodeURIComponent(transaction.id)}/reversal`,
            body,
            idempotent(key),
          );
          reload();
          return "Écriture contre-passée.";
        },
        "Contre-passer l'écriture",
      ),
    );
  const state = (t: Account["transactions"][number]) =>
    t.reversesTransactionId ? "correction" : t.reversedById ? "contre-passée" : "";
  // folded: the journal of a long tenancy is long, and is opened to check or correct an entry
  return h(
    "details",
    { class: "card", "data-testid": "lease-transactions" },
    h("summary", null, `Écritures du compte (${account.transactions.length})`),
    table<Account["transactions"][number]>(
      "Écritures du bail au journal",
      [
        { header: "Date", cell: (t) => formatDate(t.occurredOn) },
        { header: "Nature", cell: (t) => natureLabel(t.kind) },
        { header: "Libellé", cell: (t) => t.label },
        { header: "Montant", cell: (t) => formatEuros(t.amountCents), numeric: true },
        {
          header: "État",
          cell: (t) => (writable && t.reversible ? reversalForm(t) : state(t)),
        },
      ],
      account.transactions,
      "Aucune écriture.",
    ),
  );
}

/**
 * What the tenant paid beyond what was owed (an advance, a charges credit), paid back by transfer:
 * offered only while the account shows a credit, never above it.
 */
export function tenantRefundSection(leaseId: string, tenantBalanceCents: number, reload: () => void) {
  if (tenantBalanceCents >= 0) return null;
  const creditCents = -tenantBalanceCents;
  return section(
    "Trop-perçu",
    h(
      "p",
      { "data-testid": "tenant-credit" },
      `Le locataire a versé ${formatEuros(creditCents)} de plus que ce qui lui a été appelé. Vous pouvez le lui rembourser par virement.`,
    ),
    actionForm(
      "Remboursement du trop-perçu",
      [
        field({
          name: "amountCents",
          label: "Montant remboursé",
          type: "euros",
          required: true,
          value: creditCents,
        }),
        field({ name: "paidOn", label: "Viré le", type: "date", required: true, value: todayInParis() }),
      ],
      TenantRefundBody,
      async (body, key) => {
        await api.post(`/api/ledger/leases/${encodeURIComponent(leaseId)}/refunds`, body, idempotent(key));
        reload();
        return `Remboursement de ${formatEuros(body.amountCents)} enregistré.`;
      },
      "Enregistrer le remboursement",
    ),
  );
}

import { z } from "zod";
import type {
  MeetingSchema,
  RelocationSchema,
  RiskListSchema,
  RiskSchema,
} from "../../../server/modules/keeping/keeping.schemas";
import {
  CloseRiskBody,
  CompleteActionBody,
  CreateActionBody,
  CreateMeetingBody,
  CreateRelocationBody,
  CreateRiskBody,
  CreateStepBody,
} from "../../../server/modules/keeping/keeping.schemas";
import type { Landlord } from "../../../server/modules/landlords/landlords.schemas";
import type { LeaseListItem } from "../../../server/modules/leases/leases.schemas";
import { api } from "../lib/api";
import { fetchAllPages } from "../lib/pagination";
import { announce, h, mount } from "../lib/dom";
import { formatDate } from "../lib/format";
import { bindForm, field, fieldset, formAlert, submitButton } from "../lib/forms";
import type { Page } from "../lib/router";
import { can } from "../lib/session";
import { loadError, section, table, todayInParis } from "../lib/ui";

type Risk = z.infer<typeof RiskSchema>;
type RiskList = z.infer<typeof RiskListSchema>;
type Meeting = z.infer<typeof MeetingSchema>;
type Relocation = z.infer<typeof RelocationSchema>;
type LeaseSummary = z.infer<typeof LeaseListItem>;

export const riskKindLabels: Record<string, string> = {
  unpaid_rent: "Impayés de loyer",
  neighbour_trouble: "Troubles de voisinage",
  damage: "Dégradations",
  lack_of_upkeep: "Défaut d'entretien",
  long_absence: "Absence prolongée",
  other: "Autre",
};

const reporterLabels: Record<string, string> = {
  landlord: "Le bailleur",
  neighbour: "Le voisinage",
  housing_officer: "La gestion locative",
  support_team: "L'équipe d'accompagnement",
  tenant: "La personne elle-même",
  other: "Autre",
};

const outcomeLabels: Record<string, string> = {
  resolved: "Résolu",
  relocation: "Relogement",
  lease_ended: "Fin du contrat",
  no_further_action: "Sans suite",
};

const stepLabels: Record<string, string> = {
  repayment_plan: "Plan d'apurement",
  fsl_application: "Demande au FSL",
  ccapex_referral: "Saisine de la CCAPEX",
  payment_order_received: "Commandement de payer reçu",
};

const alertLabels: Record<Risk["alert"], string> = {
  overdue: "En retard",
  due_soon: "Échéance proche",
  open: "En cours",
  closed: "Clos",
};

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, text]) => ({ value, label: text }));

const TENANT_SIDE = new Set(["sublease", "sliding_sublease", "direct_lease", "temporary_occupancy"]);

const NewRiskForm = CreateRiskBody.extend({ leaseId: z.uuid() });
const NewRelocationForm = CreateRelocationBody.extend({ leaseId: z.uuid() });

function riskForm(leases: LeaseSummary[], reload: () => void): HTMLElement {
  const form = h("form", { "aria-label": "Signaler un risque locatif" }, formAlert());
  form.append(
    h(
      "div",
      { class: "form-grid" },
      field({
        name: "leaseId",
        label: "Contrat (logement et personne)",
        required: true,
        options: leases.map((lease) => ({
          value: lease.id,
          label: `${lease.address ?? lease.id} — ${lease.tenantName ?? "?"}`,
        })),
      }),
      field({ name: "kind", label: "Risque", required: true, options: options(riskKindLabels) }),
      field({ name: "noticedOn", label: "Constaté le", type: "date", required: true, value: todayInParis() }),
      field({ name: "reportedBy", label: "Signalé par", required: true, options: options(reporterLabels) }),
    ),
    field({
      name: "facts",
      label: "Faits constatés",
      type: "textarea",
      hint: "Faits relatifs au logement seulement (montant dû, plainte, dégât). Aucune information de santé.",
    }),
    submitButton("Enregistrer le risque"),
  );
  // nothing chosen in advance: one click must not record an unpaid rent against the first tenant
  for (const name of ["leaseId", "kind", "reportedBy"]) {
    const select = form.querySelector<HTMLSelectElement>(`select[name="${name}"]`)!;
    select.prepend(h("option", { value: "", selected: true }, "Choisir…"));
  }
  bindForm(form, NewRiskForm, async ({ leaseId, ...body }) => {
    await api.post(`/api/leases/${encodeURIComponent(leaseId)}/tenancy-risks`, body);
    announce("Risque enregistré");
    reload();
  });
  return section("Signaler un risque locatif", form);
}

function riskCard(risk: Risk, writable: boolean, reload: () => void): HTMLElement {
  const card = h(
    "article",
    { class: "card", "data-risk": risk.id, "data-alert": risk.alert },
    h(
      "h3",
      null,
      `${riskKindLabels[risk.kind]} — ${risk.address}`,
      " ",
      h("span", { class: risk.alert === "overdue" ? "badge badge-late" : "badge" }, alertLabels[risk.alert]),
    ),
    h(
      "p",
      null,
      `${risk.personName ?? "—"} · bailleur : ${risk.landlordName ?? "—"} · constaté le ${formatDate(risk.noticedOn)} par ${reporterLabels[risk.reportedBy]?.toLowerCase()}`,
      risk.closedOn
        ? ` · clos le ${formatDate(risk.closedOn)} (${outcomeLabels[risk.outcome ?? ""] ?? ""})`
        : "",
    ),
    risk.facts ? h("p", { class: "hint" }, risk.facts) : null,
    table(
      "Actions décidées",
      [
        { header: "Action", cell: (a) => a.action },
        { header: "Qui", cell: (a) => a.owner },
        {
          header: "Pour le",
          cell: (a) =>
            a.overdue
              ? h("span", { class: "badge badge-late" }, `En retard : ${formatDate(a.dueOn)}`)
              : formatDate(a.dueOn),
        },
        {
          header: "Faite",
          cell: (a) =>
            a.doneOn ? formatDate(a.doneOn) : writable && !risk.closedOn ? doneForm(a.id, reload) : "—",
        },
      ],
      risk.actions,
      "Aucune action décidée.",
    ),
    risk.steps.length > 0
      ? table(
          "Prévention des expulsions",
          [
            { header: "Étape", cell: (s) => stepLabels[s.kind] ?? s.kind },
            { header: "Date", cell: (s) => formatDate(s.stepOn) },
            { header: "Échéance", cell: (s) => (s.deadlineOn ? formatDate(s.deadlineOn) : "—") },
            { header: "Référence", cell: (s) => s.reference ?? "—" },
          ],
          risk.steps,
        )
      : null,
  );
  if (writable && !risk.closedOn)
    card.append(actionForm(risk, reload), stepForm(risk, reload), closeForm(risk, reload));
  return card;
}

function doneForm(actionId: string, reload: () => void): HTMLElement {
  const form = h("form", { class: "inline", "aria-label": "Action faite" }, formAlert());
  form.append(
    field({ name: "doneOn", label: "Faite le", type: "date", value: todayInParis() }),
    submitButton("Faite"),
  );
  bindForm(form, CompleteActionBody, async (body) => {
    await api.post(`/api/risk-actions/${encodeURIComponent(actionId)}/done`, body);
    announce("Action faite");
    reload();
  });
  return form;
}

function actionForm(risk: Risk, reload: () => void): HTMLElement {
  const form = h("form", { "aria-label": "Décider une action" }, formAlert());
  form.append(
    fieldset(
      "Décider une action",
      h(
        "div",
        { class: "form-grid" },
        field({ name: "action", label: "Action", required: true }),
        field({ name: "owner", label: "Qui s'en charge", required: true }),
        field({ name: "dueOn", label: "Pour le", type: "date", required: true }),
      ),
    ),
    submitButton("Ajouter l'action"),
  );
  bindForm(form, CreateActionBody, async (body) => {
    await api.post(`/api/tenancy-risks/${encodeURIComponent(risk.id)}/actions`, body);
    announce("Action ajoutée");
    reload();
  });
  return form;
}

function stepForm(risk: Risk, reload: () => void): HTMLElement {
  const form = h("form", { "aria-label": "Étape de prévention" }, formAlert());
  form.append(
    fieldset(
      "Étape de prévention des expulsions",
      h(
        "div",
        { class: "form-grid" },
        field({ name: "kind", label: "Étape", required: true, options: options(stepLabels) }),
        field({ name: "stepOn", label: "Date", type: "date", required: true, value: todayInParis() }),
        field({
          name: "deadlineOn",
          label: "Échéance",
          type: "date",
          hint: "Commandement de payer : six semaines au moins (loi du 6 juillet 1989, art. 24), calculées si vide.",
        }),
        field({ name: "reference", label: "Référence (n° de dossier)" }),
      ),
    ),
    submitButton("Enregistrer l'étape"),
  );
  bindForm(form, CreateStepBody, async (body) => {
    await api.post(`/api/tenancy-risks/${encodeURIComponent(risk.id)}/prevention-steps`, body);
    announce("Étape enregistrée");
    reload();
  });
  return form;
}

function closeForm(risk: Risk, reload: () => void): HTMLElement {
  const form = h("form", { "aria-label": "Clore le risque" }, formAlert());
  form.append(
    fieldset(
      "Clore",
      h(
        "div",
        { class: "form-grid" },
        field({ name: "closedOn", label: "Clos le", type: "date", required: true, value: todayInParis() }),
        field({ name: "outcome", label: "Issue", required: true, options: options(outcomeLabels) }),
      ),
    ),
    submitButton("Clore le risque"),
  );
  bindForm(form, CloseRiskBody, async (body) => {
    await api.post(`/api/tenancy-risks/${encodeURIComponent(risk.id)}/close`, body);
    announce("Risque clos");
    reload();
  });
  return form;
}

function meetingForm(
  landlords: { id: string; displayName: string }[],
  openRisks: Risk[],
  reload: () => void,
): HTMLElement {
  const form = h("form", { "aria-label": "Réunion avec un bailleur" }, formAlert());
  form.append(
    h(
      "div",
      { class: "form-grid" },
      field({ name: "heldOn", label: "Date", type: "date", required: true, value: todayInParis() }),
      field({
        name: "landlordId",
        label: "Bailleur",
        required: true,
        options: landlords.map((l) => ({ value: l.id, label: l.displayName })),
      }),
    ),
    field({ name: "attendees", label: "Participants (un par ligne)", type: "textarea", required: true }),
    field({
      name: "riskIds",
      label: "Situations à l'ordre du jour (logements de ce bailleur seulement)",
      multiple: true,
      options: openRisks.map((r) => ({ value: r.id, label: `${riskKindLabels[r.kind]} — ${r.address}` })),
    }),
    field({
      name: "decisions",
      label: "Décisions",
      type: "textarea",
      required: true,
      hint: "Des faits et décisions sur le logement, jamais de donnée clinique.",
    }),
    submitButton("Enregistrer la réunion"),
  );
  // the agenda offers only the situations on the chosen landlord's flats
  const landlordSelect = form.querySelector<HTMLSelectElement>('select[name="landlordId"]')!;
  const agenda = form.querySelector<HTMLSelectElement>('select[name="riskIds"]')!;
  const showAgendaOf = () => {
    for (const option of Array.from(agenda.options)) {
      const risk = openRisks.find((r) => r.id === option.value);
      const mine = !risk || risk.landlordId === landlordSelect.value;
      option.hidden = !mine;
      option.disabled = !mine;
      if (!mine) option.selected = false;
    }
  };
  landlordSelect.addEventListener("change", showAgendaOf);
  showAgendaOf();
  bindForm(
    form,
    CreateMeetingBody,
    async (body) => {
      await api.post("/api/keeping/meetings", body);
      announce("Réunion enregistrée");
      reload();
    },
    (values) => ({
      ...values,
      attendees: String(values.attendees ?? "")
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean),
      riskIds: values.riskIds ?? [],
    }),
  );
  return form;
}

function relocationForm(leases: LeaseSummary[], reload: () => void): HTMLElement {
  const form = h("form", { "aria-label": "Demander un relogement" }, formAlert());
  form.append(
    h(
      "div",
      { class: "form-grid" },
      field({
        name: "leaseId",
        label: "Contrat actuel",
        required: true,
        options: leases.map((lease) => ({
          value: lease.id,
          label: `${lease.address ?? lease.id} — ${lease.tenantName ?? "?"}`,
        })),
      }),
      field({
        name: "requestedOn",
        label: "Demandé le",
        type: "date",
        required: true,
        value: todayInParis(),
      }),
      field({ name: "pdalhpdPriorityOn", label: "Priorité PDALHPD accordée le", type: "date" }),
    ),
    field({ name: "reason", label: "Motif (lié au logement)", type: "textarea", required: true }),
    h(
      "p",
      { class: "hint" },
      "Les choix de logement de la personne sont conservés : la recherche part de sa fiche.",
    ),
    submitButton("Demander le relogement"),
  );
  bindForm(
    form,
    NewRelocationForm,
    async ({ leaseId, ...body }) => {
      await api.post(`/api/leases/${encodeURIComponent(leaseId)}/relocation-requests`, body);
      announce("Relogement demandé");
      reload();
    },
    (values) => ({ ...values, pdalhpdPriorityOn: values.pdalhpdPriorityOn ?? null }),
  );
  return form;
}

/**
 * Tenancy keeping (seed 004: SELO; cahier des charges §8.5.1, §9.4): the register of risks with
 * the actions decided and the prevention of evictions, the partner meetings with landlords and
 * their minutes, relocations with the PDALHPD priority.
 */
export const keepingPage: Page = {
  path: "/maintien",
  title: "Maintien dans le logement",
  permission: "leases.read",
  async render({ root, me }) {
    const content = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
    mount(root, h("h1", null, "Maintien dans le logement"), content);
    const writable = can(me, "leases.write");
    const load = async () => {
      try {
        const [risks, meetings, relocations, leases, landlords] = await Promise.all([
          fetchAllPages<RiskList["items"][number]>("/api/keeping/risks"),
          fetchAllPages<Meeting>("/api/keeping/meetings"),
          fetchAllPages<Relocation>("/api/keeping/relocations"),
          writable ? fetchAllPages<LeaseSummary>("/api/leases") : Promise.resolve([]),
          writable ? fetchAllPages<z.infer<typeof Landlord>>("/api/landlords") : Promise.resolve([]),
        ]);
        // every page is loaded, so the late actions are counted here (the server marks an action
        // overdue only while its risk is open)
        const register = {
          items: risks,
          overdueActions: risks.reduce(
            (late, risk) => late + risk.actions.filter((a) => a.overdue).length,
            0,
          ),
        };
        const tenancies = leases.filter(
          (lease) =>
            TENANT_SIDE.has(lease.kind) && (lease.status === "signed" || lease.status === "notice_given"),
        );
        const open = register.items.filter((risk) => !risk.closedOn);
        const reload = () => void load();
        mount(
          content,
          h(
            "p",
            {
              class: register.overdueActions > 0 ? "notice notice-error" : "notice",
              role: "status",
              "data-testid": "keeping-status",
            },
            `${open.length} situation(s) en cours, ${register.overdueActions} action(s) en retard.`,
          ),
          writable ? riskForm(tenancies, reload) : null,
          section(
            "Registre des risques locatifs",
            register.items.length === 0
              ? h("p", { class: "empty" }, "Aucun risque enregistré.")
              : h(
                  "div",
                  { class: "cards" },
                  ...register.items.map((risk) => riskCard(risk, writable, reload)),
                ),
          ),
          section(
            "Réunions partenariales avec les bailleurs",
            table(
              "Réunions",
              [
                { header: "Date", cell: (m) => formatDate(m.heldOn) },
                { header: "Bailleur", cell: (m) => m.landlordName },
                { header: "Participants", cell: (m) => m.attendees.join(", ") },
                { header: "Situations", cell: (m) => String(m.agenda.length), numeric: true },
                {
                  header: "Compte rendu",
                  cell: (m) =>
                    h(
                      "a",
                      { href: `/api/keeping/meetings/${encodeURIComponent(m.id)}/minutes`, target: "_blank" },
                      "PDF",
                    ),
                },
              ],
              meetings,
              "Aucune réunion.",
            ),
            writable ? meetingForm(landlords, open, reload) : null,
          ),
          section(
            "Relogements",
            table(
              "Relogements",
              [
                { header: "Personne", cell: (r) => r.personName },
                { header: "Demandé le", cell: (r) => formatDate(r.requestedOn) },
                { header: "Motif", cell: (r) => r.reason },
                {
                  header: "Priorité PDALHPD",
                  cell: (r) => (r.pdalhpdPriorityOn ? `Accordée le ${formatDate(r.pdalhpdPriorityOn)}` : "—"),
                },
                {
                  header: "État",
                  cell: (r) =>
                    ({ requested: "En cours", rehoused: "Relogé", abandoned: "Abandonné" })[r.status],
                },
              ],
              relocations,
              "Aucun relogement en cours.",
            ),
            writable ? relocationForm(tenancies, reload) : null,
          ),
        );
      } catch (error) {
        mount(content, loadError(error, "Maintien dans le logement"));
      }
    };
    await load();
  },
};

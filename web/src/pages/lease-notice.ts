import { IsoDateSchema } from "../../../server/lib/date-schemas";
import type { z } from "zod";
import {
  type HeldTightMarketList,
  type LeaseDetail,
  NoticeBody,
  TerminateBody,
  TightMarketList,
} from "../../../server/modules/leases/leases.schemas";
import {
  LESSOR_NOTICE_MOTIVE_LABELS,
  noticeEndDate,
  TENANT_NOTICE_REASON_LABELS,
  type TenantNoticeReason,
  tenantNoticePeriod,
  winterTruceContaining,
} from "../../../server/modules/leases/notice.rules";
import { api } from "../lib/api";
import { announce, h, mount } from "../lib/dom";
import { bindForm, field, formAlert, submitButton } from "../lib/forms";
import { formatDate } from "../lib/format";
import type { Page } from "../lib/router";
import { can } from "../lib/session";
import { loadError, section } from "../lib/ui";

/**
 * The end of a contract on its page: the notice (loi 89-462 art. 15, POST /api/leases/{id}/notice)
 * with the period worked out as the officer types, by the same rules the server applies; the
 * end of the contract (POST /api/leases/{id}/terminate) with the winter truce shown; and the
 * admins' list of zone tendue communes (PUT /api/tight-market-communes).
 */
/** What the section reads of the lease page's GET /api/leases/{id}. */
type LeaseForNotice = Pick<
  z.infer<typeof LeaseDetail>,
  | "id"
  | "kind"
  | "status"
  | "endDate"
  | "fixedTerm"
  | "noticeGivenOn"
  | "noticeGivenBy"
  | "noticeReason"
  | "noticeJustificationReceived"
  | "noticePeriodMonths"
  | "noticeTerms"
  | "winterTruce"
>;

const groundLabels = {
  furnished: "logement meublé",
  tight_market: "commune en zone tendue",
  personal_reason: "motif justifié",
} as const;

const monthsLabel = (months: number) => `${months} mois`;

function truceBanner(truce: { from: string; to: string }): HTMLElement {
  return h(
    "p",
    { class: "notice notice-warning", role: "note", "data-testid": "winter-truce" },
    `Trêve hivernale du ${formatDate(truce.from)} au ${formatDate(truce.to)} : aucune expulsion ne peut être exécutée (code des procédures civiles d'exécution, art. L.412-6).`,
  );
}

const lowerFirst = (text: string) => text.charAt(0).toLocaleLowerCase("fr") + text.slice(1);

/** The reason the letter gave, as the officer checks it against the period: «(motif : …, justifié)». */
function noticeReasonText(lease: LeaseForNotice): string {
  const reason = lease.noticeReason;
  if (!reason || reason === "none") return "";
  if (lease.noticeGivenBy === "lessor") {
    const motive = LESSOR_NOTICE_MOTIVE_LABELS[reason as keyof typeof LESSOR_NOTICE_MOTIVE_LABELS];
    return motive ? ` (motif : ${lowerFirst(motive)})` : "";
  }
  const label = TENANT_NOTICE_REASON_LABELS[reason as TenantNoticeReason];
  if (!label) return "";
  return ` (motif : ${lowerFirst(label)}, ${
    lease.noticeJustificationReceived ? "justificatif reçu" : "sans justificatif"
  })`;
}

/** What the notice and the end of the contract look like on a lease page, by its state. */
export function leaseEndSection(
  lease: LeaseForNotice,
  options: { today: string; writable: boolean; reload: () => Promise<void> },
): HTMLElement | null {
  const id = encodeURIComponent(lease.id);
  const parts: HTMLElement[] = [];
  if (lease.winterTruce) parts.push(truceBanner(lease.winterTruce));
  if (lease.status === "notice_given") {
    parts.push(
      h(
        "p",
        { "data-testid": "notice-summary" },
        `Congé ${lease.noticeGivenBy === "lessor" ? "du bailleur" : "du locataire"} reçu le ${formatDate(lease.noticeGivenOn)}` +
          (lease.noticePeriodMonths ? `, préavis de ${monthsLabel(lease.noticePeriodMonths)}` : "") +
          noticeReasonText(lease) +
          ` : fin le ${formatDate(lease.endDate)}.`,
      ),
    );
  }
  if (options.writable && lease.status === "signed")
    parts.push(h("h3", null, "Enregistrer un congé"), noticeForm(lease, options));
  if (options.writable && (lease.status === "signed" || lease.status === "notice_given"))
    parts.push(h("h3", null, "Mettre fin au contrat"), terminateForm(lease, options));
  if (parts.length === 0) return null;
  return section("Congé et fin du contrat", ...parts);

  function noticeForm(
    lease: LeaseForNotice,
    options: { today: string; reload: () => Promise<void> },
  ): HTMLElement {
    const terms = lease.noticeTerms;
    const preview = h("p", { class: "hint", "aria-live": "polite", "data-testid": "notice-preview" });
    const lessorMotives = Object.entries(LESSOR_NOTICE_MOTIVE_LABELS).filter(([value]) =>
      value === "head_lease_end"
        ? terms.lessorIsOperator
        : value === "repossession"
          ? !terms.lessorIsOperator && terms.landlordKind === "private_person"
          : true,
    );
    const form = h(
      "form",
      { "aria-label": "Enregistrer un congé" },
      formAlert(),
      h(
        "p",
        { class: "hint" },
        terms.tightMarket
          ? "Le logement est en zone tendue : le préavis du locataire est d'un mois."
          : terms.furnished
            ? "Logement meublé : le préavis du locataire est d'un mois."
            : "Préavis du locataire : trois mois, un mois pour un motif de l'article 15 justifié avec la lettre.",
      ),
      h(
        "div",
        { class: "form-grid" },
        field({
          name: "givenBy",
          label: "Congé donné par",
          required: true,
          value: "tenant",
          options: [
            { value: "tenant", label: "Le locataire" },
            ...(lease.fixedTerm ? [{ value: "lessor", label: "Le bailleur" }] : []),
          ],
          hint: lease.fixedTerm
            ? undefined
            : "Bail sans durée déterminée (bailleur social) : pas de congé du bailleur pour le terme.",
        }),
        field({
          name: "givenOn",
          label: "Lettre reçue le",
          type: "date",
          required: true,
          value: options.today,
          hint: "Le préavis court du jour de réception de la lettre.",
        }),
        field({
          name: "tenantReason",
          label: "Motif de préavis réduit invoqué",
          required: true,
          value: "none",
          options: Object.entries(TENANT_NOTICE_REASON_LABELS).map(([value, text]) => ({
            value,
            label: text,
          })),
        }),
        field({
          name: "justificationReceived",
          label: "Justificatif reçu avec la lettre",
          type: "checkbox",
          value: false,
        }),
        field({
          name: "reason",
          label: "Suite",
          required: true,
          value: "departure",
          options: [
            { value: "departure", label: "Départ du locataire" },
            ...(terms.lessorIsOperator
              ? [{ value: "relocation", label: "Relogement dans un autre logement du programme" }]
              : []),
          ],
        }),
        field({
          name: "lessorMotive",
          label: "Motif du congé du bailleur",
          options: lessorMotives.map(([value, text]) => ({ value, label: text })),
        }),
        field({
          name: "motiveDetail",
          label: "Énoncé du motif (repris dans la lettre)",
          type: "textarea",
        }),
        field({
          name: "effectiveDate",
          label: "Fin du préavis",
          type: "date",
          hint: "Laisser vide : la fin légale du préavis (ou le terme pour le bailleur).",
        }),
      ),
      preview,
      submitButton("Enregistrer le congé"),
    );
    const control = (name: string) =>
      form.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`[name="${name}"]`)!;
    const show = (name: string, visible: boolean) => {
      // the fields' own display rule would override the hidden attribute
      const container = form.querySelector<HTMLElement>(`[data-field="${name}"]`)!;
      container.hidden = !visible;
      container.style.display = visible ? "" : "none";
    };
    const refresh = () => {
      const byLessor = control("givenBy").value === "lessor";
      for (const name of ["tenantReason", "justificationReceived", "reason"]) show(name, !byLessor);
      for (const name of ["lessorMotive", "motiveDetail"]) show(name, byLessor);
      const givenOn = control("givenOn").value;
      if (byLessor) {
        preview.textContent = terms.termDate
          ? `Le congé du bailleur vaut pour le terme, le ${formatDate(terms.termDate)} ; il doit être reçu au plus tard le ${formatDate(terms.lessorNoticeDeadline)}.`
          : "";
        const truce = terms.termDate ? winterTruceContaining(terms.termDate) : null;
        if (truce)
          preview.textContent += ` Le terme tombe pendant la trêve hivernale (jusqu'au ${formatDate(truce.to)}).`;
        return;
      }
      if (control("reason").value === "relocation") {
        preview.textContent = "Relogement : la date de fin est convenue avec la personne.";
        return;
      }
      const period = tenantNoticePeriod({
        furnished: terms.furnished,
        tightMarket: terms.tightMarket,
        reason: control("tenantReason").value as TenantNoticeReason,
        justificationReceived: (control("justificationReceived") as HTMLInputElement).checked,
      });
      const end = IsoDateSchema.safeParse(givenOn).success ? noticeEndDate(givenOn, period.months) : null;
      preview.textContent =
        `Préavis de ${monthsLabel(period.months)}` +
        (period.ground ? ` (${groundLabels[period.ground]})` : "") +
        (end ? `, fin au plus tôt le ${formatDate(end)}.` : ".") +
        (period.unjustifiedReason
          ? " Sans justificatif reçu avec la lettre, le délai est de trois mois."
          : "");
    };
    form.addEventListener("input", refresh);
    form.addEventListener("change", refresh);
    refresh();
    bindForm(
      form,
      NoticeBody,
      async (body) => {
        await api.post(`/api/leases/${id}/notice`, body);
        announce("Congé enregistré : la lettre est dans les documents.");
        await options.reload();
      },
      (values) => {
        const byLessor = values.givenBy === "lessor";
        return {
          givenBy: values.givenBy,
          givenOn: values.givenOn,
          effectiveDate: values.effectiveDate,
          ...(byLessor
            ? { lessorMotive: values.lessorMotive, motiveDetail: values.motiveDetail }
            : {
                reason: values.reason,
                tenantReason: values.tenantReason,
                justificationReceived: values.justificationReceived,
              }),
        };
      },
    );
    return form;
  }

  function terminateForm(lease: LeaseForNotice, options: { today: string; reload: () => Promise<void> }) {
    const warning = h("p", { class: "hint", "aria-live": "polite" });
    const form = h(
      "form",
      { "aria-label": "Mettre fin au contrat" },
      formAlert(),
      h(
        "div",
        { class: "form-grid" },
        field({
          name: "endedOn",
          label: "Dernier jour du contrat",
          type: "date",
          required: true,
          value: lease.endDate ?? options.today,
        }),
        field({
          name: "reason",
          label: "Motif",
          required: true,
          value: "departure",
          options: [
            { value: "departure", label: "Départ du locataire" },
            { value: "relocation", label: "Relogement" },
            { value: "court_decision", label: "Décision de justice" },
          ],
        }),
      ),
      warning,
      submitButton("Mettre fin au contrat"),
    );
    const refresh = () => {
      const endedOn = form.querySelector<HTMLInputElement>('[name="endedOn"]')!.value;
      const reason = form.querySelector<HTMLSelectElement>('[name="reason"]')!.value;
      const truce =
        reason === "court_decision" && IsoDateSchema.safeParse(endedOn).success
          ? winterTruceContaining(endedOn)
          : null;
      warning.textContent = truce
        ? `Trêve hivernale jusqu'au ${formatDate(truce.to)} : aucune expulsion ne peut être exécutée avant le ${formatDate(nextDay(truce.to))}.`
        : "";
    };
    form.addEventListener("input", refresh);
    form.addEventListener("change", refresh);
    refresh();
    bindForm(form, TerminateBody, async (body) => {
      await api.post(`/api/leases/${id}/terminate`, body);
      announce("Contrat terminé.");
      await options.reload();
    });
    return form;
  }
}

const nextDay = (date: string) => {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + 1);
  return value.toISOString().slice(0, 10);
};

type TightMarket = z.infer<typeof HeldTightMarketList>;

/** The admins keep the zone tendue communes from the official text (no copy ships with the software). */
export const tightMarketPage: Page = {
  path: "/baux/zone-tendue",
  title: "Communes en zone tendue",
  permission: "leases.read",
  async render({ root, me }) {
    let list: TightMarket;
    try {
      list = await api.get<TightMarket>("/api/tight-market-communes");
    } catch (error) {
      mount(root, h("h1", null, "Communes en zone tendue"), loadError(error, "Communes"));
      return;
    }
    const intro = h(
      "p",
      null,
      "Dans ces communes, le préavis du locataire est d'un mois (loi n° 89-462 art. 15 I, 1°). La liste est celle de l'annexe du décret n° 2013-392 du 10 mai 2013 dans sa version en vigueur : recopiez-la depuis Légifrance, avec la date de la version, une commune par ligne « code INSEE ; nom ».",
    );
    const current = h(
      "p",
      { "data-testid": "tight-market-count" },
      list.communes.length === 0
        ? "Aucune commune enregistrée : le préavis d'un mois pour zone tendue ne s'applique nulle part."
        : `${list.communes.length} commune(s) — source : ${list.source}`,
    );
    const editable = can(me, "organisation.update");
    const form = h(
      "form",
      { "aria-label": "Liste des communes en zone tendue" },
      formAlert(),
      field({
        name: "source",
        label: "Texte recopié et date de sa version",
        required: true,
        value: list.source ?? "Annexe du décret n° 2013-392 du 10 mai 2013 modifié, version du ",
      }),
      field({
        name: "communes",
        label: "Communes (une par ligne : code INSEE ; nom)",
        type: "textarea",
        value: list.communes.map((c) => `${c.inseeCode} ; ${c.name}`).join("\n"),
        attrs: { rows: 12 },
      }),
      submitButton("Enregistrer la liste"),
    );
    bindForm(
      form,
      TightMarketList,
      async (body) => {
        const saved = await api.put<TightMarket>("/api/tight-market-communes", body);
        current.textContent = `${saved.communes.length} commune(s) — source : ${saved.source}`;
        announce("Liste des communes en zone tendue enregistrée.");
      },
      (values) => ({
        source: values.source,
        communes: String(values.communes ?? "")
          .split("\n")
          .map((line) => line.trim())
          .filter(Boolean)
          .map((line) => {
            const [inseeCode = "", ...name] = line.split(/[;\t]/);
            return { inseeCode: inseeCode.trim(), name: name.join(" ").trim() };
          }),
      }),
    );
    mount(
      root,
      h("p", null, h("a", { href: "/baux", "data-link": true }, "← Baux et documents")),
      h("h1", null, "Communes en zone tendue"),
      intro,
      current,
      editable
        ? form
        : h(
            "ul",
            null,
            list.communes.map((c) => h("li", null, `${c.name} (${c.inseeCode})`)),
          ),
    );
  },
};

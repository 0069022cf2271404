import { parseEuros } from "../../../server/lib/money";
import { termInForce } from "../../../server/modules/leases/leases.rules";
import type { z } from "zod";
import {
  CreateLeaseBody,
  GlissementBody,
  type GlissementResult,
  type Lease as LeaseSchema,
  type LeaseDetail as LeaseDetailSchema,
  type LeaseListItem,
  PrefectInformationBody,
  ReviewBody,
} from "../../../server/modules/leases/leases.schemas";
import type { DocumentSummary as DocumentSummarySchema } from "../../../server/modules/documents/documents.schemas";
import type { Landlord } from "../../../server/modules/landlords/landlords.schemas";
import type { PanelSchema, PanelSummarySchema } from "../../../server/modules/panels/panels.schemas";
import { api, query } from "../lib/api";
import { fetchAllPages } from "../lib/pagination";
import { announce, h, mount } from "../lib/dom";
import { bindForm, field, fieldset, formAlert, submitButton } from "../lib/forms";
import { formatDate, formatDateTime, formatEuros, label, typologyLabels } from "../lib/format";
import type { Page } from "../lib/router";
import { can } from "../lib/session";
import { loadError, section, table } from "../lib/ui";
import { leaseKindLabels, leaseStatusLabels } from "./finance";
import { fold } from "./landlords";
import { headLeaseForm, unitsAwaitingHeadLease } from "./head-lease";
import { leaseInspectionSection } from "./lease-inspection";
import { leaseEndSection, type NoticeTerms } from "./lease-notice";
import { leasePaymentTermsSection } from "./lease-payment-terms";
import { leaseRelocationSection } from "./lease-relocation";

/**
 * Leases (server/modules/leases): the lease of an accepted offer (POST /api/leases from the
 * panel's accepted unit and person), the contracts, and one contract's page: signature, the
 * sliding lease's reviews (POST /api/leases/{id}/reviews) and its glissement into a direct
 * lease (POST /api/leases/{id}/glissement), and its documents (PDFs, GET /api/documents/{id}.pdf).
 */
type Lease = z.infer<typeof LeaseSchema>;
/** A contract in a list: with its tenant, landlord and address. */
type LeaseRow = z.infer<typeof LeaseListItem>;
type LeaseDetail = z.infer<typeof LeaseDetailSchema>;
type PanelSummary = z.infer<typeof PanelSummarySchema>;
type Panel = z.infer<typeof PanelSchema>;
type DocumentSummary = z.infer<typeof DocumentSummarySchema>;

const outcomeLabels: Record<string, string> = {
  favourable: "Favorable (glissement possible)",
  unfavourable: "Défavorable",
  postponed: "Reportée",
};
const templateLabels: Record<string, string> = {
  head_lease: "Bail principal",
  sublease: "Contrat de sous-location",
  sliding_lease_agreement: "Bail glissant (tripartite)",
  glissement_amendment: "Avenant de glissement",
  payment_terms_amendment: "Avenant : modalités de paiement du loyer",
  prefect_information: "Information du préfet (bail glissant)",
  management_mandate: "Mandat de gestion",
  mandate_signature_certificate: "Certificat de signature",
  rent_call: "Avis d'échéance",
  rent_receipt: "Quittance",
  partial_payment_receipt: "Reçu",
  landlord_statement: "Relevé de gérance",
  offer_sheet: "Fiche de proposition",
  tenant_notice_receipt: "Accusé de réception du congé",
  lessor_notice: "Congé du bailleur",
};
const amount = (cents: number) => (cents / 100).toFixed(2).replace(".", ",");
/** «, reconduit tacitement jusqu'au …» once a signed contract has passed its first term without notice. */
function renewalNote(
  lease: { status: string; endDate: string | null; durationMonths: number; furnished: boolean },
  today: string,
): string {
  if (lease.status !== "signed" || !lease.endDate) return "";
  const { termDate, renewals } = termInForce(
    { endDate: lease.endDate, durationMonths: lease.durationMonths, furnished: lease.furnished },
    today,
  );
  return renewals === 0 ? "" : ` ; reconduit tacitement jusqu'au ${formatDate(termDate)}`;
}

function euros(value: unknown): number | undefined {
  if (value === undefined || value === "") return undefined;
  try {
    return parseEuros(String(value));
  } catch {
    return Number.NaN;
  }
}
const lines = (value: unknown) =>
  String(value ?? "")
    .split(/\n|;/)
    .map((line) => line.trim())
    .filter(Boolean);

export const leasesPage: Page = {
  path: "/baux",
  title: "Baux et documents",
  permission: "leases.read",
  async render({ root, me, navigate, config, query: search }) {
    const toCreate = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
    const headLeases = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
    const list = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
    const filter = h("input", {
      type: "search",
      id: "leases-q",
      value: search.get("q") ?? "",
      placeholder: "Nom, adresse ou propriétaire",
    });
    mount(
      root,
      h("h1", null, "Baux et documents"),
      h(
        "p",
        null,
        h(
          "a",
          { href: "/baux/zone-tendue", "data-link": true },
          "Communes en zone tendue (préavis d'un mois)",
        ),
      ),
      can(me, "leases.write") ? section("Propositions acceptées : bail à établir", toCreate) : null,
      can(me, "leases.write") ? section("Baux principaux à établir", headLeases) : null,
      section(
        "Contrats",
        h("p", { class: "actions", role: "search" }, h("label", { for: "leases-q" }, "Rechercher"), filter),
        list,
      ),
    );
    let leases: LeaseRow[] = [];
    const drawList = () => {
      const key = fold(filter.value);
      const rows = [...leases]
        .filter(
          (l) =>
            !key ||
            fold(
              `${l.tenantName ?? ""} ${l.address ?? ""} ${l.landlordName ?? ""} ${label(leaseKindLabels, l.kind)}`,
            ).includes(key),
        )
        .sort((a, b) => b.startDate.localeCompare(a.startDate));
      mount(
        list,
        table<LeaseRow>(
          `${rows.length} contrat(s)`,
          [
            {
              header: "Contrat",
              cell: (l) =>
                h(
                  "a",
                  { href: `/baux/${encodeURIComponent(l.id)}`, "data-link": true },
                  `${label(leaseKindLabels, l.kind)} du ${formatDate(l.startDate)}`,
                ),
            },
            {
              header: "Occupant ou bailleur",
              cell: (l) =>
                l.kind === "head_lease" ? `Bailleur : ${l.landlordName ?? "—"}` : (l.tenantName ?? "—"),
            },
            { header: "Adresse", cell: (l) => l.address ?? "—" },
            { header: "Statut", cell: (l) => label(leaseStatusLabels, l.status) },
            {
              header: "Fin",
              cell: (l) => (l.fixedTerm === false && !l.endedOn ? "sans terme" : formatDate(l.endDate)),
            },
            {
              header: "Loyer + charges",
              cell: (l) => `${formatEuros(l.rentCents)} + ${formatEuros(l.chargesCents)}`,
              numeric: true,
            },
            { header: "Glissement visé", cell: (l) => formatDate(l.slidingTargetDate) },
          ],
          rows,
          key ? "Aucun contrat ne correspond à la recherche." : "Aucun contrat.",
        ),
      );
    };
    filter.addEventListener("input", drawList);
    try {
      leases = await fetchAllPages<LeaseRow>("/api/leases");
      drawList();
    } catch (error) {
      mount(list, loadError(error, "Contrats"));
    }
    if (!can(me, "leases.write")) return;
    try {
      type UnitLike = Parameters<typeof unitsAwaitingHeadLease>[0][number];
      const [headLeaseUnits, slidingUnits, landlords] = await Promise.all([
        fetchAllPages<UnitLike>("/api/units?captureFormula=head_lease"),
        fetchAllPages<UnitLike>("/api/units?captureFormula=sliding_lease"),
        fetchAllPages<z.infer<typeof Landlord>>("/api/landlords"),
      ]);
      const units = [...headLeaseUnits, ...slidingUnits];
      const awaiting = unitsAwaitingHeadLease(units, leases);
      mount(
        headLeases,
        awaiting.length === 0
          ? h("p", { class: "empty" }, "Chaque logement capté en bail principal a son bail.")
          : awaiting.map((unit) => headLeaseForm(unit, landlords, config.today, navigate)),
      );
    } catch (error) {
      mount(headLeases, loadError(error, "Baux principaux"));
    }
    try {
      const accepted = await fetchAllPages<PanelSummary>("/api/panels?status=accepted");
      const panels = await Promise.all(
        accepted.map((p) => api.get<Panel>(`/api/panels/${encodeURIComponent(p.id)}`)),
      );
      const pending = panels
        .map((panel) => ({ panel, offer: panel.offers.find((offer) => offer.status === "accepted") }))
        .filter(
          (row): row is { panel: Panel; offer: Panel["offers"][number] } =>
            Boolean(row.offer) &&
            !leases.some(
              (l) =>
                l.personId === row.panel.person.id &&
                l.unitId === row.offer!.unit.unitId &&
                l.kind !== "head_lease",
            ),
        );
      mount(
        toCreate,
        pending.length === 0
          ? h("p", { class: "empty" }, "Aucune proposition acceptée en attente de bail.")
          : pending.map(({ panel, offer }) => leaseForm(panel, offer, navigate)),
      );
    } catch (error) {
      mount(toCreate, loadError(error, "Propositions acceptées"));
    }
  },
};

/** The lease of an accepted offer: the unit and the person come from the panel; the rest is typed. */
function leaseForm(
  panel: Panel,
  offer: Panel["offers"][number],
  navigate: (path: string) => void,
): HTMLElement {
  const who = `${panel.person.firstName} ${panel.person.lastName}`;
  const sliding = h(
    "div",
    { hidden: true },
    fieldset(
      "Clause de glissement",
      h(
        "div",
        { class: "form-grid" },
        field({ name: "sliding.targetDate", label: "Date visée pour le glissement", type: "date" }),
        field({
          name: "sliding.reviewDates",
          label: "Dates des points d'étape (jj/mm/aaaa, séparées par « ; »)",
          hint: "Par exemple : 01/06/2027 ; 01/12/2027",
        }),
        field({
          name: "sliding.conditions",
          label: "Conditions du glissement (une par ligne)",
          type: "textarea",
          value: "Paiement régulier du loyer\nOccupation paisible du logement",
        }),
      ),
    ),
  );
  const form = h(
    "form",
    { "aria-label": `Bail de ${who}` },
    formAlert(),
    h(
      "div",
      { class: "form-grid" },
      field({
        name: "kind",
        label: "Type de contrat",
        required: true,
        value: "sublease",
        options: ["sublease", "sliding_sublease", "direct_lease", "temporary_occupancy"].map((kind) => ({
          value: kind,
          label: leaseKindLabels[kind]!,
        })),
      }),
      field({
        name: "startDate",
        label: "Date d'effet",
        type: "date",
        required: true,
        value: panel.intendedStartDate,
      }),
      field({
        name: "rent",
        label: "Loyer hors charges (€ / mois)",
        required: true,
        value: amount(offer.unit.rentCents),
        attrs: { inputmode: "decimal" },
      }),
      field({
        name: "charges",
        label: "Charges (€ / mois)",
        required: true,
        value: amount(offer.unit.chargesCents),
        attrs: { inputmode: "decimal" },
      }),
      field({
        name: "deposit",
        label: "Dépôt de garantie (€)",
        required: true,
        value: "0,00",
        attrs: { inputmode: "decimal" },
      }),
      field({
        name: "housingBenefit",
        label: "Aide au logement (€ / mois)",
        value: amount(panel.person.housingBenefitCents),
        attrs: { inputmode: "decimal" },
      }),
      // mentions required at signature (loi 89-462 art. 3)
      field({
        name: "paymentDay",
        label: "Jour de paiement du loyer (1 à 28)",
        type: "number",
        required: true,
        value: 5,
        attrs: { min: 1, max: 28 },
      }),
      field({
        name: "irlReferenceQuarter",
        label: "Trimestre de référence de l'IRL",
        required: true,
        value: `T${Math.floor((Number(panel.intendedStartDate.slice(5, 7)) - 1) / 3) + 1}`,
        options: ["T1", "T2", "T3", "T4"].map((quarter) => ({ value: quarter, label: quarter })),
      }),
    ),
    sliding,
    submitButton("Créer le bail"),
  );
  for (const [from, to] of [
    ["rent", "rentCents"],
    ["charges", "chargesCents"],
    ["deposit", "depositCents"],
    ["housingBenefit", "housingBenefitCents"],
  ])
    form.querySelector(`[data-field="${from}"]`)?.setAttribute("data-field", to!);
  const kind = form.querySelector<HTMLSelectElement>('select[name="kind"]')!;
  kind.addEventListener("change", () => {
    sliding.hidden = kind.value !== "sliding_sublease";
  });
  bindForm(
    form,
    CreateLeaseBody,
    async (body) => {
      const lease = await api.post<Lease>("/api/leases", body);
      navigate(`/baux/${encodeURIComponent(lease.id)}`);
    },
    (values) => {
      const frenchDate = (text: string) => {
        const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
        return match ? `${match[3]}-${match[2]}-${match[1]}` : text;
      };
      return {
        kind: values.kind,
        unitId: offer.unit.unitId,
        personId: panel.person.id,
        startDate: values.startDate,
        paymentDay: values.paymentDay,
        irlReferenceQuarter: values.irlReferenceQuarter,
        rentCents: euros(values.rent),
        chargesCents: euros(values.charges),
        depositCents: euros(values.deposit),
        housingBenefitCents: euros(values.housingBenefit) ?? 0,
        housingBenefitPaidToOperator: panel.person.housingBenefitPaidToOperator,
        furnished: offer.unit.furnished,
        sliding:
          values.kind === "sliding_sublease"
            ? {
                targetDate: values["sliding.targetDate"],
                conditions: lines(values["sliding.conditions"]),
                reviewDates: lines(values["sliding.reviewDates"]).map(frenchDate),
              }
            : undefined,
      };
    },
  );
  return h(
    "div",
    { class: "card", "data-testid": "accepted-offer" },
    h(
      "h3",
      null,
      `${who} — ${label(typologyLabels, offer.unit.typology)}, ${offer.unit.address.street}, ${offer.unit.address.city}`,
    ),
    form,
  );
}

export const leasePage: Page = {
  path: "/baux/:id",
  title: "Contrat",
  permission: "leases.read",
  async render({ root, params, me, config }) {
    const id = encodeURIComponent(params.id!);
    const load = async (): Promise<void> => {
      let lease: LeaseDetail;
      let documents: DocumentSummary[];
      try {
        [lease, documents] = await Promise.all([
          api.get<LeaseDetail>(`/api/leases/${id}`),
          fetchAllPages<DocumentSummary>(`/api/documents${query({ leaseId: params.id })}`),
        ]);
      } catch (error) {
        mount(root, h("h1", null, "Contrat"), loadError(error, "Contrat"));
        return;
      }
      // the list carries the tenant's name, the landlord and the address
      const listed = await fetchAllPages<LeaseRow>(`/api/leases${query({ unitId: lease.unitId })}`)
        .then((rows) => rows.find((row) => row.id === lease.id))
        .catch(() => undefined);
      const writable = can(me, "leases.write");
      const actions: HTMLElement[] = [];
      if (writable && lease.status === "draft") {
        const sign = h("button", { type: "button", class: "primary" }, "Enregistrer la signature");
        sign.addEventListener("click", async () => {
          sign.disabled = true;
          try {
            await api.post(`/api/leases/${id}/sign`, { signedOn: config.today });
            announce("Contrat signé : documents produits.");
            await load();
          } catch (error) {
            sign.disabled = false;
            sign.after(loadError(error, "Signature"));
          }
        });
        actions.push(h("p", { class: "actions" }, sign));
      }
      let reviewSection: HTMLElement | null = null;
      if (lease.kind === "sliding_sublease") {
        const reviewForm = h(
          "form",
          { "aria-label": "Point d'étape du bail glissant" },
          formAlert(),
          h(
            "div",
            { class: "form-grid" },
            field({
              name: "heldOn",
              label: "Date du point d'étape",
              type: "date",
              required: true,
              value: config.today,
            }),
            field({
              name: "outcome",
              label: "Conclusion",
              required: true,
              options: Object.entries(outcomeLabels).map(([value, text]) => ({ value, label: text })),
            }),
            field({ name: "notes", label: "Observations", type: "textarea" }),
          ),
          submitButton("Enregistrer le point d'étape"),
        );
        bindForm(reviewForm, ReviewBody, async (body) => {
          await api.post(`/api/leases/${id}/reviews`, body);
          announce("Point d'étape enregistré.");
          await load();
        });
        const glissementForm = h(
          "form",
          { "aria-label": "Glissement du bail" },
          formAlert(),
          h(
            "p",
            { class: "hint" },
            "Le bail glisse au nom de l'occupant : le bail de sous-location prend fin et un bail direct avec le propriétaire commence.",
          ),
          field({
            name: "effectiveDate",
            label: "Date du glissement",
            type: "date",
            required: true,
            value: config.today,
          }),
          field({
            name: "depositHandover",
            label: `Dépôt de garantie détenu (${formatEuros(lease.depositCents)})`,
            required: true,
            options: [
              { value: "transferred_to_landlord", label: "Remis au propriétaire pour le bail direct" },
              { value: "refunded_to_tenant", label: "Restitué au locataire, qui le verse au propriétaire" },
            ],
          }),
          submitButton("Faire glisser le bail"),
        );
        bindForm(glissementForm, GlissementBody, async (body) => {
          const result = await api.post<z.infer<typeof GlissementResult>>(
            `/api/leases/${id}/glissement`,
            body,
          );
          announce("Bail glissé : bail direct créé.");
          history.pushState(null, "", `/baux/${encodeURIComponent(result.directLease.id)}`);
          dispatchEvent(new PopStateEvent("popstate"));
        });
        const status = lease.glissement;
        const prefect = status?.prefectInformation;
        let prefectBlock: HTMLElement | null = null;
        if (prefect?.required) {
          const stateText =
            prefect.state === "done"
              ? `Préfet informé le ${formatDate(prefect.informedOn)}.`
              : `Le bailleur social informe le préfet au plus tard le ${formatDate(prefect.dueOn)}, deux mois avant la fin de la période de révision (CCH L.442-8-3)${prefect.state === "late" ? " : échéance dépassée" : ""}.`;
          const prefectForm = h(
            "form",
            { "aria-label": "Information du préfet" },
            formAlert(),
            field({
              name: "informedOn",
              label: "Lettre envoyée le",
              type: "date",
              required: true,
              value: config.today,
            }),
            submitButton("Consigner l'information et produire la lettre"),
          );
          bindForm(prefectForm, PrefectInformationBody, async (body) => {
            await api.post(`/api/leases/${id}/prefect-information`, body);
            announce("Information du préfet consignée : lettre produite.");
            await load();
          });
          prefectBlock = h(
            "div",
            null,
            h("h3", null, "Information du préfet"),
            h(
              "p",
              {
                class: prefect.state === "late" ? "notice notice-error" : "notice",
                "data-testid": "prefect-information",
                "data-state": prefect.state,
              },
              stateText,
            ),
            writable && prefect.state !== "done" ? prefectForm : null,
          );
        }
        const refusals = status
          ? [status.reviewRefusal, status.ledgerRefusal?.message].filter((r): r is string => Boolean(r))
          : [];
        reviewSection = section(
          "Bail glissant : points d'étape et glissement",
          h(
            "p",
            null,
            `Glissement visé le ${formatDate(lease.slidingTargetDate)}. Conditions : ${(lease.slidingConditions ?? []).join(" ; ") || "—"}`,
          ),
          status
            ? h(
                "p",
                null,
                `Condition de paiement, lue dans le compte du locataire : aucun impayé au-delà de ${formatEuros(status.arrearsToleranceCents)} sur les ${status.observationMonths} derniers mois.`,
              )
            : null,
          status
            ? h(
                "p",
                {
                  class: refusals.length > 0 ? "notice notice-error" : "notice",
                  "data-testid": "glissement-status",
                  "data-allowed": String(refusals.length === 0),
                },
                refusals.length > 0
                  ? `Glissement impossible pour l'instant : ${refusals.join(" ; ")}.`
                  : "Glissement possible : le dernier point d'étape est favorable et le compte du locataire ne montre aucun impayé au-delà de la tolérance.",
              )
            : null,
          table<LeaseDetail["reviews"][number]>(
            "Points d'étape",
            [
              { header: "Prévu le", cell: (r) => formatDate(r.scheduledOn) },
              { header: "Tenu le", cell: (r) => formatDate(r.heldOn) },
              { header: "Conclusion", cell: (r) => label(outcomeLabels, r.outcome) },
              { header: "Observations", cell: (r) => r.notes ?? "" },
            ],
            lease.reviews,
            "Aucun point d'étape prévu.",
          ),
          prefectBlock,
          ...(writable && lease.status === "signed" ? [reviewForm, glissementForm] : []),
        );
      }
      mount(
        root,
        h("p", null, h("a", { href: "/baux", "data-link": true }, "← Baux et documents")),
        h("h1", null, `${label(leaseKindLabels, lease.kind)} du ${formatDate(lease.startDate)}`),
        h(
          "p",
          { class: "actions" },
          h(
            "span",
            { class: "badge badge-muted", "data-lease-status": lease.status },
            label(leaseStatusLabels, lease.status),
          ),
        ),
        ...actions,
        section(
          "Contrat",
          h(
            "dl",
            null,
            h("dt", null, lease.kind === "head_lease" ? "Preneur" : "Occupant"),
            h(
              "dd",
              { "data-testid": "lease-tenant" },
              lease.kind === "head_lease" ? "L'association (sous-location)" : (listed?.tenantName ?? "—"),
            ),
            h("dt", null, "Bailleur"),
            h(
              "dd",
              null,
              listed?.landlordName ??
                (lease.kind === "head_lease" || lease.kind === "direct_lease" ? "—" : "L'association"),
            ),
            h("dt", null, "Adresse"),
            h("dd", null, listed?.address ?? "—"),
            h("dt", null, "Durée"),
            h(
              "dd",
              { "data-testid": "lease-duration" },
              lease.fixedTerm
                ? `${lease.durationMonths} mois, du ${formatDate(lease.startDate)} au ${formatDate(lease.endDate)}${renewalNote(lease, config.today)}`
                : `Bail sans durée déterminée (bailleur social), depuis le ${formatDate(lease.startDate)} ; loyer révisé au 1er janvier`,
            ),
            h("dt", null, "Loyer + charges"),
            h("dd", null, `${formatEuros(lease.rentCents)} + ${formatEuros(lease.chargesCents)}`),
            h("dt", null, "Dépôt de garantie"),
            h("dd", null, formatEuros(lease.depositCents)),
            h("dt", null, "Aide au logement"),
            h("dd", null, formatEuros(lease.housingBenefitCents)),
            h("dt", null, "Signé le"),
            h("dd", null, formatDate(lease.signedOn)),
          ),
        ),
        reviewSection,
        leaseEndSection(lease, { today: config.today, writable, reload: load }),
        leasePaymentTermsSection(lease, {
          writable,
          reload: load,
          amendment:
            documents
              .filter((d) => d.templateId === "payment_terms_amendment")
              .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0] ?? null,
        }),
        leaseInspectionSection(lease, { today: config.today, writable, reload: load }),
        leaseRelocationSection(lease, {
          today: config.today,
          writable,
          open: (leaseId) => {
            history.pushState(null, "", `/baux/${encodeURIComponent(leaseId)}`);
            dispatchEvent(new PopStateEvent("popstate"));
          },
        }),
        section(
          "Documents",
          table<DocumentSummary>(
            "Documents du contrat",
            [
              {
                header: "Document",
                cell: (d) =>
                  h(
                    "a",
                    { href: d.url, download: "", "data-document": d.templateId },
                    d.title || label(templateLabels, d.templateId),
                  ),
              },
              { header: "Signé", cell: (d) => (d.signed ? "oui" : "non") },
              { header: "Produit le", cell: (d) => formatDateTime(d.createdAt) },
            ],
            documents,
            "Aucun document : ils sont produits à la signature.",
          ),
        ),
      );
    };
    await load();
  },
};

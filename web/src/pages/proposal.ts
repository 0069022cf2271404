import { circle } from "@turf/turf";
import type { Feature, FeatureCollection, Point } from "geojson";
import { ApiError, api, download, isMissingRoute } from "../lib/api";
import { announce, h, mount } from "../lib/dom";
import { bindForm, field, formAlert, showErrors, submitButton } from "../lib/forms";
import { HousingBenefitRightsBody, type PersonSchema } from "../../../server/modules/persons/persons.schemas";
import type {
  BenefitFigureSchema,
  ExcludedPageSchema,
  ExcludedUnitSchema,
  MatchesResponse,
  ResidualRentSchema,
} from "../../../server/modules/matching/matching.schemas";
import type {
  OfferSchema,
  PanelSchema,
  PanelSummaryPage,
  PanelSummarySchema,
} from "../../../server/modules/panels/panels.schemas";
import type { z } from "zod";
import { benefitLabel } from "./housing-benefit";
import {
  formatDate,
  formatEuros,
  formatKm,
  formatNumber,
  formatPercent,
  label,
  typologyLabels,
} from "../lib/format";
import {
  constraintLabels,
  declinedByLabels,
  declineReasonLabels,
  declineReasonsBy,
  offerStatusLabels,
  panelStatusLabels,
  personStatusLabels,
  scoreLabels,
  smallPanelReasonLabels,
} from "../lib/labels";
import type { PageContext } from "../lib/router";
import { can } from "../lib/session";
import { admissionHistoryDetails } from "./admission-history";
import { deadlineBadge, loadError, section } from "../lib/ui";
import { pagedList } from "../lib/pagination";
import { loadNeighbourhoods, unitsUrl } from "../map/data";
import { mapLegend } from "../map/legend";
import { bboxOf, createMap, emptyCollection } from "../map/map";
import { unitsLoader } from "../map/units-loader";

/**
 * The proposal workflow (cahier des charges: each person chooses from a panel of at least three
 * captured flats; first offer within 8 weeks of day 1; residual rent ≤ 30% of resources):
 * person → their choices on the map → ranked candidates with their reasons → pick ≥ 3 → panel →
 * offer sheet PDF → visits and decisions.
 */
type BenefitFigure = z.infer<typeof BenefitFigureSchema>;
type Person = z.infer<typeof PersonSchema>;
type ResidualRent = z.infer<typeof ResidualRentSchema>;
type Excluded = z.infer<typeof ExcludedUnitSchema>;
type Matches = z.infer<typeof MatchesResponse>;
type ExcludedPage = z.infer<typeof ExcludedPageSchema>;

/** The stock drawn around the candidates: the flats matching reads (offerable or reserved). */
const EVALUATED_STATUSES = ["available", "vacant", "reserved"];
const EXCLUDED_PAGE_SIZE = 20;
type Offer = z.infer<typeof OfferSchema>;
type Panel = z.infer<typeof PanelSchema>;
type PanelSummary = z.infer<typeof PanelSummarySchema>;

const MINIMUM_PANEL = 3;
const rate = (basisPoints: number | null) =>
  basisPoints === null ? "—" : formatPercent(basisPoints / 10_000);
const unitTitle = (unit: { reference: string | null; typology: string; address: { street: string } }) =>
  `${label(typologyLabels, unit.typology)} — ${unit.address.street}${unit.reference ? ` (${unit.reference})` : ""}`;

function residualFacts(residual: ResidualRent, benefit: BenefitFigure): HTMLElement {
  return h(
    "dl",
    { class: "residual" },
    h("dt", null, "Loyer + charges"),
    h("dd", null, formatEuros(residual.grossCents)),
    h("dt", null, "Aide au logement"),
    h("dd", { "data-benefit-basis": benefit.basis }, benefitLabel(benefit)),
    h("dt", null, "Reste à charge (après aide au logement)"),
    h("dd", null, formatEuros(residual.residualCents)),
    h("dt", null, "Taux d'effort"),
    h("dd", null, residual.noResources ? "sans ressources" : rate(residual.effortRateBasisPoints)),
    h("dt", null, "Complément (règle des 30 %)"),
    h("dd", null, residual.complementCents > 0 ? `${formatEuros(residual.complementCents)} / mois` : "aucun"),
  );
}

/** A person to whom a new panel may be proposed (the panels API's own rule). */
const mayReceivePanel = (person: { status: string; relocationRequested?: boolean }) =>
  person.status === "waiting" || (person.status === "housed" && person.relocationRequested === true);

export async function renderProposal({ root, params, me, navigate }: PageContext): Promise<() => void> {
  const personId = params.id!;
  const heading = h("h1", null, "Proposition de logements");
  const summary = h("div", { class: "person-summary" });
  const notices = h("div", { class: "notices", "aria-live": "polite" });
  const mapBox = h("div", { class: "map", id: "map" });
  const side = h(
    "div",
    { class: "proposal-side" },
    h("p", { "aria-busy": "true" }, "Chargement des candidats…"),
  );
  mount(
    root,
    heading,
    summary,
    notices,
    h(
      "div",
      { class: "proposal" },
      h("div", null, mapBox, mapLegend({ statuses: EVALUATED_STATUSES, proposal: true })),
      side,
    ),
  );
  const appMap = createMap(mapBox);
  const cleanup = () => appMap.remove();
  // the stock of the visible box only, through the map API, again when the view leaves the box
  // already read (map/units-loader.ts)
  const loadUnits = unitsLoader(
    appMap,
    (bbox, zoom) => unitsUrl(bbox, EVALUATED_STATUSES, { pins: true, zoom }),
    () =>
      notices.append(h("p", { class: "notice" }, "Les logements n'ont pas pu être chargés sur la carte.")),
  );

  let person: Person;
  try {
    person = await api.get<Person>(`/api/persons/${encodeURIComponent(personId)}`);
  } catch (error) {
    mount(side, loadError(error, "Personne"));
    return cleanup;
  }
  heading.textContent = `${person.firstName} ${person.lastName}`;
  document.title = `${heading.textContent} — Back office logement`;
  const renderSummary = (person: Person) =>
    mount(
      summary,
      h(
        "p",
        { class: "actions" },
        h("span", { class: "badge badge-muted" }, label(personStatusLabels, person.status)),
        deadlineBadge(person.deadline),
        h(
          "a",
          { href: `/personnes/${encodeURIComponent(personId)}/situation`, "data-link": true },
          "Situation : suspension, sortie",
        ),
      ),
      h(
        "dl",
        null,
        h("dt", null, "Entrée dans le programme (J1)"),
        h(
          "dd",
          null,
          formatDate(person.entryDate),
          person.admissions.length > 1 ? ` (réadmission n° ${person.admissions.length - 1})` : null,
        ),
        h("dt", null, "Ménage"),
        h("dd", null, `${person.adults} adulte(s), ${person.children} enfant(s)`),
        h("dt", null, "Ressources mensuelles"),
        h("dd", null, formatEuros(person.resourcesTotalCents)),
        h("dt", null, "Aide au logement"),
        h(
          "dd",
          { "data-testid": "person-benefit" },
          person.housingBenefitBasis === "notified"
            ? `${formatEuros(person.housingBenefitCents)} (notification CAF${
                person.housingBenefitRightsOpenedOn
                  ? `, droits ouverts le ${formatDate(person.housingBenefitRightsOpenedOn)}`
                  : ""
              })${person.housingBenefitPaidToOperator ? ", versée à l'opérateur" : ""}`
            : "pas encore de notification CAF : estimation du barème pour chaque logement",
        ),
      ),
      admissionHistoryDetails(person.admissions),
      can(me, "persons.write") && person.status !== "left" ? rightsForm(person) : null,
      can(me, "persons.write")
        ? h(
            "p",
            null,
            h(
              "a",
              {
                class: "button",
                href: `/personnes/${encodeURIComponent(personId)}/modifier`,
                "data-link": true,
              },
              "Modifier le dossier et les choix",
            ),
          )
        : null,
    );
  /** «Droits APL ouverts» (cahier des charges §9.4): the CAF's notification replaces the estimates. */
  function rightsForm(current: Person): HTMLElement {
    const form = h(
      "form",
      { "aria-label": "Droits APL ouverts" },
      formAlert(),
      field({ name: "openedOn", label: "Date d'ouverture des droits", type: "date", required: true }),
      field({
        name: "monthlyAmountCents",
        label: "Montant mensuel notifié",
        type: "euros",
        required: true,
        value: current.housingBenefitBasis === "notified" ? current.housingBenefitCents : null,
      }),
      field({
        name: "paidToOperator",
        label: "Versée à l'opérateur (tiers payant)",
        type: "checkbox",
        value: current.housingBenefitPaidToOperator,
      }),
      submitButton("Enregistrer la notification"),
    );
    bindForm(form, HousingBenefitRightsBody, async (body) => {
      person = await api.post<Person>(
        `/api/persons/${encodeURIComponent(personId)}/housing-benefit-rights`,
        body,
      );
      announce("Notification CAF enregistrée : elle remplace l'estimation.");
      // the flats' residual rents change with it: the page is drawn again
      navigate(`/personnes/${encodeURIComponent(personId)}`);
    });
    return h(
      "details",
      { class: "rights" },
      h(
        "summary",
        null,
        current.housingBenefitBasis === "notified"
          ? "Modifier la notification CAF"
          : "Droits APL ouverts : saisir la notification CAF",
      ),
      form,
    );
  }
  renderSummary(person);
  /** After a decision: the person's status changes (accepted → housed), so the summary is redrawn. */
  const refreshPerson = async () => {
    person = await api.get<Person>(`/api/persons/${encodeURIComponent(personId)}`);
    renderSummary(person);
  };

  // the person's choices on the map: wanted and excluded neighbourhoods, places and their circles
  const choices = person.choices;
  const [neighbourhoods, matches, panels] = await Promise.all([
    loadNeighbourhoods()
      .then((collection) => collection ?? emptyCollection())
      .catch(() => emptyCollection()),
    api
      .get<Matches>(`/api/persons/${encodeURIComponent(personId)}/matches`)
      .catch((error: unknown) => error as Error),
    api
      .get<z.infer<typeof PanelSummaryPage>>(`/api/persons/${encodeURIComponent(personId)}/panels`)
      .catch(() => ({ items: [] as PanelSummary[] })),
  ]);
  appMap.setNeighbourhoods(neighbourhoods);
  const wanted = new Set(choices?.wantedNeighbourhoodIds ?? []);
  const excludedIds = new Set(choices?.excludedNeighbourhoodIds ?? []);
  const byId = (ids: Set<string>): FeatureCollection => ({
    type: "FeatureCollection",
    features: neighbourhoods.features.filter((feature) =>
      ids.has(String(feature.properties?.id ?? feature.id)),
    ),
  });
  appMap.setOverlay("wanted", byId(wanted));
  appMap.setOverlay("excluded", byId(excludedIds));
  const places = choices?.placesThatMatter ?? [];
  appMap.setOverlay("places", {
    type: "FeatureCollection",
    features: places.map((place) => ({
      type: "Feature",
      geometry: { type: "Point", coordinates: [place.lng, place.lat] },
      properties: { label: place.label, maxDistanceKm: place.maxDistanceKm },
    })),
  });
  appMap.setOverlay("circles", {
    type: "FeatureCollection",
    features: places.map((place) =>
      circle([place.lng, place.lat], place.maxDistanceKm, {
        steps: 64,
        units: "kilometers",
        properties: { label: place.label },
      }),
    ),
  });

  const openPanel = panels.items.find((panel) => panel.status === "open");
  const lastAccepted = [...panels.items]
    .sort((a, b) => b.proposedOn.localeCompare(a.proposedOn))
    .find((panel) => panel.status === "accepted");
  if (openPanel) {
    await showPanel(openPanel.id);
  } else if (!mayReceivePanel(person)) {
    // housed, suspended or gone: no new candidates; the accepted panel, if any, stays in view
    if (lastAccepted) await showPanel(lastAccepted.id);
    else mount(side, choicesSection(), h("p", { class: "notice" }, noPanelReason(person.status)));
  } else if (matches instanceof Error) {
    mount(side, loadError(matches, "Candidats"));
  } else {
    showCandidates(matches);
  }

  function choicesSection(): HTMLElement {
    const name = (id: string) =>
      String(
        neighbourhoods.features.find((f) => String(f.properties?.id ?? f.id) === id)?.properties?.name ?? id,
      );
    return section(
      "Choix de la personne",
      h(
        "dl",
        null,
        h("dt", null, "Quartiers souhaités"),
        h("dd", null, [...wanted].map(name).join(", ") || "—"),
        h("dt", null, "Quartiers exclus"),
        h("dd", null, [...excludedIds].map(name).join(", ") || "—"),
        h("dt", null, "Lieux importants"),
        h(
          "dd",
          null,
          places.map((place) => `${place.label} (${formatKm(place.maxDistanceKm)} max.)`).join(", ") || "—",
        ),
      ),
    );
  }

  function showCandidates(result: Matches): void {
    const picked = new Set<string>();
    const candidateList = h("ol", {
      class: "candidates",
      "aria-label": "Logements candidats, du mieux classé au moins bien",
    });
    const counter = h("p", { "aria-live": "polite", class: "pick-counter" });
    const reasonField = h(
      "div",
      { class: "field", "data-field": "reasonIfFewerThanThree", hidden: true },
      h("label", { for: "panel-reason" }, "Motif d'une proposition de moins de trois logements"),
      h(
        "select",
        { id: "panel-reason", name: "reasonIfFewerThanThree", "aria-describedby": "panel-reason-error" },
        h("option", { value: "" }, "—"),
        Object.entries(smallPanelReasonLabels).map(([value, text]) => h("option", { value }, text)),
      ),
      h("p", { class: "field-error", id: "panel-reason-error" }),
    );
    const submit = h("button", { type: "submit", class: "primary" }, "Créer la proposition");
    const form = h(
      "form",
      { class: "panel-form", "data-field": "unitIds" },
      formAlert(),
      counter,
      reasonField,
      h("p", { class: "field-error", id: "unitIds-error" }),
      submit,
    );
    const candidates = result.candidates;

    const refresh = () => {
      counter.textContent = `${picked.size} logement(s) retenu(s) — ${MINIMUM_PANEL} au moins, sauf motif.`;
      reasonField.hidden = picked.size >= MINIMUM_PANEL || picked.size === 0;
      submit.disabled = picked.size === 0;
      for (const card of candidateList.querySelectorAll<HTMLElement>("[data-unit-id]"))
        card.dataset.picked = String(picked.has(card.dataset.unitId!));
      appMap.setOverlay("picked", {
        type: "FeatureCollection",
        features: candidates
          .filter((c) => picked.has(c.unitId))
          .map((c) => pointOf(c.lng, c.lat, { id: c.unitId })),
      });
    };
    const toggle = (unitId: string, on?: boolean) => {
      const next = on ?? !picked.has(unitId);
      if (next) picked.add(unitId);
      else picked.delete(unitId);
      const box = candidateList.querySelector<HTMLInputElement>(`input[value="${CSS.escape(unitId)}"]`);
      if (box) box.checked = next;
      refresh();
    };

    candidates.forEach((candidate, index) => {
      const box = h("input", { type: "checkbox", id: `pick-${candidate.unitId}`, value: candidate.unitId });
      box.addEventListener("change", () => toggle(candidate.unitId, box.checked));
      candidateList.append(
        h(
          "li",
          { class: "candidate", "data-unit-id": candidate.unitId },
          h(
            "header",
            null,
            h(
              "label",
              { for: `pick-${candidate.unitId}` },
              box,
              ` n° ${index + 1} — ${unitTitle(candidate)}`,
            ),
            h("span", { class: "badge badge-muted" }, `${Math.round(candidate.score)} / 100`),
          ),
          h(
            "p",
            null,
            `${candidate.neighbourhoodName ?? "Hors quartier"} · ${formatNumber(candidate.surfaceM2)} m² · ${candidate.rooms} pièce(s) · ${
              candidate.floor === 0 ? "rez-de-chaussée" : `étage ${candidate.floor}`
            }${candidate.hasElevator ? " avec ascenseur" : ""} · DPE ${candidate.energyClass ?? "—"}`,
          ),
          residualFacts(candidate.residualRent, candidate.housingBenefit),
          h(
            "details",
            null,
            h("summary", null, "Pourquoi ce logement"),
            h(
              "ul",
              { class: "reasons" },
              candidate.components.map((component) =>
                h(
                  "li",
                  null,
                  `${label(scoreLabels, component.component)} : ${Math.round(component.points)} / ${component.maxPoints} — ${component.detail}`,
                ),
              ),
              candidate.distances.map((distance) =>
                h(
                  "li",
                  { class: distance.within ? null : "fail" },
                  `${distance.label} à ${formatKm(distance.distanceKm)} (max. ${formatKm(distance.maxDistanceKm)})`,
                ),
              ),
              candidate.constraints.map((check) =>
                h("li", null, `✓ ${label(constraintLabels, check.constraint)} — ${check.detail}`),
              ),
            ),
          ),
        ),
      );
    });
    // candidates ranked on the map, excluded units greyed (with the constraint that excluded them)
    appMap.setOverlay("candidates", {
      type: "FeatureCollection",
      features: candidates.map((c, index) => pointOf(c.lng, c.lat, { id: c.unitId, rank: index + 1 })),
    });
    const extent = bboxOf([
      ...candidates.map((c) => pointOf(c.lng, c.lat, {})),
      ...places.map((p) => pointOf(p.lng, p.lat, {})),
      ...byId(wanted).features,
    ]);
    // close enough to tell the flats apart, far enough to see their neighbourhoods
    void appMap.loaded.then(() => {
      if (extent) appMap.fitTo(extent, 60, 14);
      void loadUnits();
      appMap.map.on("moveend", () => void loadUnits());
    });
    appMap.map.on("click", "overlay-candidates", (event) => {
      const id = event.features?.[0]?.properties?.id as string | undefined;
      if (!id) return;
      toggle(id);
      candidateList
        .querySelector<HTMLElement>(`[data-unit-id="${CSS.escape(id)}"]`)
        ?.scrollIntoView({ block: "nearest" });
    });

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const reason = (reasonField.querySelector("select") as HTMLSelectElement).value;
      if (picked.size < MINIMUM_PANEL && !reason) {
        showErrors(
          form,
          "Retenez au moins trois logements, ou indiquez le motif d'une proposition plus courte.",
          [{ path: "reasonIfFewerThanThree", message: "Motif requis pour moins de trois logements" }],
        );
        return;
      }
      submit.disabled = true;
      try {
        const panel = await api.post<Panel>(`/api/persons/${encodeURIComponent(personId)}/panels`, {
          unitIds: [...picked],
          ...(picked.size < MINIMUM_PANEL ? { reasonIfFewerThanThree: reason } : {}),
        });
        renderPanel(panel);
        // the person is now offered flats, and the 8-week duty met: the summary says so at once
        await refreshPerson();
      } catch (error) {
        if (error instanceof ApiError) showErrors(form, error.problem.detail, error.fieldErrors());
        else showErrors(form, (error as Error).message);
        submit.disabled = false;
      }
    });

    refresh();
    mount(
      side,
      choicesSection(),
      section(
        `Logements candidats (${candidates.length} sur ${result.evaluatedCount} évalués)`,
        candidates.length
          ? candidateList
          : h("p", { class: "empty" }, "Aucun logement ne respecte toutes les contraintes."),
        form,
      ),
      excludedSection(),
    );
  }

  /**
   * The flats matching leaves out, read only when the officer opens the section: a page at a time,
   * grouped by the constraint that excludes them, filterable by that constraint; the flats read so
   * far are greyed on the map.
   */
  function excludedSection(): HTMLElement {
    const filter = h(
      "select",
      { id: "excluded-constraint", name: "constraint" },
      h("option", { value: "" }, "Toutes les contraintes"),
    );
    const list = h("div", { class: "excluded-pages" });
    const box = h(
      "details",
      { class: "excluded-box", "data-testid": "excluded" },
      h("summary", null, "Logements écartés : voir pourquoi"),
      h("p", { class: "actions" }, h("label", { for: "excluded-constraint" }, "Écartés par"), filter),
      list,
    );
    let counted = false;
    const counts = new Map<string, number>();
    const shown: Excluded[] = [];
    const load = async () => {
      shown.length = 0;
      appMap.setOverlay("rejected", emptyCollection());
      mount(list, h("p", { "aria-busy": "true" }, "Chargement des logements écartés…"));
      const constraint = filter.value;
      await pagedList<Excluded, ExcludedPage>(list, {
        path: `/api/persons/${encodeURIComponent(personId)}/matches/excluded${constraint ? `?constraint=${encodeURIComponent(constraint)}` : ""}`,
        pageSize: EXCLUDED_PAGE_SIZE,
        onError: (error) => loadError(error, "Logements écartés"),
        onPage: (page) => {
          shown.push(...page.items);
          appMap.setOverlay("rejected", {
            type: "FeatureCollection",
            features: shown.map((unit) =>
              pointOf(unit.lng, unit.lat, { id: unit.unitId, excludedBy: unit.excludedBy }),
            ),
          });
          if (counted) return;
          counted = true;
          for (const entry of page.byConstraint) counts.set(entry.constraint, entry.count);
          const all = page.byConstraint.reduce((sum, entry) => sum + entry.count, 0);
          (filter.firstElementChild as HTMLOptionElement).textContent =
            `Toutes les contraintes (${formatNumber(all)})`;
          for (const entry of page.byConstraint)
            filter.append(
              h(
                "option",
                { value: entry.constraint },
                `${label(constraintLabels, entry.constraint)} (${formatNumber(entry.count)})`,
              ),
            );
          (box.querySelector("summary") as HTMLElement).textContent =
            `Logements écartés (${formatNumber(all)}) : voir pourquoi`;
        },
        render: (items, total) => excludedGroups(items, total, counts),
      });
    };
    box.addEventListener("toggle", () => {
      if (box.open && !list.hasChildNodes()) void load();
    });
    filter.addEventListener("change", () => void load());
    return section(
      "Logements écartés",
      h(
        "p",
        { class: "hint" },
        "Les logements disponibles ou réservés qu'une contrainte écarte, lus à la demande.",
      ),
      box,
    );
  }

  /** The excluded flats of the pages read, under a heading per constraint (they come in that order). */
  function excludedGroups(items: Excluded[], total: number, counts: Map<string, number>): HTMLElement {
    if (total === 0) return h("p", { class: "empty" }, "Aucun logement écarté.");
    const groups = new Map<string, Excluded[]>();
    for (const unit of items) groups.set(unit.excludedBy, [...(groups.get(unit.excludedBy) ?? []), unit]);
    return h(
      "div",
      null,
      [...groups].map(([constraint, units]) =>
        h(
          "section",
          { class: "excluded-group", "data-constraint": constraint },
          h(
            "h3",
            null,
            `Contrainte non respectée : ${label(constraintLabels, constraint)} (${formatNumber(counts.get(constraint) ?? units.length)})`,
          ),
          h(
            "ul",
            {
              class: "candidates excluded-list",
              "aria-label": `Écartés : ${label(constraintLabels, constraint)}`,
            },
            units.map((unit) =>
              h(
                "li",
                { class: "candidate excluded", "data-unit-id": unit.unitId },
                h(
                  "strong",
                  null,
                  `${label(typologyLabels, unit.typology)} — ${unit.address.street}${unit.reference ? ` (${unit.reference})` : ""}`,
                ),
                ` — ${unit.neighbourhoodName ?? "hors quartier"}`,
                h("p", { class: "reasons fail" }, `Écarté : ${unit.reason}`),
              ),
            ),
          ),
        ),
      ),
    );
  }

  async function showPanel(panelId: string): Promise<void> {
    try {
      renderPanel(await api.get<Panel>(`/api/panels/${encodeURIComponent(panelId)}`));
    } catch (error) {
      mount(side, loadError(error, "Proposition"));
    }
  }

  function renderPanel(panel: Panel): void {
    appMap.setOverlay("rejected", emptyCollection());
    appMap.setOverlay("candidates", emptyCollection());
    appMap.setOverlay("picked", {
      type: "FeatureCollection",
      features: panel.offers.map((offer) =>
        pointOf(offer.unit.lng, offer.unit.lat, { id: offer.unit.unitId }),
      ),
    });
    const sheetStatus = h("p", { role: "status", class: "sheet-status" });
    const sheetButton = h(
      "button",
      { type: "button", class: "primary" },
      "Télécharger la fiche de proposition (PDF)",
    );
    sheetButton.addEventListener("click", async () => {
      sheetButton.disabled = true;
      try {
        const name = await downloadOfferSheet(panel.id);
        sheetStatus.textContent = `Fiche téléchargée : ${name}`;
      } catch (error) {
        sheetStatus.textContent = error instanceof ApiError ? error.problem.detail : (error as Error).message;
      } finally {
        sheetButton.disabled = false;
      }
    });
    mount(
      side,
      choicesSection(),
      section(
        `Proposition du ${formatDate(panel.proposedOn)} — ${label(panelStatusLabels, panel.status)}`,
        h(
          "p",
          null,
          panel.status === "open"
            ? `Sans décision depuis ${panel.daysWithoutDecision} jour(s) ; expire le ${formatDate(panel.expiresOn)}.`
            : `Close le ${formatDate(panel.closedOn)}.`,
        ),
        h("div", { class: "actions" }, sheetButton),
        sheetStatus,
        h(
          "ol",
          { class: "offers" },
          panel.offers.map((offer) => offerItem(panel, offer)),
        ),
        afterPanel(panel),
      ),
    );
  }

  /** What comes next once the panel is closed: the lease of the accepted flat, or a new panel. */
  function afterPanel(panel: Panel): HTMLElement | null {
    if (panel.status === "accepted")
      return h(
        "p",
        { class: "notice", "data-next": "lease" },
        `${person.firstName} ${person.lastName} est ${label(personStatusLabels, person.status).toLowerCase()} : le contrat se prépare dans `,
        h("a", { href: "/baux", "data-link": true }, "Baux et documents"),
        ".",
      );
    if (panel.status !== "open" && mayReceivePanel(person))
      return h(
        "p",
        { class: "actions" },
        h(
          "button",
          {
            type: "button",
            class: "primary",
            onclick: () => navigate(`/personnes/${encodeURIComponent(personId)}`),
          },
          "Proposer d'autres logements",
        ),
      );
    return null;
  }

  function offerItem(panel: Panel, offer: Offer): HTMLElement {
    const editable = panel.status === "open" && offer.status === "proposed";
    const children: (HTMLElement | string | null)[] = [
      h(
        "header",
        null,
        h("strong", null, unitTitle(offer.unit)),
        h(
          "span",
          { class: "badge badge-muted", "data-offer-status": offer.status },
          label(offerStatusLabels, offer.status),
        ),
      ),
      residualFacts(offer.residualRent, offer.housingBenefit),
      offer.visitDate ? h("p", null, `Visite : ${formatDate(offer.visitDate)}`) : null,
      offer.declinedBy
        ? h(
            "p",
            null,
            `Refus : ${label(declinedByLabels, offer.declinedBy)} — ${label(declineReasonLabels, offer.declineReason)}${
              offer.decisionDetails ? ` (${offer.decisionDetails})` : ""
            }`,
          )
        : null,
    ];
    if (editable) children.push(decisionForm(panel, offer));
    return h("li", { class: "candidate", "data-offer-id": offer.id }, ...children);
  }

  function decisionForm(panel: Panel, offer: Offer): HTMLElement {
    const prefix = `offer-${offer.id}`;
    const visit = h("input", {
      type: "date",
      id: `${prefix}-visit`,
      name: "visitDate",
      value: offer.visitDate ?? "",
    });
    const decision = h(
      "select",
      { id: `${prefix}-decision`, name: "decision" },
      h("option", { value: "" }, "Pas encore de décision"),
      h("option", { value: "accepted" }, "Accepté"),
      h("option", { value: "declined" }, "Refusé"),
    );
    const declinedBy = h(
      "select",
      { id: `${prefix}-by`, name: "declinedBy" },
      h("option", { value: "" }, "—"),
      Object.entries(declinedByLabels).map(([value, text]) => h("option", { value }, text)),
    );
    const reason = h(
      "select",
      { id: `${prefix}-reason`, name: "declineReason" },
      h("option", { value: "" }, "—"),
    );
    const details = h("input", { type: "text", id: `${prefix}-details`, name: "details" });
    const declineFields = h(
      "div",
      { class: "form-grid", hidden: true },
      fieldOf("declinedBy", `${prefix}-by`, "Refusé par", declinedBy),
      fieldOf("declineReason", `${prefix}-reason`, "Motif", reason),
      fieldOf("details", `${prefix}-details`, "Précisions", details),
    );
    declinedBy.addEventListener("change", () => {
      reason.replaceChildren(
        h("option", { value: "" }, "—"),
        ...(declineReasonsBy[declinedBy.value] ?? []).map((value) =>
          h("option", { value }, label(declineReasonLabels, value)),
        ),
      );
    });
    decision.addEventListener("change", () => {
      declineFields.hidden = decision.value !== "declined";
    });
    const form = h(
      "form",
      { class: "decision-form", "aria-label": `Visite et décision — ${unitTitle(offer.unit)}` },
      formAlert(),
      h(
        "div",
        { class: "form-grid" },
        fieldOf("visitDate", `${prefix}-visit`, "Date de visite", visit),
        fieldOf("decision", `${prefix}-decision`, "Décision", decision),
      ),
      declineFields,
      h("button", { type: "submit" }, "Enregistrer"),
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const body: Record<string, unknown> = {};
      if (visit.value) body.visitDate = visit.value;
      if (decision.value) body.decision = decision.value;
      if (decision.value === "declined") {
        if (declinedBy.value) body.declinedBy = declinedBy.value;
        if (reason.value) body.declineReason = reason.value;
        if (details.value) body.details = details.value;
      }
      try {
        await api.patch(
          `/api/panels/${encodeURIComponent(panel.id)}/offers/${encodeURIComponent(offer.id)}`,
          body,
        );
        await refreshPerson();
        await showPanel(panel.id);
      } catch (error) {
        if (error instanceof ApiError) showErrors(form, error.problem.detail, error.fieldErrors());
        else showErrors(form, (error as Error).message);
      }
    });
    return form;
  }

  window.__mapReady = false;
  await appMap.idle();
  window.__mapReady = true;
  if (matches instanceof Error && !isMissingRoute(matches)) notices.append(loadError(matches, "Candidats"));
  return cleanup;
}

function noPanelReason(status: string): string {
  if (status === "suspended")
    return "Accompagnement suspendu : aucune proposition tant que la personne n'est pas réintégrée.";
  if (status === "left") return "Personne sortie du programme : aucune proposition.";
  return "Personne logée : aucune nouvelle proposition (sauf demande de relogement).";
}

function fieldOf(name: string, id: string, text: string, control: HTMLElement): HTMLElement {
  control.setAttribute("aria-describedby", `${id}-error`);
  return h(
    "div",
    { class: "field", "data-field": name },
    h("label", { for: id }, text),
    control,
    h("p", { class: "field-error", id: `${id}-error` }),
  );
}

function pointOf(lng: number, lat: number, properties: Record<string, unknown>): Feature<Point> {
  return { type: "Feature", geometry: { type: "Point", coordinates: [lng, lat] }, properties };
}

/** The offer sheet of a panel (documents API), downloaded with the server's file name. */
async function downloadOfferSheet(panelId: string): Promise<string> {
  return download(
    `/api/panels/${encodeURIComponent(panelId)}/offer-sheet.pdf`,
    `fiche-proposition-${panelId}.pdf`,
  );
}

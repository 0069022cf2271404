import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import type { z } from "zod";
import type { PersonSchema } from "../../../server/modules/persons/persons.schemas";
import { StatusChangeBody } from "../../../server/modules/persons/persons.schemas";
import { LEAVE_REASON_LABELS } from "../../../server/modules/persons/persons.rules";
import type {
  CapacitySchema,
  CaptureProgressSchema,
  ExitReviewSchema,
  SuspensionsOverviewSchema,
} from "../../../server/modules/programme/programme.schemas";
import { ArsNotificationBody, ExitReviewBody } from "../../../server/modules/programme/programme.schemas";
import { api } from "../lib/api";
import { admissionHistory } from "./admission-history";
import { fetchAllPages } from "../lib/pagination";
import { announce, h, mount } from "../lib/dom";
import { formatDate, label } from "../lib/format";
import { bindForm, field, fieldset, formAlert, submitButton } from "../lib/forms";
import { personStatusLabels } from "../lib/labels";
import type { Page } from "../lib/router";
import { loadError, section, table, todayInParis } from "../lib/ui";

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
);

type Capacity = z.infer<typeof CapacitySchema>;
type Capture = z.infer<typeof CaptureProgressSchema>;
type Suspensions = z.infer<typeof SuspensionsOverviewSchema>;
type Person = z.infer<typeof PersonSchema>;
type ExitReview = z.infer<typeof ExitReviewSchema>;

const personLink = (id: string, name: string) =>
  h("a", { href: `/personnes/${encodeURIComponent(id)}/situation`, "data-link": true }, name);

function capacityCard(capacity: Capacity): HTMLElement {
  return section(
    "Capacité et places à annoncer à la commission d'orientation",
    capacity.overCapacityBy > 0
      ? h(
          "p",
          { class: "notice notice-error", role: "alert" },
          `Capacité dépassée : ${capacity.followed} personnes accompagnées pour ${capacity.capacity} places.`,
        )
      : null,
    h(
      "dl",
      { "data-testid": "capacity" },
      h("dt", null, "Capacité d'accompagnement"),
      h("dd", null, `${capacity.capacity} places`),
      h("dt", null, "Personnes accompagnées"),
      h("dd", null, String(capacity.followed)),
      h("dt", null, "Places d'accompagnement disponibles"),
      h("dd", null, String(capacity.supportPlaces)),
      h("dt", null, "Logements à proposer (disponibles, vacants, accords de captation)"),
      h(
        "dd",
        null,
        `${capacity.offerableUnits + capacity.agreedUnits} pour ${capacity.awaitingHome} personne(s) en attente`,
      ),
      h("dt", null, "Places à annoncer à la commission"),
      h("dd", { "data-testid": "places-to-announce" }, h("strong", null, String(capacity.placesToAnnounce))),
    ),
    h(
      "p",
      { class: "hint" },
      "Le cahier des charges demande d'annoncer les places d'accompagnement réellement disponibles et la capacité de captation permettant de proposer un logement dans les 8 semaines : le plus petit des deux chiffres.",
    ),
  );
}

const milestoneLabels: Record<Capture["milestones"][number]["state"], string> = {
  reached: "atteint",
  on_track: "en bonne voie",
  behind: "en retard sur le rythme",
  missed: "non atteint à l'échéance",
};

const funnelLabels: Record<string, string> = {
  prospect: "Propositions de propriétaires",
  visit_scheduled: "Visites prévues",
  visited: "Visités",
  agreed: "Accords de captation",
  offerable: "Disponibles ou vacants",
  reserved: "Proposés (réservés)",
  let: "Loués",
  works: "En travaux",
  withdrawn: "Retirés par le propriétaire",
};

const monthLabel = (month: string) =>
  new Intl.DateTimeFormat("fr-FR", { month: "short", year: "2-digit", timeZone: "UTC" }).format(
    new Date(`${month}-01T00:00:00Z`),
  );

/** §8.9.1: 50 flats captured the first year, 100 by the end of the second, as a chart and its figures. */
function captureCard(capture: Capture, charts: Chart[]): HTMLElement {
  if (!capture.openedOn)
    return section(
      "Objectifs de captation",
      h(
        "p",
        { class: "notice" },
        `${capture.capturedNow} logement(s) captés. Renseignez la date d'ouverture du dispositif dans les paramètres pour suivre les objectifs (50 la première année, 100 à la fin de la deuxième).`,
      ),
    );
  const canvas = h("canvas", {
    role: "img",
    "aria-label": "Logements captés par mois depuis l'ouverture, comparés à l'objectif",
  });
  const funnelCanvas = h("canvas", { role: "img", "aria-label": "Entonnoir de captation aujourd'hui" });
  const card = section(
    "Objectifs de captation",
    h(
      "ul",
      { "data-testid": "capture-milestones" },
      ...capture.milestones.map((m) =>
        h(
          "li",
          { class: m.state === "missed" || m.state === "behind" ? "badge-late" : undefined },
          `${m.flats} logements au ${formatDate(m.dueOn)} : ${m.capturedOn} captés, ${milestoneLabels[m.state]}`,
        ),
      ),
    ),
    h(
      "p",
      null,
      `Ouverture le ${formatDate(capture.openedOn)} ; ${capture.capturedNow} logement(s) dans le parc capté aujourd'hui.`,
    ),
    h(
      "div",
      { class: "charts" },
      h(
        "figure",
        { class: "card chart-card", "data-chart": "Captation" },
        h("figcaption", null, h("h3", null, "Parc capté et objectif")),
        h("div", { class: "chart-box" }, canvas),
        h(
          "details",
          null,
          h("summary", null, "Voir les chiffres"),
          table(
            "Parc capté par mois",
            [
              { header: "Mois", cell: (p) => monthLabel(p.month) },
              { header: "Captés", cell: (p) => String(p.captured), numeric: true },
              { header: "Objectif", cell: (p) => String(p.target), numeric: true },
            ],
            capture.series,
          ),
        ),
      ),
      h(
        "figure",
        { class: "card chart-card", "data-chart": "Entonnoir" },
        h("figcaption", null, h("h3", null, "Entonnoir de captation")),
        h("div", { class: "chart-box" }, funnelCanvas),
        h(
          "details",
          null,
          h("summary", null, "Voir les chiffres"),
          table(
            "Logements par étape",
            [
              { header: "Étape", cell: (f) => funnelLabels[f.step] ?? f.step },
              { header: "Logements", cell: (f) => String(f.units), numeric: true },
            ],
            capture.funnel,
          ),
        ),
      ),
    ),
  );
  charts.push(
    new Chart(canvas, {
      type: "line",
      data: {
        labels: capture.series.map((p) => monthLabel(p.month)),
        datasets: [
          { label: "Logements captés", data: capture.series.map((p) => p.captured), borderColor: "#1d4ed8" },
          {
            label: "Objectif (50 puis 100)",
            data: capture.series.map((p) => p.target),
            borderColor: "#9ca3af",
            borderDash: [6, 4],
          },
        ],
      },
      options: { maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true } } },
    }),
    new Chart(funnelCanvas, {
      type: "bar",
      data: {
        labels: capture.funnel.map((f) => funnelLabels[f.step] ?? f.step),
        datasets: [
          { label: "Logements", data: capture.funnel.map((f) => f.units), backgroundColor: "#0f766e" },
        ],
      },
      options: { indexAxis: "y", maintainAspectRatio: false, animation: false },
    }),
  );
  return card;
}

function suspensionsCard(overview: Suspensions, reload: () => void): HTMLElement {
  const form = h("form", { class: "actions" }, formAlert());
  form.append(
    field({ name: "informedOn", label: "Date de l'information", type: "date", value: todayInParis() }),
    submitButton("Enregistrer « ARS informée »"),
  );
  bindForm(form, ArsNotificationBody, async (body) => {
    await api.post("/api/programme/ars-notifications", body);
    announce("Information de l'ARS enregistrée");
    reload();
  });
  const share = `${overview.counted} accompagnement(s) suspendu(s) dans leur délai de six mois pour ${overview.capacity} places`;
  return section(
    "Suspensions et information de l'ARS",
    h(
      "p",
      { class: overview.arsNotificationDue ? "notice notice-error" : "notice", role: "status" },
      overview.arsNotificationDue
        ? `${share} : au-delà de 10 %, l'ARS doit être informée sans délai.`
        : overview.thresholdExceeded
          ? `${share} : l'ARS a été informée.`
          : `${share} : seuil de 10 % non dépassé.`,
    ),
    overview.thresholdExceeded ? form : null,
    overview.notifications.length > 0
      ? table(
          "Informations de l'ARS",
          [
            { header: "Date", cell: (n) => formatDate(n.informedOn) },
            { header: "Suspensions", cell: (n) => String(n.suspendedCount), numeric: true },
            { header: "Capacité", cell: (n) => String(n.capacity), numeric: true },
          ],
          overview.notifications,
        )
      : null,
    table(
      "Personnes suspendues",
      [
        { header: "Personne", cell: (p) => personLink(p.personId, p.name) },
        { header: "Suspendue le", cell: (p) => formatDate(p.suspendedOn) },
        {
          header: "Droit de réintégration",
          cell: (p) =>
            p.rightLapsed
              ? h("span", { class: "badge badge-late" }, `Échu le ${formatDate(p.reentryRightEndsOn)}`)
              : `Jusqu'au ${formatDate(p.reentryRightEndsOn)}`,
        },
        {
          header: "Examen de sortie",
          cell: (p) => (p.exitReviewId ? "En cours" : p.rightLapsed ? h("strong", null, "À ouvrir") : "—"),
        },
      ],
      overview.people,
      "Aucune suspension.",
    ),
  );
}

/** The site's duties towards the ARS and the admission committee (cahier des charges §8.3.2, §8.5.2). */
export const programmePage: Page = {
  path: "/programme",
  title: "Obligations du programme",
  permission: "persons.read",
  async render({ root }) {
    const content = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
    mount(root, h("h1", null, "Obligations du programme"), content);
    const charts: Chart[] = [];
    const load = async () => {
      try {
        const [capacity, suspensions, capture] = await Promise.all([
          api.get<Capacity>("/api/programme/capacity"),
          api.get<Suspensions>("/api/programme/suspensions"),
          api.get<Capture>("/api/programme/capture"),
        ]);
        for (const chart of charts.splice(0)) chart.destroy();
        mount(
          content,
          capacityCard(capacity),
          captureCard(capture, charts),
          suspensionsCard(suspensions, () => void load()),
        );
      } catch (error) {
        mount(content, loadError(error, "Obligations du programme"));
      }
    };
    await load();
    return () => {
      for (const chart of charts) chart.destroy();
    };
  },
};

const leaveReasonLabels: Readonly<Record<string, string>> = LEAVE_REASON_LABELS;

const answerOptions = [
  { value: "unknown", label: "Non examiné" },
  { value: "yes", label: "Oui" },
  { value: "no", label: "Non" },
];

/** cahier des charges §8.5.2: the criteria of an exit, in its own words. */
const exitCriteria: [keyof z.infer<typeof ExitReviewBody>, string][] = [
  ["resteAVivreSufficient", "Reste à vivre suffisant (loyer + charges / ressources)"],
  ["slidingOrDirectLeasePossible", "Glissement du bail ou bail direct possible"],
  ["commonLawSupportNetwork", "Réseau d'accompagnement de droit commun effectif"],
  ["mutualAidNetwork", "Réseau d'entraide formel ou informel effectif"],
  ["personWishesToLeave", "Souhait de la personne de sortir du dispositif"],
  ["adaptedOrientationChosen", "Orientation adaptée choisie par/avec la personne"],
  ["noContactOverSixMonths", "Aucun contact avec le gestionnaire depuis plus de six mois"],
];

function statusForm(person: Person, reload: () => void): HTMLElement {
  const actions: { value: string; label: string }[] = [];
  if (person.status !== "suspended" && person.status !== "left")
    actions.push({ value: "suspend", label: "Suspendre l'accompagnement" });
  if (person.status === "suspended")
    actions.push({ value: "reenter", label: "Réintégrer (droit de six mois)" });
  if (person.status === "suspended" || person.status === "left")
    actions.push({ value: "readmit", label: "Nouvelle admission (nouveau jour 1)" });
  if (person.status !== "left") actions.push({ value: "leave", label: "Sortie du programme" });
  const form = h("form", null, formAlert());
  form.append(
    field({ name: "action", label: "Changement", options: actions, required: true }),
    field({
      name: "date",
      label: "Date (suspension, réintégration, sortie)",
      type: "date",
      value: todayInParis(),
      hint: "Jamais avant le jour 1 ni avant le dernier changement de situation, jamais après aujourd'hui",
    }),
    field({ name: "entryDate", label: "Nouveau jour 1 (nouvelle admission)", type: "date" }),
    field({
      name: "reason",
      label: "Motif de sortie",
      options: Object.entries(leaveReasonLabels).map(([value, text]) => ({ value, label: text })),
    }),
    submitButton("Enregistrer le changement"),
  );
  bindForm(
    form,
    StatusChangeBody,
    async (body) => {
      const updated = await api.post<Person>(`/api/persons/${encodeURIComponent(person.id)}/status`, body);
      announce(updated.capacityWarning ?? "Changement enregistré");
      reload();
    },
    (values) =>
      values.action === "readmit"
        ? { action: "readmit", entryDate: values.entryDate }
        : values.action === "leave"
          ? { action: "leave", date: values.date, reason: values.reason }
          : { action: values.action, date: values.date },
  );
  return section("Changer la situation", form);
}

function exitReviewForm(person: Person, reviews: ExitReview[], reload: () => void): HTMLElement {
  const pending = reviews.find((review) => review.outcome === "pending") ?? null;
  const latest = reviews[0] ?? null;
  const form = h("form", null, formAlert());
  form.append(
    fieldset(
      "Critères examinés (des faits, jamais de notes cliniques)",
      ...exitCriteria.map(([name, text]) =>
        field({
          name,
          label: text,
          options: answerOptions,
          required: true,
          value: pending?.[name] ?? "unknown",
        }),
      ),
      field({
        name: "lastContactOn",
        label: "Dernier contact",
        type: "date",
        value: pending?.lastContactOn ?? "",
      }),
    ),
    field({
      name: "outcome",
      label: "Conclusion",
      required: true,
      value: "pending",
      options: [
        { value: "pending", label: "Examen en cours" },
        { value: "support_continues", label: "L'accompagnement continue" },
        { value: "exit_agreed", label: "Sortie convenue" },
      ],
    }),
    submitButton(pending ? "Mettre à jour l'examen" : "Ouvrir l'examen de sortie"),
  );
  bindForm(form, ExitReviewBody, async (body) => {
    await api.put(`/api/persons/${encodeURIComponent(person.id)}/exit-review`, body);
    announce("Examen de sortie enregistré");
    reload();
  });
  const ratio = latest?.housingCostRatioBasisPoints;
  return section(
    "Examen de sortie",
    pending ? h("p", null, `Examen ouvert le ${formatDate(pending.openedOn)}.`) : null,
    ratio !== null && ratio !== undefined
      ? h("p", null, `Loyer + charges / ressources : ${(ratio / 100).toLocaleString("fr-FR")} %`)
      : null,
    form,
    reviews.filter((review) => review.outcome !== "pending").length > 0
      ? table(
          "Examens conclus",
          [
            { header: "Ouvert le", cell: (r) => formatDate(r.openedOn) },
            { header: "Conclu le", cell: (r) => formatDate(r.decidedOn) },
            {
              header: "Conclusion",
              cell: (r) => (r.outcome === "exit_agreed" ? "Sortie convenue" : "L'accompagnement continue"),
            },
          ],
          reviews.filter((review) => review.outcome !== "pending"),
        )
      : null,
  );
}

/** A person's situation: suspension, re-entry, readmission, exit and its examination (§8.5.2). */
export const personSituationPage: Page = {
  path: "/personnes/:id/situation",
  title: "Situation de la personne",
  permission: "persons.write",
  async render({ root, params }) {
    const id = params.id ?? "";
    const content = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
    mount(root, content);
    const load = async () => {
      try {
        const [person, reviews] = await Promise.all([
          api.get<Person>(`/api/persons/${encodeURIComponent(id)}`),
          fetchAllPages<ExitReview>(`/api/persons/${encodeURIComponent(id)}/exit-reviews`),
        ]);
        mount(
          content,
          h("h1", null, `${person.firstName} ${person.lastName} : situation`),
          h(
            "p",
            { class: "actions" },
            h("span", { class: "badge badge-muted" }, label(personStatusLabels, person.status)),
            person.suspendedOn
              ? `Suspendu·e le ${formatDate(person.suspendedOn)}, droit de réintégration jusqu'au ${formatDate(person.reentryRightEndsOn)}`
              : `Jour 1 le ${formatDate(person.entryDate)}`,
            h(
              "a",
              { href: `/personnes/${encodeURIComponent(id)}`, "data-link": true },
              "Propositions de logement",
            ),
          ),
          statusForm(person, () => void load()),
          admissionHistory(person.admissions),
          person.status === "left" ? null : exitReviewForm(person, reviews, () => void load()),
        );
      } catch (error) {
        mount(content, loadError(error, "Situation"));
      }
    };
    await load();
  },
};

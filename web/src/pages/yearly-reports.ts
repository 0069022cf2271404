import { h, mount } from "../lib/dom";
import { formatDate } from "../lib/format";
import type { Page } from "../lib/router";
import { section } from "../lib/ui";

/**
 * The two yearly reports of the site (cahier des charges §8.12): the housing pole's figures for
 * the activity report sent to the ARS before 30 April (CASF R.314-50), and the anonymised data on
 * the people followed, due by 30 June. The admin picks a year and downloads; each download is
 * recorded in the audit log.
 */

/** Before July the reports due are last year's; from July on, this year's figures are provisional. */
function defaultYear(today: string): number {
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) <= 6 ? year - 1 : year;
}

const download = (href: string, text: string, testId: string) =>
  h("li", null, h("a", { class: "button", href, download: "", "data-testid": testId }, text));

export const yearlyReportsPage: Page = {
  path: "/admin/rapports",
  title: "Rapports annuels",
  permission: "programme.reports",
  render({ root, query, navigate, config }) {
    const today = config.today;
    const currentYear = Number(today.slice(0, 4));
    const asked = Number(query.get("annee"));
    const year =
      Number.isInteger(asked) && asked >= currentYear - 9 && asked <= currentYear
        ? asked
        : defaultYear(today);
    const select = h(
      "select",
      { id: "report-year", name: "annee" },
      ...Array.from({ length: 10 }, (_, i) => currentYear - i).map((y) =>
        h("option", { value: String(y), selected: y === year }, String(y)),
      ),
    );
    const form = h(
      "form",
      { class: "actions", "aria-label": "Choisir l'année" },
      h("label", { for: "report-year" }, "Année"),
      select,
      h("button", { type: "submit" }, "Afficher"),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      navigate(`/admin/rapports?annee=${select.value}`);
    });
    select.addEventListener("change", () => navigate(`/admin/rapports?annee=${select.value}`));

    const provisional =
      year === currentYear
        ? h(
            "p",
            { class: "notice", role: "note" },
            `Année en cours : les chiffres sont provisoires, arrêtés au ${formatDate(today)}.`,
          )
        : null;

    mount(
      root,
      h("h1", null, "Rapports annuels"),
      h(
        "p",
        null,
        "Les deux envois annuels du dispositif (cahier des charges §8.12). Chaque téléchargement est inscrit au journal d'audit.",
      ),
      form,
      provisional,
      section(
        `Rapport d'activité ${year} — à transmettre à l'ARS avant le 30 avril ${year + 1}`,
        h(
          "p",
          null,
          "La part du pôle logement du rapport d'activité (CASF art. R.314-50) : personnes accompagnées et logées, entrées et sorties, délais jusqu'à la première proposition, propositions et dérogations, refus, relogements, glissements, vacance, impayés et coûts IML au regard du budget BOP 177.",
        ),
        h(
          "ul",
          { class: "actions", "aria-label": "Rapport d'activité" },
          download(
            `/api/programme/reports/activity.pdf?year=${year}`,
            `Rapport d'activité ${year} (PDF)`,
            "activity-pdf",
          ),
          download(
            `/api/programme/reports/activity.xlsx?year=${year}`,
            `Chiffres du rapport ${year} (XLSX)`,
            "activity-xlsx",
          ),
        ),
      ),
      section(
        `Données anonymisées ${year} — à transmettre au plus tard le 30 juin ${year + 1}`,
        h(
          "p",
          null,
          "Une ligne par personne accompagnée pendant l'année, pour l'évaluation nationale. Aucun nom, contact, adresse ni date de naissance : un identifiant pseudonyme propre au site (le même chaque année), l'âge en tranche au 31 décembre, la composition du foyer et les années d'admission, d'entrée dans le logement et de sortie.",
        ),
        h(
          "p",
          null,
          "Aucun groupe de moins de 5 personnes n'est montré : les valeurs d'un groupe trop petit sont élargies ou masquées (*), et la feuille « Méthode » du fichier XLSX décrit la règle appliquée.",
        ),
        h(
          "ul",
          { class: "actions", "aria-label": "Données anonymisées" },
          download(
            `/api/programme/reports/anonymised.csv?year=${year}`,
            `Données anonymisées ${year} (CSV)`,
            "anonymised-csv",
          ),
          download(
            `/api/programme/reports/anonymised.xlsx?year=${year}`,
            `Données anonymisées ${year} (XLSX)`,
            "anonymised-xlsx",
          ),
        ),
      ),
    );
  },
};

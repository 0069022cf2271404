import type { z } from "zod";
import type { PersonSummarySchema } from "../../../server/modules/persons/persons.schemas";
import { h, mount } from "../lib/dom";
import { formatDate, label } from "../lib/format";
import { pagedList } from "../lib/pagination";
import { personStatusLabels } from "../lib/labels";
import type { Page } from "../lib/router";
import { can } from "../lib/session";
import { deadlineBadge, loadError, table } from "../lib/ui";
import { renderProposal } from "./proposal";

export type PersonSummary = z.infer<typeof PersonSummarySchema>;

export const personName = (person: { firstName: string; lastName: string }) =>
  `${person.firstName} ${person.lastName}`;

/** The people followed by the housing pole, with their 8-week first-offer deadline. */
export const personsPage: Page = {
  path: "/personnes",
  title: "Personnes et propositions",
  permission: "persons.read",
  async render({ root, query, me }) {
    const content = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
    const search = h("input", { type: "search", name: "q", id: "persons-q", value: query.get("q") ?? "" });
    const status = h(
      "select",
      { id: "persons-status", name: "status" },
      h("option", { value: "" }, "Tous"),
      Object.entries(personStatusLabels).map(([value, text]) => h("option", { value }, text)),
    );
    status.value = query.get("status") ?? "";
    const filters = h(
      "form",
      { class: "actions", role: "search" },
      h("label", { for: "persons-q" }, "Rechercher"),
      search,
      h("label", { for: "persons-status" }, "Statut"),
      status,
      h("button", { type: "submit" }, "Filtrer"),
    );
    mount(
      root,
      h("h1", null, "Personnes et propositions"),
      can(me, "persons.write")
        ? h(
            "p",
            null,
            h(
              "a",
              { class: "button primary", href: "/personnes/nouvelle", "data-link": true },
              "Nouvelle personne",
            ),
          )
        : null,
      filters,
      content,
    );
    const load = async () => {
      try {
        const params = new URLSearchParams();
        if (search.value) params.set("q", search.value);
        if (status.value) params.set("status", status.value);
        await pagedList<PersonSummary>(content, {
          path: `/api/persons?${params}`,
          onError: (error) => loadError(error, "Personnes"),
          render: (items, total) =>
            table<PersonSummary>(
              `${total} personne(s)`,
              [
                {
                  header: "Personne",
                  cell: (p) =>
                    h(
                      "a",
                      { href: `/personnes/${encodeURIComponent(p.id)}`, "data-link": true },
                      personName(p),
                    ),
                },
                { header: "Statut", cell: (p) => label(personStatusLabels, p.status) },
                { header: "Entrée (J1)", cell: (p) => formatDate(p.entryDate) },
                { header: "Première proposition (8 semaines)", cell: (p) => deadlineBadge(p.deadline) },
              ],
              items,
              "Aucune personne ne correspond.",
            ),
        });
      } catch (error) {
        mount(content, loadError(error, "Personnes"));
      }
    };
    filters.addEventListener("submit", (event) => {
      event.preventDefault();
      void load();
    });
    await load();
  },
};

export const personPage: Page = {
  path: "/personnes/:id",
  title: "Proposition de logements",
  permission: "persons.read",
  render: (context) => renderProposal(context),
};

import { api } from "../lib/api";
import { itemsOf } from "../lib/collections";
import { h, mount } from "../lib/dom";
import { formatDate } from "../lib/format";
import type { Page } from "../lib/router";
import { deadlineBadge, loadError, table, todayInParis } from "../lib/ui";

type PersonRow = Record<string, unknown> & { id: string };

const personName = (person: Record<string, unknown>) =>
  [person.firstName, person.lastName].filter(Boolean).join(" ") || String(person.displayName ?? person.id);

/** The people followed by the housing pole, with their 8-week first-offer deadline. */
export const personsPage: Page = {
  path: "/personnes",
  title: "Personnes et propositions",
  permission: "persons.read",
  async render({ root }) {
    const content = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
    mount(root, h("h1", null, "Personnes et propositions"), content);
    try {
      const persons = itemsOf<PersonRow>(await api.get("/api/persons"));
      const today = todayInParis();
      mount(
        content,
        table<PersonRow>(
          "Personnes accompagnées",
          [
            {
              header: "Personne",
              cell: (p) =>
                h("a", { href: `/personnes/${encodeURIComponent(p.id)}`, "data-link": true }, personName(p)),
            },
            { header: "Statut", cell: (p) => String(p.status ?? "—") },
            { header: "Entrée (J1)", cell: (p) => formatDate(p.programmeEntryDate as string) },
            {
              header: "Première proposition",
              cell: (p) => deadlineBadge(p.firstOfferDeadline as string, today, p.status !== "waiting"),
            },
          ],
          persons,
          "Aucune personne.",
        ),
      );
    } catch (error) {
      mount(content, loadError(error, "Personnes"));
    }
  },
};

export const personPage: Page = {
  path: "/personnes/:id",
  title: "Personne",
  permission: "persons.read",
  async render({ root, params }) {
    const content = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
    mount(root, h("h1", null, "Personne"), content);
    try {
      const person = await api.get<PersonRow>(`/api/persons/${encodeURIComponent(params.id!)}`);
      mount(root, h("h1", null, personName(person)));
    } catch (error) {
      mount(content, loadError(error, "Personne"));
    }
  },
};

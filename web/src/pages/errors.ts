import { h, mount } from "../lib/dom";
import type { Page } from "../lib/router";

export const forbiddenPage: Page = {
  path: "",
  title: "Accès refusé",
  permission: "authenticated",
  render({ root }) {
    mount(
      root,
      h("h1", null, "Accès refusé"),
      h(
        "p",
        { role: "alert", class: "notice notice-error" },
        "Votre rôle ne permet pas d'ouvrir cette page. Utilisez le menu pour rejoindre vos pages.",
      ),
    );
  },
};

export const notFoundPage: Page = {
  path: "",
  title: "Page introuvable",
  permission: "authenticated",
  render({ root }) {
    mount(
      root,
      h("h1", null, "Page introuvable"),
      h("p", null, "Cette adresse ne correspond à aucune page."),
    );
  },
};

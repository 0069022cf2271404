import { api } from "../lib/api";
import { h, mount } from "../lib/dom";
import type { Page } from "../lib/router";
import { loadError } from "../lib/ui";

export const portalPage: Page = {
  path: "/portail",
  title: "Mon espace propriétaire",
  permission: "portal.read",
  async render({ root }) {
    const content = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
    mount(root, h("h1", null, "Mon espace propriétaire"), content);
    try {
      await api.get("/api/portal/units");
      mount(content);
    } catch (error) {
      mount(content, loadError(error, "Mon espace propriétaire"));
    }
  },
};

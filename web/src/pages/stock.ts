import { api } from "../lib/api";
import { h, mount } from "../lib/dom";
import type { Page } from "../lib/router";
import { loadError } from "../lib/ui";

export const stockPage: Page = {
  path: "/parc",
  title: "Parc de logements",
  permission: "stock.write",
  async render({ root }) {
    const content = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
    mount(root, h("h1", null, "Parc de logements"), content);
    try {
      await api.get("/api/buildings");
      mount(content);
    } catch (error) {
      mount(content, loadError(error, "Parc de logements"));
    }
  },
};

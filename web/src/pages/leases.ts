import { api } from "../lib/api";
import { h, mount } from "../lib/dom";
import type { Page } from "../lib/router";
import { loadError } from "../lib/ui";

export const leasesPage: Page = {
  path: "/baux",
  title: "Baux et documents",
  permission: "leases.read",
  async render({ root }) {
    const content = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
    mount(root, h("h1", null, "Baux et documents"), content);
    try {
      await api.get("/api/leases");
      mount(content);
    } catch (error) {
      mount(content, loadError(error, "Baux et documents"));
    }
  },
};

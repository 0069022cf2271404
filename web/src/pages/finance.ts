import { api } from "../lib/api";
import { h, mount } from "../lib/dom";
import type { Page } from "../lib/router";
import { loadError } from "../lib/ui";

export const financePage: Page = {
  path: "/finances",
  title: "Finances",
  permission: "reports.read",
  async render({ root }) {
    const content = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
    mount(root, h("h1", null, "Finances"), content);
    try {
      await api.get("/api/reports/dashboard");
      mount(content);
    } catch (error) {
      mount(content, loadError(error, "Finances"));
    }
  },
};

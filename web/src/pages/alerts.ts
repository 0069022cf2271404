import type { z } from "zod";
import { ALERT_KIND_LABELS } from "../../../server/modules/alerts/alerts.rules";
import type { AlertSchema } from "../../../server/modules/alerts/alerts.schemas";
import type { ExpireResponse } from "../../../server/modules/panels/panels.schemas";
import { ApiError, api } from "../lib/api";
import { fetchAllPages } from "../lib/pagination";
import { announce, h, mount } from "../lib/dom";
import { formatDate } from "../lib/format";
import type { Page } from "../lib/router";
import { can } from "../lib/session";
import { loadError } from "../lib/ui";

/**
 * The officer's inbox: the deadlines and programme thresholds to act on today (GET /api/alerts),
 * most urgent first, each with a link to the person; and the expiry of panels left without a
 * decision past the site's delay (POST /api/panels/expire), which frees their flats.
 */
type Alert = z.infer<typeof AlertSchema>;

const kindLabels: Readonly<Record<string, string>> = ALERT_KIND_LABELS;

export const alertsPage: Page = {
  path: "/alertes",
  title: "Alertes",
  permission: "persons.read",
  async render({ root, me }) {
    const content = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
    const expire = h("button", { type: "button" }, "Clore les propositions échues");
    const expiryStatus = h("p", { role: "status" });
    expire.addEventListener("click", async () => {
      expire.disabled = true;
      try {
        const result = await api.post<z.infer<typeof ExpireResponse>>("/api/panels/expire");
        const count = result.expiredPanelIds.length;
        expiryStatus.textContent =
          count === 0
            ? "Aucune proposition échue à clore."
            : `${count} proposition(s) close(s) ; ${result.releasedUnitIds.length} logement(s) de nouveau disponible(s).`;
        announce(expiryStatus.textContent);
        await load();
      } catch (error) {
        expiryStatus.textContent =
          error instanceof ApiError ? error.problem.detail : (error as Error).message;
      } finally {
        expire.disabled = false;
      }
    });
    mount(
      root,
      h("h1", null, "Alertes"),
      h(
        "p",
        null,
        "Les échéances du programme et les seuils à surveiller, des plus urgentes aux moins urgentes.",
      ),
      can(me, "panels.write") ? h("div", { class: "actions" }, expire, expiryStatus) : null,
      content,
    );
    const load = async () => {
      try {
        const items = await fetchAllPages<Alert>("/api/alerts");
        const critical = items.filter((alert) => alert.severity === "critical").length;
        mount(
          content,
          h(
            "p",
            { class: "pick-counter" },
            items.length === 0
              ? "Rien à traiter aujourd'hui."
              : `${items.length} alerte(s), dont ${critical} urgente(s).`,
          ),
          h(
            "ul",
            { class: "alerts" },
            items.map((alert) =>
              h(
                "li",
                { class: `alert alert-${alert.severity}`, "data-alert-kind": alert.kind },
                h(
                  "p",
                  { class: "alert-head" },
                  h(
                    "span",
                    { class: `badge ${alert.severity === "critical" ? "badge-late" : "badge-soon"}` },
                    alert.severity === "critical" ? "Urgent" : "À surveiller",
                  ),
                  " ",
                  h("strong", null, kindLabels[alert.kind] ?? "Alerte"),
                  alert.dueDate ? ` — échéance le ${formatDate(alert.dueDate)}` : null,
                ),
                h("p", null, alert.message),
                alert.kind.startsWith("prefect_information_") && typeof alert.details.leaseId === "string"
                  ? h(
                      "p",
                      null,
                      h(
                        "a",
                        { href: `/baux/${encodeURIComponent(alert.details.leaseId)}`, "data-link": true },
                        "Ouvrir le bail glissant",
                      ),
                    )
                  : alert.kind.startsWith("tenancy_risk_")
                    ? h(
                        "p",
                        null,
                        h("a", { href: "/maintien", "data-link": true }, "Ouvrir le registre des risques"),
                      )
                    : alert.personId
                      ? h(
                          "p",
                          null,
                          h(
                            "a",
                            { href: `/personnes/${encodeURIComponent(alert.personId)}`, "data-link": true },
                            "Ouvrir le dossier",
                          ),
                        )
                      : null,
              ),
            ),
          ),
        );
      } catch (error) {
        mount(content, loadError(error, "Alertes"));
      }
    };
    await load();
  },
};

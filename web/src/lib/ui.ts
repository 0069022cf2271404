import type { z } from "zod";
import type { DeadlineSchema } from "../../../server/modules/persons/persons.schemas";
import { ApiError, isMissingRoute } from "./api";
import { type Child, h } from "./dom";
import { formatDate } from "./format";

/** A table with a caption and column headers (scope="col"), rows built from data as text. */
let tableCount = 0;

export function table<T>(
  caption: string,
  columns: { header: string; cell: (row: T) => Child | Child[]; numeric?: boolean }[],
  rows: T[],
  empty = "Aucun élément.",
): HTMLElement {
  if (rows.length === 0) return h("p", { class: "empty" }, empty);
  // the title stays above the scrolling part: on a phone a wide table scrolls sideways, and a
  // caption inside it would be cut at the screen's edge (a date, a name lost)
  const captionId = `table-caption-${++tableCount}`;
  return h(
    "div",
    { class: "table-block" },
    h("p", { class: "table-caption", id: captionId }, caption),
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { "aria-labelledby": captionId },
        h(
          "thead",
          null,
          h(
            "tr",
            null,
            columns.map((column) =>
              h("th", { scope: "col", class: column.numeric ? "num" : null }, column.header),
            ),
          ),
        ),
        h(
          "tbody",
          null,
          rows.map((row) =>
            h(
              "tr",
              null,
              columns.map((column) => h("td", { class: column.numeric ? "num" : null }, column.cell(row))),
            ),
          ),
        ),
      ),
    ),
  );
}

/** A message for a failed load: the API's detail, or that this server does not offer the service yet. */
export function loadError(error: unknown, what: string): HTMLElement {
  if (isMissingRoute(error))
    return h("p", { class: "notice" }, `${what} : ce service n'est pas encore disponible sur ce serveur.`);
  const detail = error instanceof ApiError ? error.problem.detail : (error as Error).message;
  return h("p", { class: "notice notice-error", role: "alert" }, `${what} : ${detail}`);
}

/** The offer duty as the persons API computes it (day 1 + 8 weeks, then a re-offer after a refusal). */
export type Deadline = z.infer<typeof DeadlineSchema>;

/**
 * The 8-week first-offer duty (cahier des charges §8.3.2: a first offer within 8 weeks of day 1),
 * as a badge shown wherever the person appears: met on time (green), met late (red, with the
 * days of delay), due within 14 days (amber), overdue (red), otherwise the date. When a panel
 * closed without a flat taken, the re-offer owed is shown in its place until it is made.
 * Text, not colour alone, carries the state.
 */
export function deadlineBadge(deadline: Deadline | null | undefined): HTMLElement | null {
  if (!deadline) return null;
  const reoffer = deadline.reoffer;
  if (reoffer && reoffer.offeredOn === null) {
    const date = formatDate(reoffer.deadline);
    const [kind, text] =
      reoffer.state === "overdue"
        ? ["late", `Nouvelle proposition en retard de ${reoffer.daysLate} j (${date})`]
        : reoffer.state === "due_soon"
          ? ["soon", `Nouvelle proposition avant le ${date} (J-${reoffer.daysLeft})`]
          : ["muted", `Nouvelle proposition avant le ${date} (J-${reoffer.daysLeft})`];
    return h(
      "span",
      { class: `badge badge-deadline badge-${kind}`, "data-deadline-state": `reoffer_${reoffer.state}` },
      text,
    );
  }
  const date = formatDate(deadline.firstOfferDeadline);
  const [kind, text] =
    deadline.state === "met_on_time"
      ? ["ok", `Première proposition le ${formatDate(deadline.firstOfferOn)}, dans le délai`]
      : deadline.state === "met_late"
        ? [
            "late",
            `Première proposition le ${formatDate(deadline.firstOfferOn)}, ${deadline.daysLate} j après l'échéance du ${date}`,
          ]
        : deadline.state === "overdue"
          ? ["late", `Délai de 8 semaines dépassé de ${deadline.daysLate} j (${date})`]
          : deadline.state === "due_soon"
            ? ["soon", `Proposition avant le ${date} (J-${deadline.daysLeft})`]
            : ["muted", `Proposition avant le ${date} (J-${deadline.daysLeft})`];
  return h(
    "span",
    { class: `badge badge-deadline badge-${kind}`, "data-deadline-state": deadline.state },
    text,
  );
}

export function section(title: string, ...children: Child[]): HTMLElement {
  return h("section", { class: "card" }, h("h2", null, title), ...children);
}

let serverToday: string | null = null;
/** Set from GET /api/config at start: deadlines are counted from the server's clock, not the browser's. */
export function setServerToday(today: string): void {
  serverToday = today;
}
export function todayInParis(): string {
  return serverToday ?? new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());
}

/**
 * A destructive action: a red button that asks for confirmation, runs, and shows the API's
 * refusal (a 409 in French) next to it instead of failing silently.
 */
export function dangerAction(options: {
  label: string;
  confirm: string;
  run: () => Promise<void>;
}): HTMLElement {
  const button = h("button", { type: "button", class: "danger" }, options.label);
  const status = h("p", { role: "status" });
  button.addEventListener("click", async () => {
    if (!confirm(options.confirm)) return;
    status.textContent = "";
    button.setAttribute("disabled", "");
    try {
      await options.run();
    } catch (error) {
      status.textContent = error instanceof ApiError ? error.problem.detail : (error as Error).message;
    } finally {
      button.removeAttribute("disabled");
    }
  });
  return h("div", { class: "danger-action" }, h("p", { class: "actions" }, button), status);
}

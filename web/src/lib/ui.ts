import { ApiError, isMissingRoute } from "./api";
import { type Child, h } from "./dom";
import { formatDate } from "./format";

/** A table with a caption and column headers (scope="col"), rows built from data as text. */
export function table<T>(
  caption: string,
  columns: { header: string; cell: (row: T) => Child | Child[]; numeric?: boolean }[],
  rows: T[],
  empty = "Aucun élément.",
): HTMLElement {
  if (rows.length === 0) return h("p", { class: "empty" }, empty);
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      null,
      h("caption", null, caption),
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
  );
}

/** A message for a failed load: the API's detail, or that this server does not offer the service yet. */
export function loadError(error: unknown, what: string): HTMLElement {
  if (isMissingRoute(error))
    return h("p", { class: "notice" }, `${what} : ce service n'est pas encore disponible sur ce serveur.`);
  const detail = error instanceof ApiError ? error.problem.detail : (error as Error).message;
  return h("p", { class: "notice notice-error", role: "alert" }, `${what} : ${detail}`);
}

/**
 * The 8-week first-offer deadline (cahier des charges: a first offer within 8 weeks of day 1),
 * as a badge: overdue (red), within 14 days (amber), otherwise the date (neutral).
 */
export function deadlineBadge(
  deadline: string | null | undefined,
  today: string,
  done = false,
): HTMLElement | null {
  if (!deadline) return null;
  if (done)
    return h("span", { class: "badge badge-ok", title: "Première proposition faite" }, "Proposition faite");
  const days = Math.round((Date.parse(deadline) - Date.parse(today)) / 86_400_000);
  const kind = days < 0 ? "late" : days <= 14 ? "soon" : "ok";
  const text =
    days < 0
      ? `Délai de 8 semaines dépassé de ${-days} j (${formatDate(deadline)})`
      : days === 0
        ? "Délai de 8 semaines : aujourd'hui"
        : `Proposition avant le ${formatDate(deadline)} (J-${days})`;
  return h("span", { class: `badge badge-deadline badge-${kind}`, "data-deadline": deadline }, text);
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

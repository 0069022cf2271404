import type { Page } from "../../../server/lib/pagination";
import { api, query } from "./api";
import { type Child, h, mount } from "./dom";
import { formatNumber } from "./format";

export type { Page };

/** Adds the page to a path that may already carry a query string. */
export function withPage(path: string, limit: number, offset: number): string {
  const page = query({ limit, offset }).slice(1);
  return `${path}${path.includes("?") ? "&" : "?"}${page}`;
}

/**
 * Every row of a list, read page after page (the API answers at most 500 rows a call). For the
 * small lists a form needs whole (the landlords of a select, the units of one formula); a list a
 * person browses is shown with `pagedList` instead.
 */
export async function fetchAllPages<T>(path: string, pageSize = 500): Promise<T[]> {
  const rows: T[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = await api.get<Page<T>>(withPage(path, pageSize, offset));
    rows.push(...page.items);
    if (page.items.length === 0 || rows.length >= page.total) return rows;
  }
}

/**
 * A list shown page by page: the first page, then "Afficher les suivants" adds the next one under
 * it, with "n sur total" so nothing the list holds is hidden from the reader.
 */
export async function pagedList<T, P extends Page<T> = Page<T>>(
  container: Element,
  options: {
    path: string;
    pageSize?: number;
    render: (items: T[], total: number) => Child;
    onError: (error: unknown) => Child;
    /** told of each page as the API answered it (a list may carry more than its items) */
    onPage?: (page: P) => void;
  },
): Promise<void> {
  const pageSize = options.pageSize ?? 50;
  const items: T[] = [];
  let total = 0;
  const draw = () => {
    const remaining = total - items.length;
    mount(
      container,
      options.render(items, total),
      remaining > 0
        ? h(
            "p",
            { class: "actions pager" },
            h("span", null, `${formatNumber(items.length)} affiché(s) sur ${formatNumber(total)}`),
            h(
              "button",
              { type: "button", "data-load-more": true, onclick: () => void next() },
              `Afficher les ${formatNumber(Math.min(pageSize, remaining))} suivant(s)`,
            ),
          )
        : null,
    );
  };
  const next = async () => {
    try {
      const page = await api.get<P>(withPage(options.path, pageSize, items.length));
      items.push(...page.items);
      total = page.total;
      options.onPage?.(page);
      draw();
    } catch (error) {
      mount(container, options.onError(error));
    }
  };
  await next();
}

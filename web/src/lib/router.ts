import type { z } from "zod";
import type { Action } from "../../../server/modules/auth/permissions";
import type { PublicConfig as PublicConfigSchema } from "../../../server/modules/config/config.schemas";
import type { Me } from "./session";

/** GET /api/config: the basemap, whether addresses can be searched, the server's business date. */
export type PublicConfig = z.infer<typeof PublicConfigSchema>;

export type PageContext = {
  me: Me;
  config: PublicConfig;
  params: Record<string, string>;
  query: URLSearchParams;
  /** the page's own area of the screen */
  root: HTMLElement;
  navigate: (path: string) => void;
};

/** A page: its address, its title, the permission it needs, and how it draws itself (returns a cleanup). */
export type Page = {
  path: string;
  title: string;
  permission: Action | "authenticated";
  // biome-ignore lint/suspicious/noConfusingVoidType: pages without cleanup return nothing
  render: (context: PageContext) => void | (() => void) | Promise<void | (() => void)>;
};

/** Matches "/personnes/:id" against "/personnes/42" → {id: "42"}. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const patternParts = pattern.split("/").filter(Boolean);
  const pathParts = path.split("/").filter(Boolean);
  if (patternParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (let index = 0; index < patternParts.length; index++) {
    const expected = patternParts[index]!;
    const actual = pathParts[index]!;
    if (expected.startsWith(":")) params[expected.slice(1)] = decodeURIComponent(actual);
    else if (expected !== actual) return null;
  }
  return params;
}

export function findPage(pages: Page[], path: string): { page: Page; params: Record<string, string> } | null {
  for (const page of pages) {
    const params = matchPath(page.path, path);
    if (params) return { page, params };
  }
  return null;
}

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url);
const topLevel = new Set(readdirSync(root));

/**
 * The repository paths a Markdown text names: `code spans` and link targets whose first segment is
 * a top-level entry of the repository (so `application/problem+json` or `/api/health` are not
 * paths). Placeholders such as `<area>` and the part after a `#` are left out.
 */
function namedPaths(markdown: string, relativeTo = ""): string[] {
  const spans = [...markdown.matchAll(/`([^`\s]+)`/g)].map((m) => m[1] ?? "");
  const links = [...markdown.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)].map((m) => relativeTo + (m[1] ?? ""));
  return [...new Set([...spans, ...links])]
    .filter((path) => !path.includes("<") && !/^[a-z]+:/.test(path))
    .filter((path) => topLevel.has(path.split("/")[0] ?? "") && path.includes("/"));
}

describe("the README", () => {
  const readme = readFileSync(new URL("README.md", root), "utf8");

  it("stays a newcomer's read (under 250 lines)", () => {
    expect(readme.split("\n").length).toBeLessThan(250);
  });

  it("names only paths that exist", () => {
    const paths = namedPaths(readme);
    expect(paths.length).toBeGreaterThan(20);
    expect(paths.filter((path) => !existsSync(new URL(path, root)))).toEqual([]);
  });

  it("finds a missing path (the check is not vacuous)", () => {
    expect(namedPaths("see `server/modules/nowhere.rules.ts` and [x](docs/none.md)")).toEqual([
      "server/modules/nowhere.rules.ts",
      "docs/none.md",
    ]);
  });
});

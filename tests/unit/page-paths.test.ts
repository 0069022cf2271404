import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isPagePath, PAGE_PATHS } from "../../web/src/page-paths";
import { publicPages } from "../../web/src/screens";

/** The `path` of every Page object the router holds (`path: "/x",` followed by its title). */
function declaredPagePaths(): string[] {
  const folder = join(import.meta.dirname, "../../web/src/pages");
  const paths: string[] = [];
  for (const file of readdirSync(folder).filter((name) => name.endsWith(".ts")))
    for (const match of readFileSync(join(folder, file), "utf8").matchAll(/path:\s*"(\/[^"]*)",\s*title:/g))
      paths.push(match[1]!);
  return paths;
}

describe("the list of the app's addresses", () => {
  it("names exactly the router's pages, the public pages and the root", () => {
    expect([...PAGE_PATHS].sort()).toEqual(
      [...new Set(["/", ...publicPages, ...declaredPagePaths()])].sort(),
    );
  });

  it.each([
    ["/", true],
    ["/personnes", true],
    ["/personnes/", true],
    ["/personnes/3f0c1b2a-6d4e-4f5a-8b9c-0d1e2f3a4b5c", true],
    ["/personnes/3f0c1b2a/modifier", true],
    ["/personnes/nouvelle", true],
    ["/finances/baux/abc", true],
    ["/personnes/a/b", false],
    ["/finances/baux", false],
    ["/admin", false],
    ["/nimporte-quoi", false],
    ["/personnes//modifier", false],
  ])("%s is a page: %s", (path, page) => {
    expect(isPagePath(path)).toBe(page);
  });
});

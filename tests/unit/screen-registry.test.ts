/**
 * A screen for every capability: every write operation of the OpenAPI document is called from a
 * page of a role that holds the operation's permission (web/src/screens.ts), or is listed there as
 * integration-only with its reason.
 *
 * The registry is checked against the code, not trusted: the page must exist in its module with
 * the permission the test uses, the module must be one the router loads, and its source must call
 * the operation's address.
 *
 * `awaitingScreen` lists the operations whose page is still to come. It must only shrink:
 * AWAITING_CEILING is its current length; lower it when you move an entry to `screens`, never
 * raise it. A new write route is registered with its page in the same change.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { can, type Permission, roles } from "../../server/modules/auth/permissions";
import { awaitingScreen, integrationOnly, publicPages, SHELL, screens } from "../../web/src/screens";
import { servedOpenApiDocument } from "../support/openapi-spec";

const AWAITING_CEILING = 0;

const spec = (await servedOpenApiDocument()) as {
  paths: Record<string, Record<string, Record<string, unknown>>>;
};

const WRITE_METHODS = ["post", "put", "patch", "delete"];
const writeOperations = new Map<string, Permission>(
  Object.entries(spec.paths).flatMap(([path, item]) =>
    WRITE_METHODS.filter((method) => item[method]).map(
      (method) => [`${method.toUpperCase()} ${path}`, item[method]!["x-permission"] as Permission] as const,
    ),
  ),
);

const webRoot = join(import.meta.dirname, "../../web/src");
const source = (file: string) => readFileSync(join(webRoot, file), "utf8");
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The permission a page declares in its module (`path: "/x", title: …, permission: "p"`). */
function pagePermission(page: string, file: string): Permission | null {
  if (page === SHELL) return "authenticated";
  if ((publicPages as readonly string[]).includes(page)) return "public";
  const match = new RegExp(`path:\\s*"${escapeRegExp(page)}"[\\s\\S]{0,300}?permission:\\s*"([^"]+)"`).exec(
    source(file),
  );
  return (match?.[1] as Permission | undefined) ?? null;
}

/** `/api/persons/{id}/panels` written in the source as a template literal or a string. */
function callPattern(operation: string): RegExp {
  const path = operation.split(" ")[1]!;
  const parts = path.split(/\{[^}]+\}/).map(escapeRegExp);
  return new RegExp(`["'\`]${parts.join("\\$\\{[^}]+\\}")}(["'\`?]|\\$\\{)`);
}

const registered = new Map<string, (typeof screens)[number]>();
for (const screen of screens)
  for (const operation of screen.operations)
    if (!registered.has(operation)) registered.set(operation, screen);

describe("the screen registry", () => {
  it("has a page, an integration reason or an awaited page for every write operation", () => {
    const orphans = [...writeOperations.keys()].filter(
      (operation) => !registered.has(operation) && !integrationOnly[operation] && !awaitingScreen[operation],
    );
    expect(orphans, "write operations without a page: register them in web/src/screens.ts").toEqual([]);
  });

  it("names only operations that exist, each in one list", () => {
    const named = [...registered.keys(), ...Object.keys(integrationOnly), ...Object.keys(awaitingScreen)];
    expect(named.filter((operation) => !writeOperations.has(operation))).toEqual([]);
    const counted = new Map<string, number>();
    for (const operation of [
      ...new Set(screens.flatMap((screen) => screen.operations)),
      ...Object.keys(integrationOnly),
      ...Object.keys(awaitingScreen),
    ])
      counted.set(operation, (counted.get(operation) ?? 0) + 1);
    expect([...counted].filter(([, count]) => count > 1).map(([operation]) => operation)).toEqual([]);
  });

  it("only shrinks its list of operations awaiting a page", () => {
    expect(Object.keys(awaitingScreen).length).toBeLessThanOrEqual(AWAITING_CEILING);
  });

  it("gives every integration-only operation its reason", () => {
    for (const [operation, reason] of Object.entries(integrationOnly))
      expect(reason.length, operation).toBeGreaterThan(20);
  });

  const routedModules = source("pages/index.ts");
  for (const screen of screens) {
    describe(`${screen.page} (${screen.file})`, () => {
      const declaredIn = screen.declaredIn ?? screen.file;
      const permission = pagePermission(screen.page, declaredIn);

      it("is a page of the router with a permission", () => {
        expect(permission, `no Page with path "${screen.page}" in ${declaredIn}`).not.toBeNull();
        if (declaredIn.startsWith("pages/") && permission !== "public") {
          const module = declaredIn.replace(/^pages\//, "./").replace(/\.ts$/, "");
          expect(routedModules).toContain(`from "${module}"`);
        }
      });

      for (const operation of screen.operations) {
        it(`calls ${operation} for a role that may`, () => {
          const text = source(screen.file);
          if (screen.via) expect(text).toContain(screen.via);
          else expect(text).toMatch(callPattern(operation));
          const method = operation.split(" ")[0]!.toLowerCase();
          expect(text).toMatch(new RegExp(`api\\.${method}\\b|"${method.toUpperCase()}"`));

          const required = writeOperations.get(operation)!;
          const allowed = roles.filter(
            (role) => can(role, required) && (permission === null || can(role, permission)),
          );
          expect(allowed, `no role holds both the page's and ${operation}'s permission`).not.toEqual([]);
        });
      }
    });
  }
});

import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

function routesFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return routesFiles(path);
    return entry.name.endsWith(".routes.ts") ? [path] : [];
  });
}

/** Every module a file imports or re-exports from, `import type` included. */
function importedModules(source: string): string[] {
  const statements = source.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']/gms);
  const bare = source.matchAll(/^\s*import\s*["']([^"']+)["']/gm);
  const dynamic = source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g);
  return [...statements, ...bare, ...dynamic].map((m) => m[1] ?? "");
}

/** What a handler may not reach for: SQL lives in *.queries.ts, called by the services only. */
function sqlImports(source: string): string[] {
  return importedModules(source).filter(
    (module) =>
      /\.queries(\.ts)?$/.test(module) ||
      module === "drizzle-orm" ||
      module.startsWith("drizzle-orm/") ||
      /(^|\/)db\/(schema|client)(\/|$|\.ts$)/.test(module),
  );
}

/** What a handler may not open: the use-case opens its own transaction (use-case-context.ts). */
function transactionsOpened(source: string): string[] {
  return [
    ...source.matchAll(
      /\b(inAuditedTransaction|inUseCaseTransaction|inMoneyTransaction|runIdempotent)\b|\.transaction\(/g,
    ),
  ].map((m) => m[1] ?? ".transaction(");
}

describe("handlers are glue", () => {
  const files = routesFiles(join(root, "server"));

  it("finds the routes files", () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it("no *.routes.ts imports a *.queries.ts, drizzle-orm or the database schema", () => {
    const offenders = files
      .map((file) => ({ file: relative(root, file), imports: sqlImports(readFileSync(file, "utf8")) }))
      .filter(({ imports }) => imports.length > 0);
    expect(offenders).toEqual([]);
  });

  it("no *.routes.ts opens a transaction", () => {
    const opening = files
      .map((file) => ({ file: relative(root, file), opens: transactionsOpened(readFileSync(file, "utf8")) }))
      .filter(({ opens }) => opens.length > 0);
    expect(opening).toEqual([]);
  });

  it("sees every way of opening a transaction (the check is not vacuous)", () => {
    const source = [
      "const r = await inAuditedTransaction(db, context, (tx, audit) => work(tx, audit));",
      "await runIdempotent(db, context, request, async (tx) => ({ status: 201, body: {} }));",
      "await db.transaction(async (tx) => {});",
      "await inUseCaseTransaction(context, work);",
      "return c.json(await recordPayment(useCaseContext(c), input), 201);",
    ].join("\n");
    expect(transactionsOpened(source)).toEqual([
      "inAuditedTransaction",
      "runIdempotent",
      ".transaction(",
      "inUseCaseTransaction",
    ]);
  });

  it("sees every form of import (the check is not vacuous)", () => {
    const source = [
      'import { listLeases } from "./leases.queries";',
      'import type { LeaseRow } from "../leases/leases.queries";',
      "import {\n  and,\n  eq,\n} from 'drizzle-orm';",
      'export { findUnit } from "./units.queries";',
      'import { units } from "../../../db/schema";',
      'const q = await import("./map.queries");',
      'import { createRouter } from "../../lib/openapi";',
      'import { createLease } from "./leases.service";',
    ].join("\n");
    expect(sqlImports(source)).toEqual([
      "./leases.queries",
      "../leases/leases.queries",
      "drizzle-orm",
      "./units.queries",
      "../../../db/schema",
      "./map.queries",
    ]);
  });
});

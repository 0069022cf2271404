import type { Context } from "hono";
import { stream } from "hono/streaming";
import { AppError, toProblem } from "../../lib/errors";
import type { AppEnv } from "../../lib/hono";
import { createRouter, defineRoute, z } from "../../lib/openapi";
import { useCaseContext } from "../../lib/use-case-context";
import type { Permission } from "../auth/permissions";
import { IMPORT_COLUMNS, type ImportKind } from "./csv-import.rules";
import { importCsv } from "./stock-import.service";

const ImportError = z.object({ line: z.number().int(), field: z.string(), message: z.string() });
const ImportReport = z
  .object({
    kind: z.enum(["landlords", "buildings", "units"]),
    dryRun: z.boolean(),
    valid: z.boolean(),
    rows: z.number().int(),
    created: z.number().int(),
    errorCount: z.number().int(),
    errors: z.array(ImportError),
  })
  .openapi("CsvImportReport");

const labels: Record<ImportKind, { tag: string; what: string; permission: Permission }> = {
  landlords: { tag: "Bailleurs", what: "bailleurs", permission: "landlords.write" },
  buildings: { tag: "Immeubles", what: "immeubles", permission: "stock.write" },
  units: { tag: "Logements", what: "logements", permission: "stock.write" },
};

function importRoute(kind: ImportKind) {
  const { tag, what, permission } = labels[kind];
  return defineRoute({
    method: "post",
    path: `/api/${kind}/import`,
    tags: [tag],
    summary: `Importer des ${what} depuis un fichier CSV`,
    description:
      `Colonnes : ${IMPORT_COLUMNS[kind].join(", ")}. Séparateur « ; » ou « , ». ` +
      "`dryRun=true` : contrôle sans rien écrire, erreurs par ligne et colonne. Sinon tout ou rien " +
      "(422 IMPORT_REJECTED avec les erreurs). Avec `Accept: application/x-ndjson` la réponse est un " +
      'flux d\'objets JSON, un par ligne : `{"event":"progress","phase":"validate"|"write","done":n,"total":N}` ' +
      'puis `{"event":"result",…rapport}` ou `{"event":"error",…problème}`.',
    permission,
    request: {
      query: z.object({ dryRun: z.enum(["true", "false"]).default("false") }),
      body: { content: { "text/csv": { schema: z.string() } }, required: true },
    },
    responses: {
      200: {
        description: "Rapport d'import",
        content: {
          "application/json": { schema: ImportReport },
          "application/x-ndjson": { schema: z.string() },
        },
      },
    },
  });
}

async function handle(c: Context<AppEnv>, kind: ImportKind) {
  const dryRun = c.req.query("dryRun") === "true";
  const text = await c.req.text();
  const context = useCaseContext(c);
  if (!(c.req.header("accept") ?? "").includes("application/x-ndjson")) {
    return c.json(await importCsv(context, kind, text, { dryRun }), 200);
  }
  c.header("content-type", "application/x-ndjson; charset=utf-8");
  return stream(c, async (out) => {
    const line = (value: unknown) => out.write(`${JSON.stringify(value)}\n`);
    try {
      const result = await importCsv(context, kind, text, {
        dryRun,
        onProgress: async (progress) => {
          await line({ event: "progress", ...progress });
        },
      });
      await line({ event: "result", ...result });
    } catch (error) {
      const problem =
        error instanceof AppError ? error : new AppError("INTERNAL", "Une erreur inattendue est survenue");
      if (!(error instanceof AppError)) c.get("logger").error({ err: error }, "csv import failed");
      await line({ event: "error", ...toProblem(problem, c.get("requestId")) });
    }
  });
}

export const stockImportRoutes = createRouter()
  .openapi(importRoute("landlords"), (c) => handle(c, "landlords") as never)
  .openapi(importRoute("buildings"), (c) => handle(c, "buildings") as never)
  .openapi(importRoute("units"), (c) => handle(c, "units") as never);

import type { Context } from "hono";
import { stream } from "hono/streaming";
import { AppError, toProblem } from "../../lib/errors";
import type { AppEnv } from "../../lib/hono";
import { createRouter, defineRoute, z } from "../../lib/openapi";
import { useCaseContext } from "../../lib/use-case-context";
import type { Permission } from "../auth/permissions";
import { createGeocoder } from "../geocoding/geocoder";
import { IMPORT_COLUMNS, type ImportKind } from "./csv-import.rules";
import { ImportReport, ImportStreamLine, ImportWithAddresses } from "./stock-import.schemas";
import { importCsv } from "./stock-import.service";

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
      'puis `{"event":"result",…rapport}` ou `{"event":"error",…problème}`.' +
      (kind === "buildings"
        ? " Immeubles : une ligne sans lng ni lat est géocodée avec la BAN (GEOCODER_URL) ; un score " +
          "sous 0,7 ou une réponse qui n'est pas un numéro est « à vérifier » (`geocoded`, `reviewCount`) : " +
          "l'import réel la refuse tant qu'un point n'est pas confirmé, en envoyant `application/json` " +
          "`{csv, addresses: [{line, lng, lat, banId, inseeCode}]}`."
        : ""),
    permission,
    request: {
      query: z.object({ dryRun: z.enum(["true", "false"]).default("false") }),
      body: {
        content: {
          "text/csv": { schema: z.string() },
          ...(kind === "buildings" ? { "application/json": { schema: ImportWithAddresses } } : {}),
        },
        // a required body makes the JSON validator run on every media type, CSV included:
        // the handler checks the body of either type itself (an empty file is reported)
        required: kind !== "buildings",
      },
    },
    responses: {
      200: {
        description: "Rapport d'import",
        content: {
          "application/json": { schema: ImportReport },
          "application/x-ndjson": { schema: ImportStreamLine },
        },
      },
    },
  });
}

async function readBody(c: Context<AppEnv>, kind: ImportKind) {
  if (kind !== "buildings" || !(c.req.header("content-type") ?? "").includes("application/json"))
    return { text: await c.req.text(), addresses: [] };
  const parsed = ImportWithAddresses.safeParse(await c.req.json().catch(() => null));
  if (!parsed.success)
    throw AppError.validation(
      parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
    );
  return { text: parsed.data.csv, addresses: parsed.data.addresses };
}

async function handle(c: Context<AppEnv>, kind: ImportKind) {
  const dryRun = c.req.query("dryRun") === "true";
  const { text, addresses } = await readBody(c, kind);
  const context = useCaseContext(c);
  const geocoder = kind === "buildings" ? createGeocoder(c.get("deps").env.GEOCODER_URL) : undefined;
  if (!(c.req.header("accept") ?? "").includes("application/x-ndjson")) {
    return c.json(await importCsv(context, kind, text, { dryRun, geocoder, addresses }), 200);
  }
  c.header("content-type", "application/x-ndjson; charset=utf-8");
  return stream(c, async (out) => {
    const line = (value: z.input<typeof ImportStreamLine>) => out.write(`${JSON.stringify(value)}\n`);
    try {
      const result = await importCsv(context, kind, text, {
        dryRun,
        geocoder,
        addresses,
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

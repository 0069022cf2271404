import type { Context } from "hono";
import { AppError } from "../../lib/errors";
import type { AppEnv } from "../../lib/hono";
import { createRouter, defineRoute, z } from "../../lib/openapi";
import { pageOf, pageQuery } from "../../lib/pagination";
import { useCaseContext } from "../../lib/use-case-context";
import {
  assignBankLine,
  importBankStatement,
  statementReview,
  statementsImported,
  unmatchedLines,
} from "./bank-import.service";
import { fileHash } from "./bank-statement.parse";
import { idempotentRequest, sendIdempotent } from "./idempotency";
import {
  BankImportResult,
  BankLine,
  BankStatementReview,
  BankStatementSummary,
  IdempotencyHeaders,
  IdParam,
  PaymentResult,
} from "./ledger.schemas";

const tags = ["Rapprochement bancaire"];
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const RAW_TYPES = [
  "text/csv",
  "text/plain",
  "application/xml",
  "text/xml",
  "application/x-ofx",
  "application/octet-stream",
];

const importRoute = defineRoute({
  method: "post",
  path: "/api/ledger/bank-imports",
  tags,
  summary: "Importer un relevé bancaire (CSV, camt.053 ou OFX) et rapprocher les loyers",
  description:
    "Le fichier peut être envoyé en multipart/form-data (champ `file`), tel quel (text/csv, " +
    "application/xml, application/x-ofx, application/octet-stream) ou en JSON `{csv}`. " +
    "CSV : séparateur lu sur l'en-tête, lignes d'en-tête de la banque ignorées, une colonne Montant " +
    "ou Débit / Crédit, UTF-8 ou Windows-1252. Un même fichier n'est importé qu'une fois (409 " +
    "BANK_STATEMENT_ALREADY_IMPORTED) ; une opération déjà importée par un relevé qui chevauche " +
    "est ignorée (motif « duplicate »).",
  permission: "ledger.write",
  request: {
    headers: IdempotencyHeaders,
    // plain OpenAPI schemas, not zod: the handler reads the body itself, so that any content
    // type gets a problem answer (a statement that is not one is a 422, never a 500)
    body: {
      content: {
        "application/json": {
          schema: {
            type: "object",
            required: ["csv"],
            properties: { csv: { type: "string" }, fileName: { type: "string" } },
          },
        },
        "multipart/form-data": {
          schema: {
            type: "object",
            required: ["file"],
            properties: { file: { type: "string", format: "binary" } },
          },
        },
        ...Object.fromEntries(
          RAW_TYPES.map((type) => [type, { schema: { type: "string", format: "binary" } }]),
        ),
      },
      required: false,
    },
  },
  responses: { 201: json(BankImportResult, "Lignes rapprochées, à revoir ou ignorées") },
});

/** The statement's bytes, whichever way the browser or a script sent them. */
async function statementFile(c: Context<AppEnv>): Promise<{ bytes: Uint8Array; fileName: string | null }> {
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) {
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File))
      throw AppError.validation([{ path: "file", message: "joignez le fichier du relevé (champ « file »)" }]);
    return { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name || null };
  }
  if (type.startsWith("application/json")) {
    const body = (await c.req.json()) as { csv?: unknown; fileName?: unknown };
    const parsed = z
      .object({ csv: z.string().min(1), fileName: z.string().max(200).optional() })
      .safeParse(body);
    if (!parsed.success) throw AppError.validation([{ path: "csv", message: "contenu du relevé attendu" }]);
    return { bytes: new TextEncoder().encode(parsed.data.csv), fileName: parsed.data.fileName ?? null };
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (!bytes.length) throw AppError.validation([{ path: "file", message: "le relevé est vide" }]);
  const name = c.req.header("x-file-name");
  return { bytes, fileName: name ? decodeURIComponent(name).slice(0, 200) : null };
}

const statementsRoute = defineRoute({
  method: "get",
  path: "/api/ledger/bank-imports",
  tags,
  summary: "Relevés importés, avec le nombre de lignes rapprochées, à identifier et ignorées",
  permission: "ledger.read",
  request: { query: z.object(pageQuery()) },
  responses: { 200: json(pageOf(BankStatementSummary), "Relevés importés") },
});

const reviewRoute = defineRoute({
  method: "get",
  path: "/api/ledger/bank-imports/{id}",
  tags,
  summary: "Revue d'un relevé : chaque ligne, son état et son motif",
  permission: "ledger.read",
  request: { params: IdParam },
  responses: { 200: json(BankStatementReview, "Lignes du relevé") },
});

const unmatchedRoute = defineRoute({
  method: "get",
  path: "/api/ledger/bank-lines",
  tags,
  summary: "Lignes de relevé à identifier",
  permission: "ledger.read",
  request: { query: z.object(pageQuery()) },
  responses: { 200: json(pageOf(BankLine), "Lignes non rapprochées") },
});

const assignRoute = defineRoute({
  method: "post",
  path: "/api/ledger/bank-lines/{id}/assignment",
  tags,
  summary: "Rattacher une ligne non rapprochée à un bail",
  permission: "ledger.write",
  request: {
    params: IdParam,
    headers: IdempotencyHeaders,
    body: { content: { "application/json": { schema: z.object({ leaseId: z.uuid() }) } }, required: true },
  },
  responses: { 201: json(PaymentResult, "Règlement enregistré") },
});

export const bankImportRoutes = createRouter()
  .openapi(importRoute, async (c) => {
    const file = await statementFile(c);
    // the same file under the same key is the same request, whatever its packaging
    const result = await importBankStatement(useCaseContext(c), file, () =>
      idempotentRequest(c, { fileHash: fileHash(file.bytes) }),
    );
    return sendIdempotent(c, result);
  })
  .openapi(statementsRoute, async (c) =>
    c.json(await statementsImported(useCaseContext(c), c.req.valid("query")), 200),
  )
  .openapi(reviewRoute, async (c) =>
    c.json(await statementReview(useCaseContext(c), c.req.valid("param").id), 200),
  )
  .openapi(unmatchedRoute, async (c) =>
    c.json(await unmatchedLines(useCaseContext(c), c.req.valid("query")), 200),
  )
  .openapi(assignRoute, async (c) => {
    const { id } = c.req.valid("param");
    const input = c.req.valid("json");
    const result = await assignBankLine(useCaseContext(c), { lineId: id, leaseId: input.leaseId }, () =>
      idempotentRequest(c, input),
    );
    return sendIdempotent(c, result);
  });

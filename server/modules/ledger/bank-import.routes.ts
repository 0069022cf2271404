import { createRouter, defineRoute, requireActor, z } from "../../lib/openapi";
import { assignLine, findBankLine, importStatement, unmatchedLines } from "./bank-import.service";
import { idempotentRequest, runIdempotent, sendIdempotent } from "./idempotency";
import { writeContext } from "./ledger.routes";
import { IdempotencyHeaders, IdParam } from "./ledger.schemas";

const tags = ["Rapprochement bancaire"];
const Anything = z.record(z.string(), z.unknown());
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const importRoute = defineRoute({
  method: "post",
  path: "/api/ledger/bank-imports",
  tags,
  summary: "Importer un relevé bancaire CSV (date;libellé;montant) et rapprocher les loyers",
  permission: "ledger.write",
  request: {
    headers: IdempotencyHeaders,
    body: {
      content: {
        "application/json": {
          schema: z.object({ csv: z.string().min(1).max(5_000_000) }).openapi("BankImport"),
        },
      },
      required: true,
    },
  },
  responses: { 201: json(Anything.openapi("BankImportResult"), "Lignes rapprochées, à revoir ou ignorées") },
});

const unmatchedRoute = defineRoute({
  method: "get",
  path: "/api/ledger/bank-lines",
  tags,
  summary: "Lignes de relevé à identifier",
  permission: "ledger.read",
  responses: { 200: json(z.array(Anything), "Lignes non rapprochées") },
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
  responses: { 201: json(Anything, "Règlement enregistré") },
});

export const bankImportRoutes = createRouter()
  .openapi(importRoute, async (c) => {
    const input = c.req.valid("json");
    const { db, ...context } = writeContext(c);
    const result = await runIdempotent(db, context, idempotentRequest(c, input), async (tx, audit) => ({
      status: 201,
      body: await importStatement(tx, context.actor.organisationId, input.csv, context.actor.userId, audit),
    }));
    return sendIdempotent(c, result);
  })
  .openapi(unmatchedRoute, async (c) => {
    const actor = requireActor(c);
    return c.json((await unmatchedLines(c.get("deps").database.db, actor.organisationId)) as never, 200);
  })
  .openapi(assignRoute, async (c) => {
    const { id } = c.req.valid("param");
    const input = c.req.valid("json");
    const { db, ...context } = writeContext(c);
    await findBankLine(db, context.actor.organisationId, id); // 404 before 428
    const result = await runIdempotent(db, context, idempotentRequest(c, input), async (tx, audit) => ({
      status: 201,
      body: await assignLine(
        tx,
        context.actor.organisationId,
        { lineId: id, leaseId: input.leaseId },
        context.actor.userId,
        audit,
      ),
    }));
    return sendIdempotent(c, result);
  });

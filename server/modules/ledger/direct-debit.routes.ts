import { createRouter, defineRoute, z } from "../../lib/openapi";
import { useCaseContext } from "../../lib/use-case-context";
import {
  DebitMandate,
  DebitMandateBody,
  DirectDebitPeriodQuery,
  DirectDebitRun,
  DirectDebitRunBody,
  LeaseDebitMandate,
} from "./direct-debit.schemas";
import {
  directDebitFile,
  directDebitsOfMonth,
  prepareDirectDebits,
  recordTenantDebitMandate,
  tenantDebitMandate,
} from "./direct-debit.service";
import { LeaseIdParam } from "./ledger.schemas";

const tags = ["Prélèvements SEPA des locataires"];
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});

const mandateRoute = defineRoute({
  method: "get",
  path: "/api/ledger/leases/{leaseId}/debit-mandate",
  tags,
  summary: "Mandat de prélèvement SEPA du locataire d'un bail",
  permission: "ledger.read",
  request: { params: LeaseIdParam },
  responses: { 200: json(LeaseDebitMandate, "Mandat, ou null") },
});

const recordMandateRoute = defineRoute({
  method: "post",
  path: "/api/ledger/leases/{leaseId}/debit-mandate",
  tags,
  summary: "Enregistrer le mandat de prélèvement SEPA signé par le locataire",
  description:
    "RUM (générée depuis la référence de virement du bail si elle est vide), date de signature, IBAN et " +
    "BIC du compte débité. Un mandat par bail : 409 DEBIT_MANDATE_EXISTS sinon.",
  permission: "ledger.write",
  request: { params: LeaseIdParam, ...body(DebitMandateBody) },
  responses: { 201: json(DebitMandate, "Mandat enregistré") },
});

const prepareRoute = defineRoute({
  method: "post",
  path: "/api/ledger/direct-debits",
  tags,
  summary: "Préparer les prélèvements d'un mois (loyers des locataires ayant signé un mandat)",
  description:
    "Fixe une fois par mandat et par mois le montant (parts locataire appelées moins le complément de " +
    "loyer du programme) et le type de séquence (FRST pour le premier prélèvement, RCUR ensuite). " +
    "Relancer ne crée rien de plus. 422 SEPA_NOTHING_TO_COLLECT quand aucun mandat n'a de loyer appelé.",
  permission: "ledger.write",
  request: body(DirectDebitRunBody),
  responses: { 200: json(DirectDebitRun, "Prélèvements du mois") },
});

const monthRoute = defineRoute({
  method: "get",
  path: "/api/ledger/direct-debits",
  tags,
  summary: "Prélèvements préparés d'un mois",
  permission: "ledger.read",
  request: { query: DirectDebitPeriodQuery },
  responses: { 200: json(DirectDebitRun, "Prélèvements du mois") },
});

const fileRoute = defineRoute({
  method: "get",
  path: "/api/ledger/direct-debits/sepa",
  tags,
  summary: "Fichier de prélèvements SEPA (pain.008.001.08) d'un mois",
  description:
    "Créancier : l'organisation (IBAN, BIC, identifiant créancier SEPA). Validé contre le schéma ISO " +
    "20022 avant d'être remis ; 422 SEPA_DETAILS_MISSING quand une coordonnée manque.",
  // a collection order: only who may write the ledger may produce it
  permission: "ledger.write",
  request: { query: DirectDebitPeriodQuery },
  responses: {
    200: { description: "pain.008.001.08", content: { "application/xml": { schema: z.string() } } },
  },
});

export const directDebitRoutes = createRouter()
  .openapi(mandateRoute, async (c) =>
    c.json(await tenantDebitMandate(useCaseContext(c), c.req.valid("param").leaseId), 200),
  )
  .openapi(recordMandateRoute, async (c) =>
    c.json(
      await recordTenantDebitMandate(useCaseContext(c), c.req.valid("param").leaseId, c.req.valid("json")),
      201,
    ),
  )
  .openapi(prepareRoute, async (c) =>
    c.json(await prepareDirectDebits(useCaseContext(c), c.req.valid("json")), 200),
  )
  .openapi(monthRoute, async (c) =>
    c.json(await directDebitsOfMonth(useCaseContext(c), c.req.valid("query").period), 200),
  )
  .openapi(fileRoute, async (c) => {
    const file = await directDebitFile(useCaseContext(c), c.req.valid("query").period);
    c.header("content-disposition", `attachment; filename="${file.fileName}"`);
    return c.body(file.xml, 200, { "content-type": "application/xml; charset=utf-8" });
  });

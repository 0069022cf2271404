import { createRouter, defineRoute, z } from "../../lib/openapi";
import { useCaseContext } from "../../lib/use-case-context";
import { IsoDateSchema } from "./ledger.schemas";
import { landlordTransferFile } from "./sepa.service";

const transferFileRoute = defineRoute({
  method: "get",
  path: "/api/ledger/landlord-payouts/sepa",
  tags: ["Impayés et bailleurs"],
  summary: "Fichier de virements SEPA (pain.001.001.09) des reversements aux bailleurs d'un jour",
  description:
    "Un virement par reversement enregistré ce jour-là (loyers de bail principal et reversements sous " +
    "mandat), débité du compte de l'organisation (paramètres : IBAN, BIC, titulaire). Le fichier est " +
    "validé contre le schéma ISO 20022 avant d'être remis ; 422 SEPA_DETAILS_MISSING quand un IBAN " +
    "manque ou est invalide.",
  // a payment order: only who may pay may produce it
  permission: "ledger.write",
  request: { query: z.object({ paidOn: IsoDateSchema }) },
  responses: {
    200: { description: "pain.001.001.09", content: { "application/xml": { schema: z.string() } } },
  },
});

export const sepaRoutes = createRouter().openapi(transferFileRoute, async (c) => {
  const file = await landlordTransferFile(useCaseContext(c), c.req.valid("query").paidOn);
  c.header("content-disposition", `attachment; filename="${file.fileName}"`);
  return c.body(file.xml, 200, { "content-type": "application/xml; charset=utf-8" });
});

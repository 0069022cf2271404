import { contentDisposition } from "../../lib/download-response";
import { createRouter, defineRoute } from "../../lib/openapi";
import { splitPage } from "../../lib/pagination";
import { useCaseContext } from "../../lib/use-case-context";
import { documentFileName } from "./documents.rules";
import { DocumentFileParams, DocumentList, DocumentListQuery } from "./documents.schemas";
import { listReadableDocuments, readDocumentPdf } from "./documents.service";

const getPdfRoute = defineRoute({
  method: "get",
  path: "/api/documents/{file}",
  tags: ["Documents"],
  summary: "Le PDF d'un document (GET /api/documents/<id>.pdf)",
  description:
    "Un propriétaire ne lit que les documents qui lui sont adressés (mandat, bail principal, relevés…).",
  permission: "documents.read",
  request: { params: DocumentFileParams },
  responses: {
    200: {
      description: "Le PDF, tel qu'il a été produit (son SHA-256 dans l'en-tête X-Document-Sha256)",
      content: { "application/pdf": { schema: { type: "string", format: "binary" } } },
    },
  },
});

const listRoute = defineRoute({
  method: "get",
  path: "/api/documents",
  tags: ["Documents"],
  summary: "Les documents liés à un bail, un mandat, une personne, un propriétaire ou un logement",
  permission: "documents.read",
  request: { query: DocumentListQuery },
  responses: {
    200: {
      description: "Documents (sans leur contenu)",
      content: { "application/json": { schema: DocumentList } },
    },
  },
});

export const documentsRoutes = createRouter()
  .openapi(getPdfRoute, async (c) => {
    const id = c.req.valid("param").file.slice(0, -4).toLowerCase();
    const { row, pdf } = await readDocumentPdf(useCaseContext(c), id);
    return c.body(new Uint8Array(pdf), 200, {
      "Content-Type": "application/pdf",
      "Content-Disposition": contentDisposition(documentFileName(row), "inline"),
      "X-Document-Sha256": row.sha256,
      "Cache-Control": "private, no-store",
    });
  })
  .openapi(listRoute, async (c) => {
    const page = await listReadableDocuments(useCaseContext(c), ...splitPage(c.req.valid("query")));
    const items = page.items.map(({ landlordVisible: _hidden, ...row }) => ({
      ...row,
      createdAt: row.createdAt.toISOString(),
      url: `/api/documents/${row.id}.pdf`,
    }));
    return c.json({ ...page, items }, 200);
  });

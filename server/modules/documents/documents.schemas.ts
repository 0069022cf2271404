import { z } from "@hono/zod-openapi";
import { pageOf, pageQuery } from "../../lib/pagination";

export const DocumentFileParams = z.object({
  file: z
    .string()
    // no `i` flag: a JSON Schema pattern has no flags, so the document would carry "/i" verbatim
    .regex(
      /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\.[pP][dD][fF]$/,
      "<identifiant>.pdf attendu",
    )
    .openapi({ param: { name: "file", in: "path" }, example: "0f8fad5b-d9cb-469f-a165-70867728950e.pdf" }),
});

export const DocumentListQuery = z.object({
  leaseId: z.uuid().optional(),
  mandateId: z.uuid().optional(),
  personId: z.uuid().optional(),
  landlordId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  ...pageQuery(),
});

export const DocumentSummary = z
  .object({
    id: z.uuid(),
    templateId: z.string(),
    templateVersion: z.number().int(),
    title: z.string(),
    sha256: z.string(),
    byteSize: z.number().int(),
    landlordId: z.uuid().nullable(),
    leaseId: z.uuid().nullable(),
    mandateId: z.uuid().nullable(),
    personId: z.uuid().nullable(),
    unitId: z.uuid().nullable(),
    subjectType: z.string().nullable(),
    subjectId: z.uuid().nullable(),
    supersedesId: z.uuid().nullable(),
    signed: z.boolean(),
    createdAt: z.string(),
    url: z.string(),
  })
  .openapi("DocumentSummary");

export const DocumentList = pageOf(DocumentSummary).openapi("DocumentPage");

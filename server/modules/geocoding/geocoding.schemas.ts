import { z } from "@hono/zod-openapi";

export const AddressSearchQuery = z.object({
  q: z.string().trim().min(3, "au moins 3 caractères").max(200),
  limit: z.coerce.number().int().min(1).max(10).default(5),
  postcode: z
    .string()
    .regex(/^\d{5}$/, "code postal à 5 chiffres")
    .optional(),
});

export const AddressCandidate = z
  .object({
    label: z.string(),
    score: z.number().min(0).max(1),
    banId: z.string().nullable(),
    kind: z.enum(["housenumber", "street", "locality", "municipality"]),
    street: z.string(),
    postcode: z.string(),
    city: z.string(),
    inseeCode: z.string().nullable(),
    lng: z.number(),
    lat: z.number(),
  })
  .openapi("AddressCandidate");

export const AddressSearchResult = z
  .object({ items: z.array(AddressCandidate) })
  .openapi("AddressSearchResult");

import { z } from "@hono/zod-openapi";
import { pageOf, pageQuery } from "../../lib/pagination";

export const LandlordKind = z.enum(["private_person", "sci", "company", "social_landlord"]).openapi({
  description: "personne physique, SCI, société, bailleur social",
});

const optionalText = z.string().trim().min(1).max(500).nullable().optional();

export const LandlordInput = z
  .object({
    kind: LandlordKind,
    reference: optionalText,
    displayName: z.string().trim().min(1).max(200),
    firstName: optionalText,
    lastName: optionalText,
    email: z.email().nullable().optional(),
    emailConsent: z
      .boolean()
      .optional()
      .openapi({ description: "accepte de recevoir ses relevés de gérance par courriel" }),
    phone: z.string().trim().max(40).nullable().optional(),
    postalAddress: optionalText,
    iban: z.string().max(50).nullable().optional().openapi({ description: "vérifié par sa clé mod 97" }),
  })
  .openapi("LandlordInput");

export const LandlordPatch = LandlordInput.partial().openapi("LandlordPatch");

export const Landlord = z
  .object({
    id: z.uuid(),
    kind: LandlordKind,
    reference: z.string().nullable(),
    displayName: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    email: z.string().nullable(),
    emailConsent: z.boolean(),
    phone: z.string().nullable(),
    postalAddress: z.string().nullable(),
    hasIban: z.boolean(),
    ibanMasked: z.string().nullable().openapi({ description: "pays et 4 derniers caractères" }),
    iban: z
      .string()
      .nullable()
      .openapi({ description: "en clair pour la comptabilité et l'administration seulement" }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Landlord");

export const LandlordList = pageOf(Landlord).openapi("LandlordList");
export const LandlordListQuery = z.object({
  q: z.string().trim().max(100).optional().openapi({ description: "partie du nom affiché" }),
  ...pageQuery(),
});
export const IdParam = z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) });

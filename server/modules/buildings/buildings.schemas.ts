import { z } from "@hono/zod-openapi";
import { pageOf, pageQuery } from "../../lib/pagination";

export const BuildingInput = z
  .object({
    reference: z.string().trim().min(1).max(100).nullable().optional(),
    landlordId: z
      .uuid()
      .nullable()
      .optional()
      .openapi({ description: "propriétaire de l'immeuble entier, s'il est unique" }),
    street: z.string().trim().min(1).max(300),
    postcode: z.string().regex(/^\d{5}$/, "code postal à 5 chiffres"),
    city: z.string().trim().min(1).max(200),
    inseeCode: z
      .string()
      .regex(/^(\d{5}|2[AB]\d{3})$/, "code INSEE de la commune : 5 caractères (2A/2B pour la Corse)")
      .nullable()
      .optional(),
    banId: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z_-]{1,64}$/, "clé BAN : lettres, chiffres, « _ » ou « - »")
      .nullable()
      .optional()
      .openapi({ description: "clé d'interopérabilité de l'adresse dans la BAN (ex. 21231_0470_00012)" }),
    lng: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
    totalDwellings: z.number().int().min(1).max(10_000).openapi({
      description: "tous les logements de l'immeuble, du programme ou non (règle des 20 %)",
    }),
    hasElevator: z.boolean().default(false),
    yearBuilt: z.number().int().min(1000).max(2100).nullable().optional(),
  })
  .openapi("BuildingInput");

export const BuildingPatch = BuildingInput.partial().openapi("BuildingPatch");

export const BuildingScatter = z
  .object({
    totalDwellings: z.number().int(),
    programmeUnits: z.number().int(),
    maxProgrammeUnits: z.number().int(),
    headroom: z.number().int(),
    shareBasisPoints: z.number().int(),
    viaSmallBuildingException: z.boolean(),
  })
  .openapi("BuildingScatter");

export const Building = z
  .object({
    id: z.uuid(),
    reference: z.string().nullable(),
    landlordId: z.uuid().nullable(),
    street: z.string(),
    postcode: z.string(),
    city: z.string(),
    inseeCode: z.string().nullable(),
    banId: z.string().nullable(),
    lng: z.number(),
    lat: z.number(),
    totalDwellings: z.number().int(),
    hasElevator: z.boolean(),
    yearBuilt: z.number().int().nullable(),
    neighbourhood: z
      .object({ id: z.uuid(), code: z.string(), name: z.string(), isQpv: z.boolean() })
      .nullable(),
    scatter: BuildingScatter,
  })
  .openapi("Building");

export const BuildingList = pageOf(Building).openapi("BuildingList");
export const IdParam = z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) });
export const BuildingListQuery = z.object({
  neighbourhoodId: z.uuid().optional(),
  ...pageQuery(),
});

import { z } from "@hono/zod-openapi";
import { IsoDateSchema } from "../../lib/date-schemas";
import { HOUSING_BENEFIT_ZONES, PARAMETER_KEYS } from "./housing-benefit.rules";

export const ScaleQuery = z.object({ date: IsoDateSchema.optional() });

const ParameterVersion = z.object({
  effectiveFrom: z.string(),
  value: z.number().int(),
  source: z.string(),
  sourceUrl: z.string().nullable(),
  /** "shipped": the national value shipped with the software; "organisation": an admin's entry */
  origin: z.enum(["shipped", "organisation"]),
});

export const HousingBenefitScale = z
  .object({
    date: z.string(),
    /** false: some parameter has no value on that date, and no estimate is made */
    complete: z.boolean(),
    missing: z.array(z.string()),
    parameters: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        /** "cents": monthly cents; "annual_cents"; "ppm": millionths (rates and coefficients) */
        unit: z.enum(["cents", "annual_cents", "ppm"]),
        article: z.string(),
        inForce: ParameterVersion.nullable(),
        history: z.array(ParameterVersion),
      }),
    ),
  })
  .openapi("HousingBenefitScale");

export const ParameterEntryBody = z
  .object({
    key: z.enum(PARAMETER_KEYS as [string, ...string[]]),
    effectiveFrom: IsoDateSchema,
    value: z.number().int().min(-100_000_000).max(100_000_000),
    /** the text the value comes from (arrêté, article, Journal officiel) */
    source: z.string().trim().min(10).max(500),
  })
  .openapi("HousingBenefitParameterEntry");
export type ParameterEntryBody = z.infer<typeof ParameterEntryBody>;

export const ParameterEntry = z.object({
  key: z.string(),
  effectiveFrom: z.string(),
  value: z.number().int(),
  source: z.string(),
});

export const CommuneZone = z.object({
  inseeCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9][0-9AB][0-9]{3}$/, "Code INSEE à 5 caractères attendu (ex. 21231, 2A004)"),
  name: z.string().trim().min(1).max(200),
  zone: z.enum(HOUSING_BENEFIT_ZONES),
});

/** The whole list, replaced at once, with the text (arrêté du 17 mars 1978 as amended) it copies. */
export const CommuneZoneList = z
  .object({
    source: z.string().trim().min(10).max(500),
    communes: z.array(CommuneZone).max(5000),
  })
  .openapi("HousingBenefitCommuneZones");
export type CommuneZoneList = z.infer<typeof CommuneZoneList>;
/** The zones as the organisation holds them: without a source until its first list is saved. */
export const HeldCommuneZoneList = CommuneZoneList.extend({
  source: CommuneZoneList.shape.source.nullable(),
});

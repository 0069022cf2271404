import { z } from "../../lib/openapi";
import { IsoDateSchema } from "../../lib/date-schemas";
import { pageOf, pageQuery } from "../../lib/pagination";
import { HARD_CONSTRAINTS, SCORE_COMPONENTS } from "./matching.rules";

export const ResidualRentSchema = z
  .object({
    grossCents: z.number().int(),
    residualCents: z.number().int(),
    benefitSurplusCents: z.number().int(),
    ceilingCents: z.number().int(),
    complementCents: z.number().int(),
    tenantShareCents: z.number().int(),
    effortRateBasisPoints: z.number().int().nullable(),
    tenantEffortRateBasisPoints: z.number().int().nullable(),
    ceilingBasisPoints: z.number().int(),
    aboveCeiling: z.boolean(),
    noResources: z.boolean(),
    paymentFrequency: z.enum(["monthly", "fortnightly"]),
    periods: z.array(
      z.object({
        residualCents: z.number().int(),
        complementCents: z.number().int(),
        tenantShareCents: z.number().int(),
      }),
    ),
  })
  .openapi("ResidualRent", {
    description: "Règle des 30 % (cahier des charges §8.11, §9.4), montants mensuels en centimes",
  });

export const ConstraintCheckSchema = z.object({
  constraint: z.enum(HARD_CONSTRAINTS),
  passed: z.boolean(),
  detail: z.string(),
});

export const ScoreComponentSchema = z.object({
  component: z.enum(SCORE_COMPONENTS),
  points: z.number(),
  maxPoints: z.number(),
  detail: z.string(),
});

export const UnitFactsSchema = z.object({
  unitId: z.uuid(),
  reference: z.string().nullable(),
  address: z.object({ street: z.string(), postcode: z.string(), city: z.string() }),
  lng: z.number(),
  lat: z.number(),
  buildingId: z.uuid(),
  neighbourhoodId: z.uuid().nullable(),
  neighbourhoodName: z.string().nullable(),
  typology: z.string(),
  rooms: z.number().int(),
  surfaceM2: z.number(),
  floor: z.number().int(),
  hasElevator: z.boolean(),
  furnished: z.boolean(),
  energyClass: z.string().nullable(),
  rentCents: z.number().int(),
  chargesCents: z.number().int(),
});

/** The benefit a residual-rent figure deducts: the CAF's notified amount, or the barème's estimate. */
export const BenefitFigureSchema = z
  .object({
    cents: z.number().int(),
    /** "notified": the CAF's figure; "estimate": the barème's estimate for this flat; "unavailable": none could be made */
    basis: z.enum(["notified", "estimate", "unavailable"]),
    /** why no estimate: the commune's zone is unknown, or a value of the barème is missing on that date */
    unavailableReason: z.enum(["zone_unknown", "scale_incomplete"]).nullable(),
  })
  .openapi("HousingBenefitFigure");

export const CandidateSchema = UnitFactsSchema.extend({
  daysVacant: z.number().int(),
  score: z.number(),
  components: z.array(ScoreComponentSchema),
  constraints: z.array(ConstraintCheckSchema),
  distances: z.array(
    z.object({ label: z.string(), distanceKm: z.number(), maxDistanceKm: z.number(), within: z.boolean() }),
  ),
  residualRent: ResidualRentSchema,
  housingBenefit: BenefitFigureSchema,
}).openapi("MatchCandidate");

export const ExcludedUnitSchema = z
  .object({
    unitId: z.uuid(),
    reference: z.string().nullable(),
    address: z.object({ street: z.string(), postcode: z.string(), city: z.string() }),
    lng: z.number(),
    lat: z.number(),
    neighbourhoodName: z.string().nullable(),
    typology: z.string(),
    excludedBy: z.enum(HARD_CONSTRAINTS),
    reason: z.string(),
    failed: z.array(ConstraintCheckSchema),
  })
  .openapi("ExcludedUnit");

export const MatchesQuery = z.object({
  startDate: IsoDateSchema.optional().openapi({
    description: "Date de début de bail envisagée (DPE) ; défaut : aujourd'hui",
  }),
  include: z
    .enum(["excluded"])
    .optional()
    .openapi({ description: "« excluded » : lister aussi les logements écartés" }),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const MatchesResponse = z
  .object({
    personId: z.uuid(),
    startDate: IsoDateSchema,
    resourcesTotalCents: z.number().int(),
    housingBenefitCents: z.number().int(),
    /** "notified": the CAF's amount applies to every flat; "estimate": each candidate carries its own */
    housingBenefitBasis: z.enum(["notified", "estimate"]),
    ceilingBasisPoints: z.number().int(),
    evaluatedCount: z.number().int(),
    eligibleCount: z.number().int(),
    candidates: z.array(CandidateSchema),
    excluded: z.array(ExcludedUnitSchema).optional(),
  })
  .openapi("Matches");

export const ExcludedQuery = z.object({
  startDate: MatchesQuery.shape.startDate,
  constraint: z
    .enum(HARD_CONSTRAINTS)
    .optional()
    .openapi({ description: "ne lister que les logements écartés par cette contrainte" }),
  ...pageQuery(),
});

export const ExcludedPageSchema = pageOf(ExcludedUnitSchema)
  .extend({
    personId: z.uuid(),
    startDate: IsoDateSchema,
    byConstraint: z
      .array(z.object({ constraint: z.enum(HARD_CONSTRAINTS), count: z.number().int() }))
      .openapi({ description: "tous les logements écartés, comptés par la contrainte qui les écarte" }),
  })
  .openapi("ExcludedUnits");

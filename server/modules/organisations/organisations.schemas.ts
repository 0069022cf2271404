import { z } from "@hono/zod-openapi";
import { IsoDateSchema } from "../persons/persons.schemas";

const basisPoints = z.number().int().min(0).max(10_000);

export const Organisation = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(["chez_soi_site", "iml_association", "social_agency"]),
    city: z.string(),
    capacity: z.number().int(),
    buildingCapBasisPoints: z.number().int(),
    smallBuildingException: z.boolean(),
    neighbourhoodCapMode: z.enum(["off", "share", "count"]),
    neighbourhoodCapValue: z.number().int().nullable(),
    firstOfferDeadlineWeeks: z.number().int(),
    minimumPanelSize: z.number().int(),
    residualRentCeilingBasisPoints: z.number().int(),
    panelExpiryDays: z.number().int(),
    reofferDeadlineWeeks: z.number().int(),
    localCommitment: z.string().nullable(),
    openedOn: IsoDateSchema.nullable(),
    bankAccountHolder: z.string().nullable(),
    bankIban: z.string().nullable(),
    bankBic: z.string().nullable(),
    sepaCreditorIdentifier: z.string().nullable(),
    updatedAt: z.iso.datetime(),
  })
  .openapi("Organisation");

/** The parameters an admin may change; ranges here, cross-field rules in organisations.rules.ts. */
export const UpdateOrganisationBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    city: z.string().trim().min(1).max(100).optional(),
    capacity: z.number().int().min(1).max(100_000).optional(),
    // cahier des charges §9.4: at most 20% of a building's flats by default
    buildingCapBasisPoints: basisPoints.optional(),
    smallBuildingException: z.boolean().optional(),
    neighbourhoodCapMode: z.enum(["off", "share", "count"]).optional(),
    neighbourhoodCapValue: z.number().int().min(1).max(100_000).nullable().optional(),
    // cahier des charges §8.3.2: first offer within 8 weeks by default
    firstOfferDeadlineWeeks: z.number().int().min(1).max(52).optional(),
    // cahier des charges note 32: panels of at least 3 flats by default
    minimumPanelSize: z.number().int().min(1).max(20).optional(),
    // cahier des charges §8.11: residual rent ≤ 30% of resources by default
    residualRentCeilingBasisPoints: basisPoints.optional(),
    panelExpiryDays: z.number().int().min(1).max(365).optional(),
    // cahier des charges §8.3.2: another offer after a refusal; the site sets the delay
    reofferDeadlineWeeks: z.number().int().min(1).max(52).optional(),
    // a commitment beyond the national rules, e.g. «deux logements correspondant aux choix»
    localCommitment: z.string().trim().max(1000).nullable().optional(),
    // the capture targets (§8.9.1) run from the site's opening
    openedOn: IsoDateSchema.nullable().optional(),
    // the bank account of payout transfers and direct debits; checked in organisations.rules.ts
    bankAccountHolder: z.string().trim().min(1).max(70).nullable().optional(),
    bankIban: z.string().trim().max(42).nullable().optional(),
    bankBic: z.string().trim().max(11).nullable().optional(),
    sepaCreditorIdentifier: z.string().trim().max(35).nullable().optional(),
  })
  .openapi("UpdateOrganisationBody");

/**
 * A new site or operator and its first administrator, as the setup command takes them. The
 * programme parameters start at the national rules and are then set by that administrator.
 */
export const NewSiteInput = z.object({
  name: z.string().trim().min(3).max(200),
  kind: z.enum(["chez_soi_site", "iml_association", "social_agency"]),
  city: z.string().trim().min(1).max(120),
  // cahier des charges §8.1: a site follows 90 to 105 people; an IML operator sets its own
  capacity: z.coerce.number().int().min(1).max(100_000),
  adminEmail: z.email(),
  adminFullName: z.string().trim().min(1).max(200),
});

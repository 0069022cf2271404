import { z } from "@hono/zod-openapi";
import { IsoDateSchema } from "../../lib/date-schemas";
import { pageOf, pageQuery } from "../../lib/pagination";
import { BuildingScatter } from "../buildings/buildings.schemas";
import { DECENCY_CRITERIA, type DecencyCriterion } from "./decency.rules";
import { UNIT_STATUSES } from "./pipeline.rules";

export const UnitStatus = z.enum(UNIT_STATUSES).openapi("UnitStatus");
export const Typology = z.enum(["studio", "T1", "T2", "T3", "T4", "T5", "T6"]);
export const EnergyClass = z.enum(["A", "B", "C", "D", "E", "F", "G"]);
export const CaptureFormula = z
  .enum(["head_lease", "sliding_lease", "management_mandate", "direct_lease"])
  .openapi({
    description: "bail principal en vue de sous-location, bail glissant, mandat de gestion, bail direct",
  });
// Loc'Avantages (loi 2022, convention ANAH: Loc1 intermédiaire, Loc2 social, Loc3 très social) and the
// earlier ANAH conventions
export const LocAvantagesLevel = z.enum([
  "loc1",
  "loc2",
  "loc3",
  "anah_intermediate",
  "anah_social",
  "anah_very_social",
]);
const isoDate = IsoDateSchema;
const cents = z.number().int().min(0).max(100_000_000);

const unitFields = {
  landlordId: z.uuid().nullable().optional(),
  reference: z.string().trim().min(1).max(100).nullable().optional(),
  floor: z.number().int().min(-5).max(200),
  typology: Typology,
  surfaceM2: z.number().positive().max(2000),
  rooms: z.number().int().min(1).max(30),
  furnished: z.boolean().default(false),
  wheelchairAccessible: z.boolean().default(false),
  stepFree: z.boolean().default(false),
  energyClass: EnergyClass.nullable().optional(),
  energyDiagnosisDate: isoDate.nullable().optional(),
  rentCents: cents.openapi({ description: "loyer mensuel hors charges, en centimes" }),
  chargesCents: cents.default(0).openapi({ description: "provision mensuelle sur charges, en centimes" }),
  captureFormula: CaptureFormula.nullable().optional(),
  locAvantagesLevel: LocAvantagesLevel.nullable().optional(),
  rentCeilingCents: cents
    .nullable()
    .optional()
    .openapi({ description: "plafond de loyer Loc'Avantages/ANAH" }),
  availableFrom: isoDate.nullable().optional(),
};

export const UnitInput = z.object({ buildingId: z.uuid(), ...unitFields }).openapi("UnitInput");
export const UnitPatch = z.object(unitFields).partial().openapi("UnitPatch");

const CriterionCheck = z.object({
  met: z.boolean(),
  evidence: z.string().trim().max(500).nullable().optional().openapi({
    description: "ce qui établit le critère : constat de visite, diagnostic, facture d'entretien",
  }),
});

export const DecencyChecklist = z
  .object({
    mainRoomSurfaceM2: z.number().positive().max(500),
    ceilingHeightM: z.number().positive().max(20),
    surfaceUnder180M2: z.number().nonnegative().max(500).nullable().optional().openapi({
      description: "partie du sol sous moins de 1,80 m de plafond, jamais comptée (CCH R.156-1)",
    }),
    habitableVolumeM3: z.number().positive().max(10_000).nullable().optional(),
    criteria: z
      .object(
        Object.fromEntries(DECENCY_CRITERIA.map((key) => [key, CriterionCheck.optional()])) as Record<
          DecencyCriterion,
          z.ZodOptional<typeof CriterionCheck>
        >,
      )
      .optional()
      .openapi({
        description: "les autres critères du décret 2002-120 (art. 2 et 3), chacun avec sa preuve",
      }),
  })
  .openapi("DecencyChecklist", {
    description:
      "décret 2002-120 : pièce principale ≥ 9 m² sous 2,20 m, ou ≥ 20 m³, parties de moins de 1,80 m exclues ; et les critères des art. 2 et 3",
  });

/** The checklist as kept on the unit: what was entered at the visit and what was concluded. */
export const DecencyRecord = DecencyChecklist.extend({
  criteria: DecencyChecklist.shape.criteria.unwrap().nullable().optional(),
  countedSurfaceM2: z.number().optional(),
  decentVia: z.enum(["surface_and_height", "volume"]),
  energyClass: EnergyClass.nullable().optional(),
  leaseStartChecked: z.string().optional().openapi({ description: "début de bail prévu, vérifié au DPE" }),
  checkedOn: z.string(),
}).openapi("DecencyRecord");

export const TransitionInput = z
  .object({
    to: UnitStatus,
    date: isoDate.openapi({ description: "date effective du changement" }),
    reason: z.string().trim().min(1).max(1000).optional(),
    decency: DecencyChecklist.optional().openapi({ description: "obligatoire pour passer à visited" }),
    leaseStartDate: isoDate.optional().openapi({
      description: "début de bail envisagé pour le contrôle du DPE (défaut : date)",
    }),
    captureFormula: CaptureFormula.optional().openapi({
      description: "formule de captation (passage à agreed)",
    }),
  })
  .openapi("TransitionInput");

export const Transition = z
  .object({
    id: z.uuid(),
    fromStatus: UnitStatus.nullable(),
    toStatus: UnitStatus,
    effectiveDate: z.string(),
    reason: z.string().nullable(),
    actorUserId: z.uuid().nullable(),
    recordedAt: z.string(),
  })
  .openapi("UnitTransition");

export const Unit = z
  .object({
    id: z.uuid(),
    buildingId: z.uuid(),
    landlordId: z.uuid().nullable(),
    reference: z.string().nullable(),
    floor: z.number().int(),
    typology: Typology,
    surfaceM2: z.number(),
    rooms: z.number().int(),
    furnished: z.boolean(),
    wheelchairAccessible: z.boolean(),
    stepFree: z.boolean(),
    energyClass: EnergyClass.nullable(),
    energyDiagnosisDate: z.string().nullable(),
    rentCents: z.number().int(),
    chargesCents: z.number().int(),
    captureFormula: CaptureFormula.nullable(),
    locAvantagesLevel: z.string().nullable(),
    rentCeilingCents: z.number().int().nullable(),
    availableFrom: z.string().nullable(),
    status: UnitStatus,
    statusSince: z.string(),
    decencyChecklist: DecencyRecord.nullable(),
    building: z.object({
      street: z.string(),
      postcode: z.string(),
      city: z.string(),
      lng: z.number(),
      lat: z.number(),
      neighbourhoodId: z.uuid().nullable(),
    }),
    allowedTransitions: z.array(UnitStatus),
    buildingScatter: BuildingScatter,
    energyGate: z.object({
      allowedForLeaseStartingToday: z.boolean(),
      message: z.string().nullable(),
    }),
  })
  .openapi("Unit");

export const UnitList = pageOf(Unit).openapi("UnitList");
export const UnitListQuery = z.object({
  status: UnitStatus.optional(),
  buildingId: z.uuid().optional(),
  landlordId: z.uuid().optional(),
  captureFormula: CaptureFormula.optional(),
  ...pageQuery(),
});
export const IdParam = z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) });
export const TransitionList = pageOf(Transition).openapi("UnitTransitionList");

import { BirthDateSchema, IsoDateSchema } from "../../lib/date-schemas";
import { z } from "../../lib/openapi";
import { pageQuery } from "../../lib/pagination";
import { TYPOLOGIES } from "../matching/matching.rules";
import { LEAVE_REASONS } from "./persons.rules";

export { IsoDateSchema };

const cents = (description: string) =>
  z
    .number()
    .int()
    .min(0)
    .max(100_000_000)
    .openapi({ description: `${description} (centimes, par mois)` });

export const ResourcesSchema = z
  .object({
    rsa: cents("RSA").default(0),
    aah: cents("AAH").default(0),
    wages: cents("Salaires").default(0),
    pension: cents("Pension, retraite").default(0),
    other: cents("Autres ressources").default(0),
  })
  .openapi("MonthlyResources");

export const PersonStatusSchema = z.enum(["waiting", "offered", "housed", "suspended", "left"]);

export const PersonIdParams = z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) });

const personFields = {
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100),
  birthDate: BirthDateSchema.nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  email: z.email().max(200).nullable().optional(),
  emailConsent: z
    .boolean()
    .default(false)
    .openapi({ description: "accepte de recevoir avis d'échéance et quittances par courriel" }),
  adults: z.number().int().min(1).max(10).default(1),
  children: z.number().int().min(0).max(15).default(0),
  resources: ResourcesSchema,
  housingBenefitCents: cents("Aide au logement attendue (notification CAF)").default(0),
  housingBenefitPaidToOperator: z.boolean().default(true),
  housingBenefitBasis: z.enum(["estimate", "notified"]).optional().openapi({
    description:
      "« notified » : le montant est celui de la notification CAF ; « estimate » : chaque logement reçoit une estimation du barème. Défaut : « notified » si un montant est donné",
  }),
  entryDate: IsoDateSchema.openapi({ description: "Jour 1 : rencontre suivant l'admission" }),
};

export const PlaceThatMattersSchema = z.object({
  label: z.string().trim().min(1).max(80).openapi({ example: "Centre de soins" }),
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  maxDistanceKm: z.number().positive().max(100),
});

export const ChoicesSchema = z
  .object({
    wantedNeighbourhoodIds: z
      .array(z.uuid())
      .max(30)
      .default([])
      .openapi({ description: "Par ordre de préférence" }),
    excludedNeighbourhoodIds: z.array(z.uuid()).max(100).default([]),
    placesThatMatter: z.array(PlaceThatMattersSchema).max(10).default([]),
    typologyMin: z.enum(TYPOLOGIES).nullable().default(null),
    typologyMax: z.enum(TYPOLOGIES).nullable().default(null),
    highestFloorWithoutLift: z.number().int().min(0).max(50).nullable().default(null),
    needsWheelchairAccess: z.boolean().default(false),
    needsStepFree: z.boolean().default(false),
    wantsFurnished: z.boolean().nullable().default(null),
    hasPets: z.boolean().default(false),
    notes: z
      .string()
      .max(2000)
      .nullable()
      .default(null)
      .openapi({ description: "Préférences de logement uniquement : aucune donnée médicale" }),
  })
  .openapi("HousingChoices");

export const CreatePersonBody = z
  .object({ ...personFields, choices: ChoicesSchema.optional() })
  .openapi("NewPerson");

export const UpdatePersonBody = z
  .object({
    firstName: personFields.firstName,
    lastName: personFields.lastName,
    birthDate: personFields.birthDate,
    phone: personFields.phone,
    email: personFields.email,
    // absent: unchanged (clients written before the field keep working)
    emailConsent: z.boolean().optional(),
    adults: z.number().int().min(1).max(10),
    children: z.number().int().min(0).max(15),
    resources: ResourcesSchema,
    housingBenefitCents: cents("Aide au logement attendue"),
    housingBenefitPaidToOperator: z.boolean(),
    housingBenefitBasis: z.enum(["estimate", "notified"]),
    entryDate: personFields.entryDate,
    relocationRequested: z.boolean(),
  })
  .partial()
  .openapi("PersonChanges");

export const StatusChangeBody = z
  .discriminatedUnion("action", [
    z.object({ action: z.literal("suspend"), date: IsoDateSchema.optional() }),
    z.object({ action: z.literal("reenter"), date: IsoDateSchema.optional() }),
    z.object({ action: z.literal("readmit"), entryDate: IsoDateSchema }),
    z.object({
      action: z.literal("leave"),
      date: IsoDateSchema.optional(),
      reason: z.enum(LEAVE_REASONS),
    }),
  ])
  .openapi("PersonStatusChange");

const DeadlineStateSchema = z.enum(["on_track", "due_soon", "overdue", "met_on_time", "met_late"]).openapi({
  description:
    "en cours, bientôt dû (14 jours), dépassé, tenu à temps, tenu en retard (daysLate jours après l'échéance)",
});

export const DeadlineSchema = z.object({
  firstOfferDeadline: IsoDateSchema,
  firstOfferOn: IsoDateSchema.nullable(),
  state: DeadlineStateSchema,
  daysLeft: z.number().int(),
  daysLate: z.number().int(),
  reoffer: z
    .object({
      since: IsoDateSchema,
      deadline: IsoDateSchema,
      offeredOn: IsoDateSchema.nullable(),
      state: DeadlineStateSchema,
      daysLeft: z.number().int(),
      daysLate: z.number().int(),
    })
    .nullable()
    .openapi({ description: "La nouvelle proposition due après une proposition close sans logement pris" }),
});

export const AdmissionSchema = z
  .object({
    sequence: z.number().int().openapi({ description: "1 pour la première admission, puis 2, 3…" }),
    admittedOn: IsoDateSchema.openapi({ description: "Jour 1 de cette admission" }),
    endedOn: IsoDateSchema.nullable(),
    outcome: z.enum(["left", "readmitted"]).nullable().openapi({
      description: "sortie du programme, ou nouvelle admission après un droit de réintégration échu",
    }),
    leftReason: z.string().nullable(),
    firstOfferDeadline: IsoDateSchema,
    firstOfferOn: IsoDateSchema.nullable(),
    daysToFirstOffer: z.number().int().nullable(),
    state: DeadlineStateSchema,
    daysLate: z.number().int(),
  })
  .openapi("Admission");

export const PersonSummarySchema = z
  .object({
    id: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    status: PersonStatusSchema,
    entryDate: IsoDateSchema,
    relocationRequested: z.boolean(),
    deadline: DeadlineSchema,
  })
  .openapi("PersonSummary");

export const PersonSchema = z
  .object({
    id: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    birthDate: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    emailConsent: z.boolean(),
    adults: z.number().int(),
    children: z.number().int(),
    resources: ResourcesSchema,
    resourcesTotalCents: z.number().int(),
    housingBenefitCents: z.number().int(),
    housingBenefitPaidToOperator: z.boolean(),
    /** "notified": the CAF's amount applies to every flat; "estimate": each flat gets the barème's estimate */
    housingBenefitBasis: z.enum(["estimate", "notified"]),
    /** «droits APL ouverts» (cahier des charges §9.4): the date the CAF opened the rights */
    housingBenefitRightsOpenedOn: z.string().nullable(),
    entryDate: IsoDateSchema,
    status: PersonStatusSchema,
    suspendedOn: z.string().nullable(),
    reentryRightEndsOn: z.string().nullable(),
    leftOn: z.string().nullable(),
    leftReason: z.string().nullable(),
    relocationRequested: z.boolean(),
    deadline: DeadlineSchema,
    /** each admission with its own 8-week duty, oldest first; the last is the one under way */
    admissions: z.array(AdmissionSchema),
    choices: ChoicesSchema.nullable(),
    // set on an admission or readmission that takes the site above its capacity (§8.1)
    capacityWarning: z.string().nullable().optional(),
  })
  .openapi("Person");

export const PersonListQuery = z.object({
  status: PersonStatusSchema.optional(),
  q: z.string().trim().max(100).optional(),
  ...pageQuery(),
});

/** «Droits APL ouverts» (cahier des charges §9.4): the CAF's notification, its date and amount. */
export const HousingBenefitRightsBody = z
  .object({
    openedOn: IsoDateSchema.openapi({ description: "Date d'ouverture des droits (notification CAF)" }),
    monthlyAmountCents: cents("Montant mensuel notifié par la CAF"),
    paidToOperator: z.boolean().optional().openapi({ description: "Versée à l'opérateur (tiers payant)" }),
  })
  .openapi("HousingBenefitRights");

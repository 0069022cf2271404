import { z } from "@hono/zod-openapi";
import { IsoDateSchema } from "../../lib/date-schemas";
import { LESSOR_NOTICE_MOTIVES, TENANT_NOTICE_REASONS } from "./notice.rules";

const isoDate = IsoDateSchema;
const cents = z.number().int().nonnegative();

export const LeaseKindSchema = z.enum([
  "head_lease",
  "sublease",
  "sliding_sublease",
  "direct_lease",
  "temporary_occupancy",
]);
/**
 * Why a contract ends. The end of support is not one: housing never depends on support
 * (cahier des charges §5, §8.5).
 */
export const EndReasonSchema = z.enum(["relocation", "departure", "court_decision"]);

export const SlidingClause = z.object({
  targetDate: isoDate,
  conditions: z.array(z.string().trim().min(1).max(1000)).min(1).max(30),
  reviewDates: z.array(isoDate).min(1).max(60),
});

/**
 * A draft contract. Mentions that may still be unknown at drafting (payment day, IRL quarter,
 * previous rent) are checked at signature (loi 89-462 art. 3); duration and deposit at once.
 */
export const CreateLeaseBody = z
  .object({
    kind: LeaseKindSchema,
    unitId: z.uuid(),
    personId: z.uuid().optional(),
    landlordId: z.uuid().optional(),
    headLeaseId: z.uuid().optional(),
    previousLeaseId: z.uuid().optional(),
    startDate: isoDate,
    /** default: the legal minimum for the unit's landlord and furnishing */
    durationMonths: z.number().int().positive().max(240).optional(),
    rentCents: cents,
    chargesCents: cents,
    depositCents: cents,
    paymentFrequency: z.enum(["monthly", "fortnightly"]).default("monthly"),
    paymentDay: z.number().int().min(1).max(28).optional(),
    housingBenefitCents: cents.default(0),
    housingBenefitPaidToOperator: z.boolean().default(true),
    furnished: z.boolean().optional(),
    irlReferenceQuarter: z.enum(["T1", "T2", "T3", "T4"]).optional(),
    previousRentCents: cents.optional(),
    paysRentDuringVacancy: z.boolean().default(true),
    restorationAtEnd: z.boolean().default(true),
    sliding: SlidingClause.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.kind !== "head_lease" && !body.personId) {
      ctx.addIssue({ code: "custom", path: ["personId"], message: "La personne logée est requise" });
    }
    if (body.kind === "sliding_sublease" && !body.sliding) {
      ctx.addIssue({ code: "custom", path: ["sliding"], message: "La clause de glissement est requise" });
    }
    if (body.kind !== "sliding_sublease" && body.sliding) {
      ctx.addIssue({ code: "custom", path: ["sliding"], message: "Réservée au bail glissant" });
    }
  })
  .openapi("CreateLease");
export type CreateLeaseBody = z.input<typeof CreateLeaseBody>;

export const SignBody = z.object({ signedOn: isoDate.optional() });
export const ReviewBody = z.object({
  heldOn: isoDate,
  outcome: z.enum(["favourable", "unfavourable", "postponed"]),
  notes: z.string().max(2000).optional(),
});
export type ReviewBody = z.infer<typeof ReviewBody>;
export const GlissementBody = z.object({
  effectiveDate: isoDate,
  durationMonths: z.number().int().positive().max(240).optional(),
  depositCents: cents.optional(),
});
export type GlissementBody = z.infer<typeof GlissementBody>;
/**
 * A notice (loi 89-462 art. 15). `givenOn` is the day the lessor (tenant's notice) or the tenant
 * (lessor's notice) received the letter: the period runs from it. The tenant's period follows
 * from the flat and the reason; `effectiveDate` may only be later than its end. The lessor's
 * notice is for the term only, with its motive and the motive's facts.
 */
export const NoticeBody = z
  .object({
    givenBy: z.enum(["tenant", "lessor"]).default("tenant"),
    givenOn: isoDate.optional(),
    effectiveDate: isoDate.optional(),
    /** how the contract will end: the tenant leaves, or moves to another flat of the programme */
    reason: z.enum(["departure", "relocation"]).default("departure"),
    tenantReason: z.enum(TENANT_NOTICE_REASONS).default("none"),
    /** «justificatif reçu»: the proof of the reason came with the letter */
    justificationReceived: z.boolean().default(false),
    lessorMotive: z.enum(LESSOR_NOTICE_MOTIVES).optional(),
    motiveDetail: z.string().trim().max(2000).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.givenBy === "lessor" && !body.lessorMotive) {
      ctx.addIssue({
        code: "custom",
        path: ["lessorMotive"],
        message: "Le congé du bailleur doit être motivé (loi 89-462 art. 15)",
      });
    }
    if (body.givenBy === "lessor" && body.reason === "relocation") {
      ctx.addIssue({
        code: "custom",
        path: ["reason"],
        message: "Un relogement se fait sur congé du locataire",
      });
    }
  })
  .openapi("Notice");
export type NoticeBody = z.infer<typeof NoticeBody>;
export type NoticeInput = z.input<typeof NoticeBody>;
export const TerminateBody = z.object({ endedOn: isoDate, reason: EndReasonSchema });
export type TerminateBody = z.infer<typeof TerminateBody>;
export const RelocationBody = z.object({
  toUnitId: z.uuid(),
  effectiveDate: isoDate,
  kind: z.enum(["sublease", "sliding_sublease", "direct_lease", "temporary_occupancy"]).optional(),
  durationMonths: z.number().int().positive().max(240).optional(),
  depositCents: cents.optional(),
  sliding: SlidingClause.optional(),
});
export type RelocationBody = z.infer<typeof RelocationBody>;

export const LeaseIdParams = z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) });
export const LeaseListQuery = z.object({
  unitId: z.uuid().optional(),
  personId: z.uuid().optional(),
  landlordId: z.uuid().optional(),
  status: z.enum(["draft", "signed", "notice_given", "ended"]).optional(),
});

export const Lease = z
  .object({
    id: z.uuid(),
    kind: LeaseKindSchema,
    status: z.enum(["draft", "signed", "notice_given", "ended"]),
    unitId: z.uuid(),
    landlordId: z.uuid().nullable(),
    personId: z.uuid().nullable(),
    startDate: z.string(),
    durationMonths: z.number().int(),
    endDate: z.string().nullable(),
    rentCents: z.number().int(),
    chargesCents: z.number().int(),
    depositCents: z.number().int(),
    paymentFrequency: z.enum(["monthly", "fortnightly"]),
    paymentDay: z.number().int().nullable(),
    housingBenefitCents: z.number().int(),
    housingBenefitPaidToOperator: z.boolean(),
    furnished: z.boolean(),
    irlReferenceQuarter: z.string().nullable(),
    previousRentCents: z.number().int().nullable(),
    paysRentDuringVacancy: z.boolean(),
    restorationAtEnd: z.boolean(),
    headLeaseId: z.uuid().nullable(),
    slidingTargetDate: z.string().nullable(),
    slidingConditions: z.array(z.string()).nullable(),
    previousLeaseId: z.uuid().nullable(),
    signedOn: z.string().nullable(),
    noticeGivenOn: z.string().nullable(),
    noticeGivenBy: z.enum(["tenant", "lessor"]).nullable(),
    noticeReason: z.string().nullable(),
    noticeMotiveDetail: z.string().nullable(),
    noticeJustificationReceived: z.boolean().nullable(),
    noticePeriodMonths: z.number().int().nullable(),
    endedOn: z.string().nullable(),
    endReason: z.string().nullable(),
  })
  .openapi("Lease");

/** A contract in a list: with its tenant (none for a head lease), landlord and address. */
export const LeaseListItem = Lease.extend({
  tenantName: z.string().nullable(),
  landlordName: z.string().nullable(),
  address: z.string(),
}).openapi("LeaseListItem");

export const LeaseReview = z
  .object({
    id: z.uuid(),
    scheduledOn: z.string(),
    heldOn: z.string().nullable(),
    outcome: z.enum(["favourable", "unfavourable", "postponed"]).nullable(),
    notes: z.string().nullable(),
  })
  .openapi("LeaseReview");

const WinterTruce = z.object({ from: z.string(), to: z.string() }).nullable();

/** What the notice screens need to apply art. 15 before sending. */
export const NoticeTerms = z.object({
  furnished: z.boolean(),
  /** the flat's commune is on the organisation's zone tendue list */
  tightMarket: z.boolean(),
  /** the lease's current term, the only date a lessor's notice may take effect */
  termDate: z.string().nullable(),
  /** the latest day the tenant may receive a lessor's notice for that term */
  lessorNoticeDeadline: z.string().nullable(),
  /** who the lessor is: the operator (sub-lease) or the landlord (direct lease) */
  lessorIsOperator: z.boolean(),
  landlordKind: z.enum(["private_person", "sci", "company", "social_landlord"]).nullable(),
});

export const LeaseDetail = Lease.extend({
  noticeTerms: NoticeTerms,
  /** the winter truce in force on the lease's end date when it follows a lessor's notice */
  winterTruce: WinterTruce,
  reviews: z.array(LeaseReview),
  documents: z.array(z.object({ id: z.uuid(), templateId: z.string(), sha256: z.string(), url: z.string() })),
}).openapi("LeaseDetail");

export const GeneratedDocument = z.object({
  id: z.uuid(),
  sha256: z.string(),
  templateId: z.string().optional(),
});
export const SignResult = z.object({ lease: Lease, documents: z.array(GeneratedDocument) });
export const GlissementResult = z.object({
  endedLease: Lease,
  directLease: Lease,
  document: GeneratedDocument,
});
export const NoticeResult = Lease.extend({
  document: GeneratedDocument.nullable(),
  /** no eviction may be carried out during it (CPCE L.412-6) */
  winterTruce: WinterTruce,
}).openapi("NoticeResult");

export const TightMarketCommune = z.object({
  inseeCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9][0-9AB][0-9]{3}$/, "Code INSEE à 5 caractères attendu (ex. 21231, 2A004)"),
  name: z.string().trim().min(1).max(200),
});
/** The whole list, replaced at once, with the text it copies and that text's date. */
export const TightMarketList = z
  .object({
    source: z.string().trim().min(10).max(500),
    communes: z.array(TightMarketCommune).max(5000),
  })
  .openapi("TightMarketList");
export type TightMarketList = z.infer<typeof TightMarketList>;

export const RelocationResult = z.object({ endedLease: Lease, newLease: Lease });

import { DEDUCTION_KINDS, ITEM_CONDITIONS, METER_KINDS } from "./inspection.rules";
import { z } from "@hono/zod-openapi";
import { IsoDateSchema } from "../../lib/date-schemas";
import { pageOf, pageQuery } from "../../lib/pagination";
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
  /** the payment condition read from the ledger; defaults: 12 months, no overdue debt tolerated */
  observationMonths: z.number().int().min(1).max(60).optional(),
  arrearsToleranceCents: cents.max(10_000_000).optional(),
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
  /** the direct lease's deposit (default: the one held under the sub-lease) */
  depositCents: cents.optional(),
  /**
   * the deposit held under the sub-lease: handed to the landlord (default) or refunded to the
   * tenant, who then pays the direct lease's deposit to the landlord
   */
  depositHandover: z
    .enum(["transferred_to_landlord", "refunded_to_tenant"])
    .default("transferred_to_landlord"),
});
export type GlissementBody = z.input<typeof GlissementBody>;
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
    /** art. 15 III: the tenant's resources are above the ceiling, from their file */
    tenantResourcesAboveCeiling: z.boolean().default(false),
    /** art. 15 III: a dwelling matching the tenant's needs and means is offered nearby */
    relocationOffered: z.boolean().default(false),
    /** art. 15 III: the lessor is a natural person over 65 or below the ceiling */
    lessorExempt: z.boolean().default(false),
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
  ...pageQuery(),
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
    slidingObservationMonths: z.number().int().nullable(),
    slidingArrearsToleranceCents: z.number().int().nullable(),
    prefectInformedOn: z.string().nullable(),
    fixedTerm: z.boolean(),
    depositHandover: z.enum(["transferred_to_landlord", "refunded_to_tenant"]).nullable(),
    depositHandoverCents: z.number().int().nullable(),
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
  /** the flat in its building: its own code and typology (T1…T5) */
  unitReference: z.string().nullable(),
  unitTypology: z.string().nullable(),
}).openapi("LeaseListItem");
export const LeaseList = pageOf(LeaseListItem).openapi("LeaseList");

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

export const GeneratedDocument = z.object({
  id: z.uuid(),
  sha256: z.string(),
  templateId: z.string().optional(),
});
const ItemConditionSchema = z.enum(ITEM_CONDITIONS);
const name = z.string().trim().min(1).max(120);

/** État des lieux (loi 89-462 art. 3-2): the same form at entry and at exit. */
export const InspectionBody = z
  .object({
    kind: z.enum(["entry", "exit"]),
    inspectedOn: isoDate.openapi({ description: "jour de l'état des lieux et de la remise des clés" }),
    rooms: z
      .array(
        z.object({
          name,
          items: z
            .array(
              z.object({
                name,
                condition: ItemConditionSchema,
                note: z.string().trim().max(500).nullable().optional(),
              }),
            )
            .max(60),
        }),
      )
      .max(40),
    meters: z
      .array(z.object({ kind: z.enum(METER_KINDS), reading: z.number().nonnegative().max(1e9) }))
      .max(10),
    keys: z.array(z.object({ label: name, count: z.number().int().nonnegative().max(50) })).max(20),
    signedByTenant: z
      .boolean()
      .openapi({ description: "établi contradictoirement : signé par le locataire" }),
    signedByLessor: z.boolean(),
    tenantNewAddress: z.string().trim().max(300).nullable().optional().openapi({
      description: "sortie : nouvelle adresse du locataire, pour la restitution du dépôt (art. 22)",
    }),
  })
  .openapi("InspectionBody");

export const Inspection = z
  .object({
    id: z.uuid(),
    kind: z.enum(["entry", "exit"]),
    inspectedOn: z.string(),
    rooms: InspectionBody.shape.rooms,
    meters: InspectionBody.shape.meters,
    keys: InspectionBody.shape.keys,
    signedByTenant: z.boolean(),
    signedByLessor: z.boolean(),
    tenantNewAddress: z.string().nullable(),
  })
  .openapi("Inspection");

export const InspectionComparison = z
  .object({
    items: z.array(
      z.object({
        room: z.string(),
        item: z.string(),
        entry: ItemConditionSchema.nullable(),
        exit: ItemConditionSchema.nullable(),
        worse: z.boolean(),
      }),
    ),
    meters: z.array(
      z.object({
        kind: z.enum(METER_KINDS),
        entry: z.number().nullable(),
        exit: z.number().nullable(),
        consumed: z.number().nullable(),
      }),
    ),
    keys: z.array(
      z.object({ label: z.string(), given: z.number(), returned: z.number(), missing: z.number() }),
    ),
    differs: z.boolean(),
  })
  .openapi("InspectionComparison");

export const InspectionResult = z.object({
  inspection: Inspection,
  comparison: InspectionComparison.nullable(),
  document: GeneratedDocument,
});

export const DepositReturnBody = z
  .object({
    returnedOn: isoDate,
    deductions: z
      .array(
        z.object({
          kind: z.enum(DEDUCTION_KINDS),
          label: z.string().trim().min(1).max(200),
          amountCents: cents,
          justification: z.string().trim().max(300),
        }),
      )
      .max(20)
      .default([]),
    tenantAddressKnown: z.boolean().default(true).openapi({
      description: "faux seulement si le locataire n'a jamais donné sa nouvelle adresse : pas de majoration",
    }),
  })
  .openapi("DepositReturnBody");

/** The deposit on the lease page: what is owed and by when (art. 22). */
export const DepositStatus = z
  .object({
    depositCents: z.number().int(),
    keysReturnedOn: z.string().nullable(),
    deadline: z.string().nullable(),
    exitDiffers: z.boolean().nullable(),
    returnedOn: z.string().nullable(),
    deductions: z.array(DepositReturnBody.shape.deductions.unwrap().element).nullable(),
    refundCents: z.number().int().nullable(),
    latePenaltyCents: z.number().int().nullable(),
    heldCents: z.number().int().openapi({
      description: "ce que la comptabilité détient de ce dépôt (compte 165 pour ce contrat)",
    }),
  })
  .openapi("DepositStatus");

export const DepositReturnResult = z.object({
  deposit: DepositStatus,
  document: GeneratedDocument,
  /** the return posted in the books when the operator held the deposit (165 → bank, 411, 6152) */
  depositTransactionId: z.uuid().nullable(),
});

/** Where a sliding lease stands for its slide: the reviews, the ledger, the préfet's information. */
export const GlissementStatus = z
  .object({
    observationMonths: z.number().int(),
    arrearsToleranceCents: z.number().int(),
    /** why the reviews do not allow it yet, or null */
    reviewRefusal: z.string().nullable(),
    /** the overdue debt above the tolerance over the observation period, or null */
    ledgerRefusal: z
      .object({
        message: z.string(),
        worstDebtCents: z.number().int(),
        worstDebtOn: z.string(),
        observedFrom: z.string(),
      })
      .nullable(),
    /** CCH L.442-8-3: a social landlord informs the préfet two months before the review period ends */
    prefectInformation: z.discriminatedUnion("required", [
      z.object({ required: z.literal(false) }),
      z.object({
        required: z.literal(true),
        dueOn: z.string(),
        informedOn: z.string().nullable(),
        state: z.enum(["done", "upcoming", "due", "late"]),
      }),
    ]),
  })
  .openapi("GlissementStatus");

export const LeaseDetail = Lease.extend({
  /** a sliding sub-lease in force: what its slide needs; null otherwise */
  glissement: GlissementStatus.nullable(),
  noticeTerms: NoticeTerms,
  /** the winter truce in force on the lease's end date when it follows a lessor's notice */
  winterTruce: WinterTruce,
  reviews: z.array(LeaseReview),
  /** the entry and exit états des lieux, and the exit compared with the entry */
  inspections: z.array(Inspection),
  comparison: InspectionComparison.nullable(),
  deposit: DepositStatus,
  documents: z.array(z.object({ id: z.uuid(), templateId: z.string(), sha256: z.string(), url: z.string() })),
}).openapi("LeaseDetail");

export const SignResult = z.object({ lease: Lease, documents: z.array(GeneratedDocument) });
export const GlissementResult = z.object({
  endedLease: Lease,
  directLease: Lease,
  document: GeneratedDocument,
  /** the ledger posting of the deposit held under the sub-lease, null when none was held */
  depositTransactionId: z.uuid().nullable(),
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
/** The list as the organisation holds it: without a source until its first list is saved. */
export const HeldTightMarketList = TightMarketList.extend({
  source: TightMarketList.shape.source.nullable(),
});

export const RelocationResult = z.object({ endedLease: Lease, newLease: Lease });

export type InspectionBody = z.infer<typeof InspectionBody>;
export type DepositReturnBody = z.infer<typeof DepositReturnBody>;

/**
 * New payment terms for a running lease (rent every month or every fortnight, and its due day):
 * the person's own choice, effective from the first month not yet called.
 */
export const PaymentTermsBody = z
  .object({
    paymentFrequency: z.enum(["monthly", "fortnightly"]),
    paymentDay: z.number().int().min(1).max(28).optional(),
  })
  .openapi("PaymentTerms");
export type PaymentTermsBody = z.infer<typeof PaymentTermsBody>;
export const PaymentTermsResult = z.object({
  lease: Lease,
  /** the avenant to sign (loi 89-462 art. 3: the payment terms are a mention of the contract) */
  document: GeneratedDocument,
  appliesFrom: z.string().openapi({ description: "premier jour du premier mois pas encore appelé" }),
});

/** CCH L.442-8-3: the day the social landlord's letter informing the préfet was sent (default today). */
export const PrefectInformationBody = z
  .object({ informedOn: isoDate.optional() })
  .openapi("PrefectInformation");
export type PrefectInformationBody = z.infer<typeof PrefectInformationBody>;
export const PrefectInformationResult = z.object({ lease: Lease, document: GeneratedDocument });

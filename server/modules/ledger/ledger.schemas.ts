import { z } from "@hono/zod-openapi";
import { IsoDateSchema, MonthSchema } from "../../lib/date-schemas";

export { IsoDateSchema, MonthSchema };
export const CentsSchema = z.number().int().positive().max(100_000_000);
export const IdParam = z.object({ id: z.uuid() });
export const LeaseIdParam = z.object({ leaseId: z.uuid() });

/**
 * Optional for zod so that a missing key reaches idempotentRequest (idempotency.ts), which
 * answers 428 IDEMPOTENCY_KEY_REQUIRED rather than a 422; required in the document, as it is.
 */
export const IdempotencyHeaders = z.object({
  "idempotency-key": z
    .string()
    .optional()
    .openapi({
      param: { required: true },
      minLength: 1,
      maxLength: 200,
      example: "0f8fad5b-d9cb-469f-a165-70867728950e",
      description:
        "Une valeur unique par écriture, 1 à 200 caractères : rejouer la même requête avec la même clé " +
        "renvoie le même résultat (en-tête Idempotent-Replayed: true) ; sans elle, 428 IDEMPOTENCY_KEY_REQUIRED.",
    }),
});

export const RentCallRunBody = z.object({ period: MonthSchema }).openapi("RentCallRun");
export const RentCallRunResult = z
  .object({
    month: z.string(),
    created: z.number().int(),
    alreadyCalled: z.number().int(),
    tenantCalls: z.number().int(),
    headLeaseCalls: z.number().int(),
    calledCents: z.number().int(),
    vacancyCostCents: z.number().int(),
  })
  .openapi("RentCallRunResult");

export const Receipt = z
  .object({
    id: z.uuid(),
    kind: z.enum(["quittance", "recu"]),
    periodStart: z.string().nullable(),
    periodEnd: z.string().nullable(),
    amountCents: z.number().int(),
    rentCents: z.number().int().nullable(),
    chargesCents: z.number().int().nullable(),
  })
  .openapi("Receipt");

export const PaymentBody = z
  .object({
    leaseId: z.uuid(),
    amountCents: CentsSchema,
    method: z.enum(["transfer", "direct_debit", "cheque", "cash"]),
    receivedOn: IsoDateSchema,
    reference: z.string().max(200).nullish(),
  })
  .openapi("Payment");
export const PaymentResult = z
  .object({ transactionId: z.uuid(), receipts: z.array(Receipt) })
  .openapi("PaymentResult");

export const HousingBenefitReceiptBody = z
  .object({
    receivedOn: IsoDateSchema,
    reference: z.string().max(200).nullish(),
    lines: z
      .array(z.object({ leaseId: z.uuid(), amountCents: CentsSchema }))
      .min(1)
      .max(5000),
  })
  .openapi("HousingBenefitReceipt");
export const HousingBenefitReceiptResult = z.object({
  transactionId: z.uuid(),
  totalCents: z.number().int(),
  receipts: z.array(Receipt.extend({ leaseId: z.uuid() })),
});

/** The longest plan d'apurement accepted: ten years of monthly instalments. */
export const MAX_REPAYMENT_INSTALMENTS = 120;

/** A repayment plan (plan d'apurement): the instalments the tenant agreed to, each on its date. */
export const RepaymentPlanBody = z
  .object({
    startOn: IsoDateSchema,
    instalments: z
      .array(z.object({ dueOn: IsoDateSchema, amountCents: CentsSchema }))
      .min(1)
      .max(MAX_REPAYMENT_INSTALMENTS),
  })
  .openapi("RepaymentPlan");

export const ReversalBody = z.object({ reason: z.string().min(3).max(500) }).openapi("Reversal");
export const ReversalResult = z.object({ transactionId: z.uuid(), reverses: z.uuid() });

const EntryLineOut = z.object({
  accountId: z.uuid(),
  accountCode: z.string(),
  accountName: z.string(),
  debitCents: z.number().int(),
  creditCents: z.number().int(),
  leaseId: z.string().nullable(),
});
export const LedgerTransactionHeader = z.object({
  id: z.uuid(),
  kind: z.string(),
  occurredOn: z.string(),
  label: z.string(),
  leaseId: z.uuid().nullable(),
  personId: z.uuid().nullable(),
  unitId: z.uuid().nullable(),
  landlordId: z.uuid().nullable(),
  costCategory: z.string().nullable(),
  method: z.string().nullable(),
  externalReference: z.string().nullable(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  reversesTransactionId: z.uuid().nullable(),
  createdByUserId: z.uuid().nullable(),
  recordedAt: z.string(),
});
export const TransactionDetail = z
  .object({ transaction: LedgerTransactionHeader, lines: z.array(EntryLineOut) })
  .openapi("LedgerTransaction");

export const TrialBalance = z
  .object({
    accounts: z.array(
      z.object({
        accountId: z.uuid(),
        code: z.string(),
        name: z.string(),
        kind: z.string(),
        debitCents: z.number().int(),
        creditCents: z.number().int(),
        balanceCents: z.number().int(),
      }),
    ),
    totalDebitCents: z.number().int(),
    totalCreditCents: z.number().int(),
  })
  .openapi("TrialBalance");

export const LeaseLedger = z
  .object({
    leaseId: z.uuid(),
    personId: z.uuid(),
    paymentReference: z.string(),
    tenantBalanceCents: z.number().int(),
    housingBenefitBalanceCents: z.number().int(),
    periods: z.array(
      z.object({
        rentCallId: z.uuid(),
        periodStart: z.string(),
        periodEnd: z.string(),
        dueOn: z.string(),
        rentCents: z.number().int(),
        chargesCents: z.number().int(),
        housingBenefitCents: z.number().int(),
        tenantPartCents: z.number().int(),
        tenantPaidCents: z.number().int(),
        housingBenefitPaidCents: z.number().int(),
        fullyPaid: z.boolean(),
      }),
    ),
    receipts: z.array(Receipt.extend({ issuedOn: z.string() })),
    transactions: z.array(
      z.object({
        id: z.uuid(),
        kind: z.string(),
        occurredOn: z.string(),
        label: z.string(),
        amountCents: z.number().int(),
        reversesTransactionId: z.uuid().nullable(),
        reversedById: z.uuid().nullable(),
        reversible: z.boolean(),
      }),
    ),
    revisions: z.array(
      z.object({
        id: z.uuid(),
        anniversaryOn: z.string(),
        previousRentCents: z.number().int(),
        newRentCents: z.number().int(),
        irlYear: z.number().int(),
        irlQuarter: z.number().int(),
        requestedOn: z.string().nullable(),
        effectiveFrom: z.string().nullable(),
      }),
    ),
  })
  .openapi("LeaseLedger");

export const BankLine = z
  .object({
    id: z.uuid(),
    importId: z.uuid(),
    lineNumber: z.number().int(),
    bookedOn: z.string(),
    valueOn: z.string().nullable(),
    label: z.string(),
    amountCents: z.number().int(),
    bankReference: z.string().nullable(),
    status: z.enum(["matched", "unmatched", "ignored"]),
    reason: z
      .enum(["debit", "duplicate", "no_match", "ambiguous_reference", "ambiguous_amount_and_name"])
      .nullable(),
    duplicateOfLineId: z.uuid().nullable(),
    matchedLeaseId: z.uuid().nullable(),
    matchedBy: z.enum(["reference", "amount_and_name", "review"]).nullable(),
    transactionId: z.uuid().nullable(),
  })
  .openapi("BankLine");

const StatementFormat = z.enum(["csv", "camt.053", "ofx"]);
const StatementEncoding = z.enum(["utf-8", "windows-1252"]);

export const BankImportResult = z
  .object({
    importId: z.uuid(),
    format: StatementFormat,
    encoding: StatementEncoding,
    accountRef: z.string().nullable(),
    matched: z.number().int(),
    unmatched: z.number().int(),
    ignored: z.number().int(),
    duplicates: z.number().int(),
    lines: z.array(BankLine),
  })
  .openapi("BankImportResult");

export const BankStatementSummary = z
  .object({
    id: z.uuid(),
    fileName: z.string().nullable(),
    format: StatementFormat,
    encoding: StatementEncoding,
    accountRef: z.string().nullable(),
    lineCount: z.number().int(),
    firstBookedOn: z.string().nullable(),
    lastBookedOn: z.string().nullable(),
    createdAt: z.string(),
    matched: z.number().int(),
    unmatched: z.number().int(),
    ignored: z.number().int(),
  })
  .openapi("BankStatementSummary");

export const BankStatementReview = BankStatementSummary.extend({ lines: z.array(BankLine) }).openapi(
  "BankStatementReview",
);

export const CafReportBody = z.object({ reportedOn: IsoDateSchema }).openapi("CafReport");
export const WriteOffBody = z
  .object({ amountCents: CentsSchema, reason: z.string().min(3).max(300) })
  .openapi("WriteOff");
export const GuaranteePayoutBody = z
  .object({ amountCents: CentsSchema, reason: z.string().max(300).nullish() })
  .openapi("GuaranteePayout");
export const LandlordPayoutBody = z
  .object({
    landlordId: z.uuid(),
    amountCents: CentsSchema,
    paidOn: IsoDateSchema,
    reference: z.string().max(200).nullish(),
  })
  .openapi("LandlordPayout");
export const MandatePayoutRunBody = z
  .object({ period: MonthSchema, paidOn: IsoDateSchema })
  .openapi("MandatePayoutRun");
export const StatementPeriodBody = z.object({ period: MonthSchema }).openapi("StatementPeriod");

// ---------------------------------------------------------------------------------------------
// Arrears, repayment plans, landlord statements, mandate payouts

const Cents = z.number().int();
export const AgeingBuckets = z
  .object({ "0-30": Cents, "31-60": Cents, "61-90": Cents, "90+": Cents })
  .openapi("AgeingBuckets");
/** Trêve hivernale (CPCE L.412-6), shown with every eviction-related step. */
export const WinterTruce = z
  .object({ inTruce: z.boolean(), truceEndsOn: z.string().nullable(), nextTruceStartsOn: z.string() })
  .openapi("WinterTruce");
const Instalment = z.object({ dueOn: z.string(), amountCents: Cents });

export const LeaseArrears = z
  .object({
    leaseId: z.uuid(),
    personId: z.uuid(),
    personName: z.string(),
    /** the tenant account's balance: everything owed, due or not yet */
    balanceCents: Cents,
    /** what fell due and is unpaid: the sum of the buckets */
    overdueCents: Cents,
    buckets: AgeingBuckets,
    threshold: z.object({
      thresholdCents: Cents,
      debtCents: Cents,
      reachedOn: z.string().nullable(),
      cafReportDueOn: z.string().nullable(),
      reportedToCafOn: z.string().nullable(),
    }),
    repaymentPlan: z
      .object({
        id: z.uuid(),
        startOn: z.string(),
        debtCents: Cents,
        /** the charges regularisation paid in twelve instalments (loi 89-462 art. 23), or null */
        chargeRegularisationId: z.uuid().nullable(),
        instalments: z.array(Instalment.extend({ status: z.enum(["followed", "missed", "upcoming"]) })),
        missed: z.number().int(),
      })
      .nullable(),
    eviction: WinterTruce,
    alerts: z.array(z.object({ code: z.string(), message: z.string(), dueOn: z.string().optional() })),
  })
  .openapi("LeaseArrears");

export const ArrearsOverview = z
  .object({
    asOf: z.string(),
    totalCents: Cents,
    buckets: AgeingBuckets,
    winterTruce: WinterTruce,
    leases: z.array(LeaseArrears),
  })
  .openapi("ArrearsOverview");

export const RepaymentPlan = z
  .object({
    id: z.uuid(),
    leaseId: z.uuid(),
    startOn: z.string(),
    debtCents: Cents,
    instalments: z.array(Instalment),
    createdAt: z.string(),
  })
  .openapi("RepaymentPlan");

export const CafReportResult = z
  .object({ leaseId: z.uuid(), thresholdReachedOn: z.string(), reportedOn: z.string() })
  .openapi("CafReportResult");

export const LandlordStatement = z
  .object({
    landlordId: z.uuid(),
    landlordName: z.string(),
    month: z.string(),
    openingBalanceCents: Cents,
    lines: z.array(
      z.object({
        transactionId: z.uuid(),
        on: z.string(),
        kind: z.string(),
        label: z.string(),
        unitId: z.uuid().nullable(),
        periodStart: z.string().nullable(),
        periodEnd: z.string().nullable(),
        owedCents: Cents,
        paidCents: Cents,
      }),
    ),
    closingBalanceCents: Cents,
    /** pack sécurisation: paid by the guarantee, and recovered from the tenants (subrogation) */
    guarantee: z.object({
      paidToDateCents: Cents,
      paidInMonthCents: Cents,
      recoveredToDateCents: Cents,
      recoveredInMonthCents: Cents,
    }),
  })
  .openapi("LandlordStatement");

export const MandatePayout = z
  .object({
    id: z.uuid(),
    mandateId: z.uuid(),
    landlordId: z.uuid(),
    periodStart: z.string(),
    periodEnd: z.string(),
    collectedCents: Cents,
    feeBasisPoints: z.number().int(),
    feeCents: Cents,
    guaranteeCents: Cents,
    /** the tenant's repayments kept for the guarantee that had paid those arrears (subrogation) */
    guaranteeRecoveredCents: Cents,
    netCents: Cents,
    paidOn: z.string(),
    settlementTransactionId: z.uuid().nullable(),
    payoutTransactionId: z.uuid().nullable(),
  })
  .openapi("MandatePayout");

export const MandatePayoutRunResult = z
  .object({
    month: z.string(),
    created: z.number().int(),
    alreadyPaid: z.number().int(),
    overlapping: z.array(
      z.object({ mandateId: z.uuid(), number: z.number().int(), overlapsMandateNumber: z.number().int() }),
    ),
    payouts: z.array(MandatePayout),
  })
  .openapi("MandatePayoutRunResult");

export const TenantRefundBody = z
  .object({ amountCents: CentsSchema, paidOn: IsoDateSchema })
  .openapi("TenantRefund");
export const TenantRefundResult = z
  .object({ transactionId: z.uuid(), creditLeftCents: z.number().int() })
  .openapi("TenantRefundResult");

/** A document produced from the ledger (avis, quittance, reçu, relevé), and where to download it. */
export const StoredDocument = z
  .object({ documentId: z.uuid(), url: z.string(), templateId: z.string(), created: z.boolean() })
  .openapi("StoredDocument");

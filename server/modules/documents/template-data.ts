import { z } from "@hono/zod-openapi";
import { CalendarDateSchema } from "../../lib/date-schemas";

/**
 * The data each document template needs, one zod schema per template (the wording is in
 * templates/<id>.tpl). Money in integer cents, dates as ISO calendar dates, rates in basis
 * points. Optional facts are explicit `null`s: a missing field is an error, never a blank.
 *
 * Other modules (ledger: rent call, receipts, landlord statement; panels: offer sheet) build
 * these objects and call `generateDocument` / `renderPdf` from documents.service.ts.
 */

const isoDate = CalendarDateSchema;
const cents = z.number().int();
const nonNegativeCents = z.number().int().nonnegative();
const text = z.string().trim().min(1);

/** The operator printed in every header: name, postal address, agrément (CCH L.365-4) if any. */
export const OrganisationHeaderData = z.object({
  name: text,
  address: text,
  approval: z.string().nullable(),
  representedBy: text,
});

export const LandlordPartyData = z.object({
  name: text,
  /** "personne physique", "SCI", "société", "bailleur social" */
  kindLabel: text,
  address: z.string().nullable(),
});

export const PersonPartyData = z.object({
  fullName: text,
  birthDate: isoDate.nullable(),
});

export const UnitFactsData = z.object({
  address: text,
  reference: z.string().nullable(),
  typology: text,
  surfaceM2: z.number().positive(),
  rooms: z.number().int().positive(),
  floor: z.number().int(),
  furnished: z.boolean(),
  energyClass: z.string().nullable(),
});

/** Where and when the document is drawn up ("Fait à Dijon, le 23 novembre 2026"). */
const Issued = z.object({ place: text, date: isoDate });

export const HeadLeaseData = z.object({
  organisation: OrganisationHeaderData,
  landlord: LandlordPartyData,
  unit: UnitFactsData,
  lease: z.object({
    startDate: isoDate,
    durationMonths: z.number().int().positive(),
    endDate: isoDate,
    rentCents: nonNegativeCents,
    chargesCents: nonNegativeCents,
    depositCents: nonNegativeCents,
    irlReferenceQuarter: text,
    paysRentDuringVacancy: z.boolean(),
    restorationAtEnd: z.boolean(),
  }),
  issued: Issued,
});

export const SlidingClauseData = z.object({
  targetDate: isoDate,
  conditions: z.array(text).min(1),
  reviewDates: z.array(isoDate).min(1),
});

export const SubleaseData = z.object({
  organisation: OrganisationHeaderData,
  /** who lets: the organisation (sub-lease, temporary occupancy) or the landlord (direct lease) */
  lessor: z.object({ name: text, address: text, role: text }),
  /** the operator signing in the landlord's name under a management mandate (loi 89-462 art. 3) */
  mandatary: z.object({ name: text, address: text }).nullable().default(null),
  tenant: PersonPartyData,
  unit: UnitFactsData,
  contract: z.object({
    kind: z.enum(["sublease", "sliding_sublease", "direct_lease", "temporary_occupancy"]),
    title: text,
    startDate: isoDate,
    durationMonths: z.number().int().positive(),
    /** false: a social landlord's lease, without a term or an end date (loi 89-462 art. 40) */
    fixedTerm: z.boolean().default(true),
    endDate: isoDate.nullable(),
    rentCents: nonNegativeCents,
    chargesCents: nonNegativeCents,
    totalCents: nonNegativeCents,
    depositCents: nonNegativeCents,
    paymentFrequency: z.enum(["monthly", "fortnightly"]),
    housingBenefitCents: nonNegativeCents,
    housingBenefitPaidToOperator: z.boolean(),
    residualRentCents: cents,
    irlReferenceQuarter: text,
    previousRentCents: nonNegativeCents.nullable(),
    headLeaseLandlordName: z.string().nullable(),
  }),
  sliding: SlidingClauseData.nullable(),
  issued: Issued,
});

export const SlidingLeaseAgreementData = z.object({
  organisation: OrganisationHeaderData,
  landlord: LandlordPartyData,
  tenant: PersonPartyData,
  unit: UnitFactsData,
  sublease: z.object({
    startDate: isoDate,
    rentCents: nonNegativeCents,
    chargesCents: nonNegativeCents,
  }),
  sliding: SlidingClauseData,
  issued: Issued,
});

export const GlissementAmendmentData = z.object({
  organisation: OrganisationHeaderData,
  landlord: LandlordPartyData,
  tenant: PersonPartyData,
  unit: UnitFactsData,
  sublease: z.object({ startDate: isoDate, endDate: isoDate }),
  lastReview: z.object({ date: isoDate, outcomeLabel: text, notes: z.string().nullable() }),
  directLease: z.object({
    startDate: isoDate,
    durationMonths: z.number().int().positive(),
    fixedTerm: z.boolean().default(true),
    endDate: isoDate.nullable(),
    rentCents: nonNegativeCents,
    chargesCents: nonNegativeCents,
    depositCents: nonNegativeCents,
  }),
  /** the deposit held under the sub-lease, and what became of it (loi 89-462 art. 22) */
  depositHandover: z.object({ heldCents: nonNegativeCents, label: text }),
  issued: Issued,
});

export const ManagementMandateData = z.object({
  organisation: OrganisationHeaderData,
  landlord: LandlordPartyData,
  unit: UnitFactsData,
  mandate: z.object({
    number: z.number().int().positive(),
    startDate: isoDate,
    endDate: isoDate,
    durationMonths: z.number().int().positive(),
    managementFeeBasisPoints: z.number().int().min(0).max(10_000),
    scope: z.array(text).min(1),
    rentCents: nonNegativeCents,
    chargesCents: nonNegativeCents,
  }),
  pack: z.object({
    unpaidRentGuarantee: z
      .object({ ceilingCents: nonNegativeCents, months: z.number().int().positive() })
      .nullable(),
    repairAid: z.object({ ceilingCents: nonNegativeCents }).nullable(),
    socialWatch: z.boolean(),
  }),
  issued: Issued,
});

/** The page appended to a signed mandate: who signed what, when, from where. */
export const MandateSignatureCertificateData = z.object({
  organisation: OrganisationHeaderData,
  mandateNumber: z.number().int().positive(),
  signerName: text,
  landlordName: text,
  /** ISO instant, shown in Europe/Paris time */
  signedAtLabel: text,
  ip: text,
  userAgent: text,
  consentText: text,
  originalDocumentId: text,
  originalSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** the operator's electronic seal on the file (PAdES), or none configured: said, never faked */
  seal: z.object({
    sealed: z.boolean(),
    holder: z.string().nullable(),
    issuer: z.string().nullable(),
    serialNumber: z.string().nullable(),
  }),
});

export const OfferSheetData = z.object({
  organisation: OrganisationHeaderData,
  person: z.object({ fullName: text, resourcesCents: nonNegativeCents }),
  panel: z.object({
    createdOn: isoDate,
    firstOfferDeadline: isoDate.nullable(),
    /** why fewer flats than the minimum were offered (cahier des charges footnote 32) */
    fewerThanMinimumReason: z.string().nullable(),
  }),
  offers: z
    .array(
      z.object({
        reference: text,
        address: text,
        neighbourhood: z.string().nullable(),
        typology: text,
        surfaceM2: z.number().positive(),
        floor: z.number().int(),
        hasElevator: z.boolean(),
        furnished: z.boolean(),
        energyClass: z.string().nullable(),
        rentCents: nonNegativeCents,
        chargesCents: nonNegativeCents,
        housingBenefitCents: nonNegativeCents,
        /** the amount and where it comes from: «306,37 € (estimation)», «250,00 € (notification CAF)» */
        housingBenefitText: text,
        residualRentCents: cents,
        effortRateBasisPoints: z.number().int().nonnegative(),
      }),
    )
    .min(1),
  issued: Issued,
});

const TenantAddressee = z.object({ fullName: text, address: text });
const Period = z.object({ from: isoDate, to: isoDate, label: text });

/** Avis d'échéance: what is due for a period and by when. */
export const RentCallData = z.object({
  organisation: OrganisationHeaderData,
  tenant: TenantAddressee,
  reference: text,
  period: Period,
  dueDate: isoDate,
  rentCents: nonNegativeCents,
  chargesCents: nonNegativeCents,
  /** deducted when the benefit is paid to the operator (tiers payant); 0 otherwise */
  housingBenefitCents: nonNegativeCents,
  housingBenefitPaidToOperator: z.boolean(),
  /** arrears (positive) or credit (negative) brought forward */
  previousBalanceCents: cents,
  totalDueCents: cents,
  paymentInstructions: text,
  issued: Issued,
});

/** Quittance (loi 89-462 art. 21): a fully paid period, rent and charges shown apart. */
export const RentReceiptData = z.object({
  organisation: OrganisationHeaderData,
  lessorName: text,
  tenant: TenantAddressee,
  reference: text,
  period: Period,
  rentCents: nonNegativeCents,
  chargesCents: nonNegativeCents,
  /** paid by the CAF to the operator (tiers payant) */
  housingBenefitCents: nonNegativeCents,
  housingBenefitPaidToOperator: z.boolean(),
  /** what the tenant paid themself */
  tenantPaidCents: nonNegativeCents,
  /** the programme's rent complement (residual rent above the 30 % ceiling) */
  rentComplementCents: nonNegativeCents,
  /** a debt the organisation wrote off: no payment by anybody */
  writtenOffCents: nonNegativeCents,
  totalCents: nonNegativeCents,
  paidOn: isoDate,
  issued: Issued,
});

/** Reçu (loi 89-462 art. 21): a partial payment; not a quittance. */
export const PartialPaymentReceiptData = z.object({
  organisation: OrganisationHeaderData,
  lessorName: text,
  tenant: TenantAddressee,
  reference: text,
  period: Period,
  amountDueCents: nonNegativeCents,
  amountPaidCents: nonNegativeCents,
  remainingCents: nonNegativeCents,
  paidOn: isoDate,
  issued: Issued,
});

/** Relevé de gérance: what was collected for the landlord, what was deducted, what is paid out. */
export const LandlordStatementData = z.object({
  organisation: OrganisationHeaderData,
  landlord: LandlordPartyData,
  reference: text,
  period: Period,
  mandateNumber: z.number().int().positive().nullable(),
  lines: z.array(
    z.object({
      date: isoDate,
      unitLabel: text,
      label: text,
      creditCents: nonNegativeCents,
      debitCents: nonNegativeCents,
    }),
  ),
  totalCreditCents: nonNegativeCents,
  totalDebitCents: nonNegativeCents,
  netPayoutCents: cents,
  payoutDate: isoDate.nullable(),
  maskedIban: z.string().nullable(),
  /** pack sécurisation: paid by the guarantee and recovered from the tenants (subrogation) */
  guarantee: z.object({
    shown: z.boolean(),
    paidToDateCents: cents,
    paidInMonthCents: cents,
    recoveredToDateCents: cents,
    recoveredInMonthCents: cents,
    outstandingCents: nonNegativeCents,
  }),
  issued: Issued,
});

const NoticeParties = {
  organisation: OrganisationHeaderData,
  lessor: z.object({ name: text, address: text }),
  tenant: PersonPartyData,
  unit: UnitFactsData,
  issued: Issued,
};

/** The acknowledgement of a tenant's notice (loi 89-462 art. 15, 25-8): period and its ground. */
export const TenantNoticeReceiptData = z.object({
  ...NoticeParties,
  notice: z.object({
    article: text,
    contractTitle: text,
    contractStartDate: isoDate,
    receivedOn: isoDate,
    reasonLabel: text,
    reasonStated: z.boolean(),
    justificationReceived: z.boolean(),
    periodMonths: z.number().int().positive(),
    groundLabel: text,
    unjustifiedReason: z.boolean(),
    effectiveDate: isoDate,
  }),
});

/** The lessor's notice for the term (loi 89-462 art. 15, 25-8), with its motive. */
export const LessorNoticeData = z.object({
  ...NoticeParties,
  notice: z.object({
    article: text,
    contractTitle: text,
    contractStartDate: isoDate,
    receivedOn: isoDate,
    effectiveDate: isoDate,
    leadMonths: z.number().int().positive(),
    motiveLabel: text,
    motiveDetail: text,
    winterTruce: z.object({ from: isoDate, to: isoDate }).nullable(),
  }),
});

/** État des lieux (loi 89-462 art. 3-2): the form, and at exit its comparison with the entry. */
export const InspectionReportData = z.object({
  ...NoticeParties,
  inspection: z.object({
    kindLabel: text,
    isExit: z.boolean(),
    inspectedOn: isoDate,
    contractTitle: text,
    rooms: z.array(
      z.object({
        name: text,
        items: z.array(z.object({ name: text, conditionLabel: text, note: z.string() })),
      }),
    ),
    meters: z.array(z.object({ label: text, reading: z.string() })),
    keys: z.array(z.object({ label: text, count: z.number().int() })),
    tenantNewAddress: z.string(),
    differences: z.array(z.object({ label: text, entry: text, exit: text, worse: text })),
    missingKeys: z.array(z.object({ label: text, missing: z.number().int() })),
    hasDifferences: z.boolean(),
    depositDeadline: z.string(),
  }),
});

/** The deposit's return (loi 89-462 art. 22): deductions justified, late penalty, amount paid. */
export const DepositReturnData = z.object({
  ...NoticeParties,
  deposit: z.object({
    contractTitle: text,
    depositCents: nonNegativeCents,
    keysReturnedOn: isoDate,
    deadline: isoDate,
    deadlineLabel: text,
    returnedOn: isoDate,
    deductions: z.array(
      z.object({ kindLabel: text, label: text, amountCents: nonNegativeCents, justification: text }),
    ),
    hasDeductions: z.boolean(),
    deductionsCents: nonNegativeCents,
    late: z.boolean(),
    monthsLate: z.number().int().nonnegative(),
    latePenaltyCents: nonNegativeCents,
    noPenaltyNoAddress: z.boolean(),
    refundCents: cents,
  }),
});

/** Avenant: the rent's payment terms of a running contract change (loi 89-462 art. 3). */
export const PaymentTermsAmendmentData = z.object({
  organisation: OrganisationHeaderData,
  lessor: z.object({ name: text, address: text }),
  tenant: PersonPartyData,
  unit: UnitFactsData,
  terms: z.object({
    contractTitle: text,
    contractStartDate: isoDate,
    previousFrequencyLabel: text,
    previousPaymentDayLabel: text,
    newFrequencyLabel: text,
    newPaymentDayLabel: text,
    appliesFrom: isoDate,
    rentCents: nonNegativeCents,
    chargesCents: nonNegativeCents,
  }),
  issued: Issued,
});

/** CCH L.442-8-3: the social landlord informs the préfet before the review period of a bail glissant ends. */
export const PrefectInformationData = z.object({
  organisation: OrganisationHeaderData,
  landlord: LandlordPartyData,
  tenant: PersonPartyData,
  unit: UnitFactsData,
  prefect: z.object({ department: text }),
  sublease: z.object({
    startDate: isoDate,
    targetDate: isoDate,
    reviewsHeld: text,
    lastReviewLabel: text,
  }),
  issued: Issued,
});

/**
 * Décompte de régularisation des charges (loi 89-462 art. 23): the actual charges by category,
 * the split rule, the tenant's share, the provisions called and the balance, sent one month
 * before the regularisation.
 */
export const ChargesStatementData = z.object({
  organisation: OrganisationHeaderData,
  lessorName: text,
  tenant: TenantAddressee,
  period: Period,
  occupied: z.object({
    from: isoDate,
    to: isoDate,
    days: z.number().int().positive(),
    periodDays: z.number().int().positive(),
  }),
  splitRule: text,
  unitSurfaceM2: z.number().positive(),
  totalSurfaceM2: z.number().positive(),
  lines: z.array(
    z.object({ label: text, totalCents: nonNegativeCents, basisLabel: text, shareCents: nonNegativeCents }),
  ),
  prorated: z.boolean(),
  actualCents: nonNegativeCents,
  provisionsCents: nonNegativeCents,
  outcome: z.enum(["tenant_owes", "tenant_is_owed", "balanced"]),
  amountCents: nonNegativeCents,
  claimableFrom: isoDate,
  documentsAvailableUntil: isoDate,
  instalmentsOffered: z.boolean(),
  timeBarred: z.boolean(),
  proposedProvisionCents: nonNegativeCents,
  currentProvisionCents: nonNegativeCents,
  issued: Issued,
});

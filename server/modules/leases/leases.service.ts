import type { Db } from "../../../db/client";
export type { LeaseRow } from "./leases.queries";
import { addDays, addMonths, compareDates, formatFrenchDate, type IsoDate } from "../../lib/dates";

import { AppError, type InvalidField } from "../../lib/errors";
import { type PageRequest, pageOfRows } from "../../lib/pagination";
import { inUseCaseTransaction, type UseCaseContext } from "../../lib/use-case-context";
import type { AuditWriter } from "../audit/audit.service";
import type { AnyActor } from "../auth/actor";
import {
  issuedNow,
  landlordParty,
  organisationHeader,
  personFullName,
  personParty,
  unitFacts,
} from "../documents/document-parties";
import { listDocuments } from "../documents/documents.queries";
import { chart } from "../ledger/ledger.accounts";
import { chargesClaimsOfLease, ensureAccount, postTransaction } from "../ledger/ledger.queries";
import { findPerson } from "../persons/persons.queries";
import { spreadClaims } from "../ledger/ledger.rules";
import { generateDocument } from "../documents/documents.service";
import { energyClassAllowedOn } from "../units/dpe.rules";
import { shortestPath } from "../units/pipeline-path";
import { transitionUnit } from "../units/units.service";
import {
  activeHeadLease,
  activeTenantContracts,
  findLandlord,
  findLease,
  findOrganisation,
  findUnitWithBuilding,
  insertLease,
  insertReviews,
  type LeaseRow,
  lastTenantDeparture,
  countLeases,
  type LeaseListFilter,
  listLeases,
  listReviews,
  listTightMarketCommunes,
  mandateInForce,
  replaceTightMarketCommunes,
  setPersonHousing,
  type UnitStatus,
  updateLease,
  updateReview,
  latestCalledPeriodStart,
  tenantAccountEvents,
} from "./leases.queries";
import {
  DEFAULT_SLIDING_ARREARS_TOLERANCE_CENTS,
  DEFAULT_SLIDING_OBSERVATION_MONTHS,
  DEPOSIT_HANDOVER_LABELS,
  depositHandoverLines,
  eventsAsDue,
  glissementLedgerRefusal,
  prefectInformationStatus,
  slidingClauseViolations,
} from "./sliding.rules";
import {
  contractEndDate,
  termInForce,
  contractTermViolations,
  type EndReason,
  glissementRefusal,
  hasFixedTerm,
  isTenantContract,
  noFixedTermViolation,
  type LeaseKind,
  dpeValidUntil,
  dpeViolation,
  minimumDurationMonths,
  missingMandatoryMentions,
  monthsUntilTerm,
  subleaseTermViolation,
  subRentCapViolation,
  paymentTermsApplyFrom,
} from "./leases.rules";
import {
  elderlyTenantProtectionViolation,
  isInTightMarket,
  LESSOR_NOTICE_MOTIVE_LABELS,
  type LessorNoticeMotive,
  lessorNoticeLeadMonths,
  lessorNoticeViolations,
  noticeEndDate,
  TENANT_NOTICE_REASON_LABELS,
  type TenantNoticeReason,
  tenantNoticePeriod,
  winterTruceContaining,
} from "./notice.rules";
import { findContractPlace } from "./contract-place";
import { depositReceiptLines, operatorHoldsDeposit } from "./deposit.rules";
import { inspectionsOf } from "./inspections.service";
import type {
  CreateLeaseBody,
  GlissementBody,
  NoticeBody,
  PaymentTermsBody,
  PrefectInformationBody,
  RelocationBody,
  ReviewBody,
  TerminateBody,
  TightMarketList,
} from "./leases.schemas";

/** Staff act through the API; the demo seed acts as the system. */
type ServiceContext = UseCaseContext<AnyActor>;

const earliestDate = (a: IsoDate, b: IsoDate) => (compareDates(a, b) <= 0 ? a : b);
const latestDate = (a: IsoDate, b: IsoDate) => (compareDates(a, b) >= 0 ? a : b);

/** Units a tenant contract may be signed on. */
const LETTABLE_STATUSES: readonly UnitStatus[] = ["agreed", "available", "reserved", "vacant"];

export const CONTRACT_TITLES: Record<Exclude<LeaseKind, "head_lease">, string> = {
  sublease: "Contrat de sous-location",
  sliding_sublease: "Contrat de sous-location avec clause de glissement (bail glissant)",
  direct_lease: "Contrat de location",
  temporary_occupancy: "Convention d'occupation temporaire",
};

export async function loadContractFacts(tx: Db, organisationId: string, lease: LeaseRow, lockUnit = false) {
  const place = await findUnitWithBuilding(tx, organisationId, lease.unitId, lockUnit);
  if (!place) throw AppError.notFound("Logement", lease.unitId);
  const organisation = await findOrganisation(tx, organisationId);
  if (!organisation) throw AppError.notFound("Organisation", organisationId);
  const landlordId = lease.landlordId ?? place.unit.landlordId ?? place.building.landlordId;
  const landlord = landlordId ? await findLandlord(tx, organisationId, landlordId) : null;
  const person = lease.personId ? await findPerson(tx, organisationId, lease.personId) : null;
  return { ...place, organisation, landlord, person };
}

function termsOf(lease: LeaseRow, landlordKind: Parameters<typeof minimumDurationMonths>[0]["landlordKind"]) {
  return {
    kind: lease.kind,
    landlordKind,
    furnished: lease.furnished,
    durationMonths: lease.durationMonths,
    rentCents: lease.rentCents,
    depositCents: lease.depositCents,
  };
}

/** A duration, an end date or a lessor's notice at the term stated for a lease that has no term. */
function noFixedTermError(path: string) {
  const field = noFixedTermViolation(path);
  return new AppError("LEASE_NO_FIXED_TERM", field.message, { errors: [field] });
}

const isSubleaseKind = (kind: LeaseKind) => kind === "sublease" || kind === "sliding_sublease";

/** The head lease a sub-lease is carved from: the one named, else the one in force on the unit. */
async function headLeaseOf(
  tx: Db,
  organisationId: string,
  lease: { kind: LeaseKind; unitId: string; headLeaseId?: string | null },
) {
  if (!isSubleaseKind(lease.kind)) return null;
  if (lease.headLeaseId) return findLease(tx, organisationId, lease.headLeaseId);
  return activeHeadLease(tx, organisationId, lease.unitId);
}

/** A sub-lease stays within its head lease: its term (CCH L.442-8-1) and its rent per m² (art. 8). */
function headLeaseViolations(
  head: LeaseRow | null,
  sublease: { startDate: IsoDate; durationMonths: number; rentCents: number },
  surfaceM2: number,
): InvalidField[] {
  if (!head) return [];
  const violations: InvalidField[] = [];
  const term = subleaseTermViolation(
    contractEndDate(sublease.startDate, sublease.durationMonths),
    head.endDate,
  );
  if (term) violations.push(term);
  const rent = subRentCapViolation({
    subRentCents: sublease.rentCents,
    subSurfaceM2: surfaceM2,
    headRentCents: head.rentCents,
    headSurfaceM2: surfaceM2,
  });
  if (rent) violations.push(rent);
  return violations;
}

// ---------------------------------------------------------------------------------------------
// reading

export async function listLeasesFor(context: UseCaseContext, filter: LeaseListFilter, page: PageRequest) {
  const organisationId = context.actor.organisationId;
  const [rows, total] = await Promise.all([
    listLeases(context.db, organisationId, filter, page),
    countLeases(context.db, organisationId, filter),
  ]);
  return pageOfRows(rows, total, page);
}

/** A contract with its reviews and its documents; another organisation's → 404. */
export async function getLeaseDetail(context: UseCaseContext, leaseId: string) {
  const organisationId = context.actor.organisationId;
  const lease = await findLease(context.db, organisationId, leaseId);
  if (!lease) throw AppError.notFound("Contrat", leaseId);
  const reviews = await listReviews(context.db, organisationId, leaseId);
  const documents = await listDocuments(context.db, organisationId, { leaseId });
  const noticeTerms = await noticeTermsOf(context.db, organisationId, lease, context.clock.today());
  const { inspections, comparison, deposit } = await inspectionsOf(context.db, organisationId, lease);
  const glissement =
    lease.kind === "sliding_sublease" && lease.status === "signed"
      ? await glissementStatus(context.db, organisationId, lease, reviews, context.clock.today())
      : null;
  return { lease, reviews, documents, noticeTerms, inspections, comparison, deposit, glissement };
}

/** The ledger's verdict on the clause's payment condition, as of `today`. */
async function ledgerRefusalOf(tx: Db, organisationId: string, lease: LeaseRow, today: IsoDate) {
  return glissementLedgerRefusal(
    await accountEventsAsDue(tx, organisationId, lease),
    { observationMonths: lease.slidingObservationMonths, toleranceCents: lease.slidingArrearsToleranceCents },
    lease,
    today,
  );
}

/**
 * The sub-tenant's account as the slide condition reads it (eventsAsDue), a charges balance paid
 * in instalments owed instalment by instalment (spreadClaims); each instalment is read as falling
 * due with the rent, on the lease's payment day — the reading that favours the tenant.
 */
async function accountEventsAsDue(
  tx: Db,
  organisationId: string,
  lease: Pick<LeaseRow, "id" | "personId" | "paymentDay">,
) {
  if (!lease.personId) return [];
  const events = spreadClaims(
    await tenantAccountEvents(tx, organisationId, lease.personId, lease.id),
    await chargesClaimsOfLease(tx, organisationId, lease.id),
  );
  return eventsAsDue(
    events.map((e) => ({ on: e.on, rentCall: e.rentCall || e.instalment, amountCents: e.amountCents })),
    lease.paymentDay,
  );
}

/** The lessor of the head lease (the unit's landlord) is a social landlord (CCH L.442-8-3). */
async function socialLandlordOf(tx: Db, organisationId: string, lease: LeaseRow) {
  const place = await findUnitWithBuilding(tx, organisationId, lease.unitId);
  const landlordId = lease.landlordId ?? place?.unit.landlordId ?? place?.building.landlordId;
  const landlord = landlordId ? await findLandlord(tx, organisationId, landlordId) : null;
  return landlord?.kind === "social_landlord";
}

async function glissementStatus(
  tx: Db,
  organisationId: string,
  lease: LeaseRow,
  reviews: Awaited<ReturnType<typeof listReviews>>,
  today: IsoDate,
) {
  const ledger = await ledgerRefusalOf(tx, organisationId, lease, today);
  return {
    observationMonths: lease.slidingObservationMonths ?? DEFAULT_SLIDING_OBSERVATION_MONTHS,
    arrearsToleranceCents: lease.slidingArrearsToleranceCents ?? DEFAULT_SLIDING_ARREARS_TOLERANCE_CENTS,
    reviewRefusal: glissementRefusal(reviews),
    ledgerRefusal: ledger
      ? {
          message: ledger.field.message,
          worstDebtCents: ledger.worstDebtCents,
          worstDebtOn: ledger.worstDebtOn,
          observedFrom: ledger.observedFrom,
        }
      : null,
    prefectInformation: prefectInformationStatus({
      socialLandlord: await socialLandlordOf(tx, organisationId, lease),
      targetDate: lease.slidingTargetDate,
      informedOn: lease.prefectInformedOn,
      today,
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// creation (draft)

export async function createLease(context: ServiceContext, body: CreateLeaseBody): Promise<LeaseRow> {
  return inUseCaseTransaction(context, (tx, audit) => createLeaseInTransaction(tx, context, audit, body));
}

export async function createLeaseInTransaction(
  tx: Db,
  context: ServiceContext,
  audit: AuditWriter,
  body: CreateLeaseBody,
): Promise<LeaseRow> {
  const organisationId = context.actor.organisationId;
  const place = await findContractPlace(tx, organisationId, body.unitId, body.landlordId);
  if (body.personId && !(await findPerson(tx, organisationId, body.personId))) {
    throw AppError.notFound("Personne", body.personId);
  }
  const { landlord } = place;
  const landlordId = landlord?.id ?? null;
  if ((body.kind === "head_lease" || body.kind === "direct_lease") && !landlord) {
    throw AppError.validation(
      [{ path: "landlordId", message: "Le propriétaire du logement est requis pour ce contrat" }],
      "Propriétaire inconnu",
    );
  }
  if (body.headLeaseId) {
    const head = await findLease(tx, organisationId, body.headLeaseId);
    if (head?.kind !== "head_lease" || head.unitId !== body.unitId) {
      throw AppError.notFound("Bail principal", body.headLeaseId);
    }
  }
  const furnished = body.furnished ?? place.unit.furnished;
  const landlordKind = landlord?.kind ?? "company";
  const fixedTerm = hasFixedTerm({ kind: body.kind, landlordKind: landlord?.kind ?? null });
  if (!fixedTerm && body.durationMonths !== undefined) throw noFixedTermError("durationMonths");
  const head = await headLeaseOf(tx, organisationId, body);
  // a lease without a term keeps the legal minimum as its nominal duration: never a term
  const durationMonths =
    body.durationMonths ??
    (head?.endDate
      ? Math.max(1, monthsUntilTerm(body.startDate, head.endDate))
      : minimumDurationMonths({ kind: body.kind, landlordKind, furnished })) ??
    12;
  const violations = [
    ...contractTermViolations({
      kind: body.kind,
      followsHeadLease: Boolean(head),
      landlordKind,
      furnished,
      durationMonths,
      rentCents: body.rentCents,
      depositCents: body.depositCents,
    }),
    ...headLeaseViolations(head, { ...body, durationMonths }, place.unit.surfaceM2),
    ...(body.sliding
      ? slidingClauseViolations({
          startDate: body.startDate,
          endDate: contractEndDate(body.startDate, durationMonths),
          targetDate: body.sliding.targetDate,
          reviewDates: body.sliding.reviewDates,
        })
      : []),
  ];
  if (violations.length > 0) {
    throw new AppError("LEASE_TERMS_NOT_ALLOWED", violations.map((v) => v.message).join(" ; "), {
      errors: violations,
    });
  }
  const lease = await insertLease(tx, {
    organisationId,
    kind: body.kind,
    unitId: body.unitId,
    landlordId,
    personId: body.kind === "head_lease" ? null : body.personId,
    startDate: body.startDate,
    durationMonths,
    endDate: fixedTerm ? contractEndDate(body.startDate, durationMonths) : null,
    fixedTerm,
    rentCents: body.rentCents,
    chargesCents: body.chargesCents,
    depositCents: body.depositCents,
    paymentFrequency: body.paymentFrequency,
    paymentDay: body.paymentDay ?? null,
    housingBenefitCents: body.housingBenefitCents,
    housingBenefitPaidToOperator: body.housingBenefitPaidToOperator,
    furnished,
    irlReferenceQuarter: body.irlReferenceQuarter ?? null,
    previousRentCents: body.previousRentCents ?? null,
    paysRentDuringVacancy: body.paysRentDuringVacancy,
    restorationAtEnd: body.restorationAtEnd,
    headLeaseId: body.headLeaseId ?? null,
    slidingTargetDate: body.sliding?.targetDate ?? null,
    slidingConditions: body.sliding?.conditions ?? null,
    slidingObservationMonths: body.sliding
      ? (body.sliding.observationMonths ?? DEFAULT_SLIDING_OBSERVATION_MONTHS)
      : null,
    slidingArrearsToleranceCents: body.sliding
      ? (body.sliding.arrearsToleranceCents ?? DEFAULT_SLIDING_ARREARS_TOLERANCE_CENTS)
      : null,
    previousLeaseId: body.previousLeaseId ?? null,
  });
  if (body.sliding) {
    await insertReviews(
      tx,
      body.sliding.reviewDates.map((scheduledOn) => ({ organisationId, leaseId: lease.id, scheduledOn })),
    );
  }
  await audit.record({ action: "lease.create", entityType: "lease", entityId: lease.id, after: lease });
  return lease;
}

// ---------------------------------------------------------------------------------------------
// signature

/** Generates the PDFs of a signed contract (used by the signature and by the demo seed). */
export async function generateLeaseDocuments(
  tx: Db,
  context: ServiceContext,
  audit: AuditWriter,
  lease: LeaseRow,
) {
  const facts = await loadContractFacts(tx, context.actor.organisationId, lease);
  return contractDocuments(tx, context, audit, lease, facts);
}

async function contractDocuments(
  tx: Db,
  context: ServiceContext,
  audit: AuditWriter,
  lease: LeaseRow,
  facts: Awaited<ReturnType<typeof loadContractFacts>>,
) {
  const { organisation, landlord, person, unit, building } = facts;
  const header = organisationHeader(organisation, context.actor);
  const issued = issuedNow(organisation, context.clock);
  const links = {
    landlordId: landlord?.id ?? null,
    unitId: unit.id,
    personId: person?.id ?? null,
    leaseId: lease.id,
  };
  const createdAt = context.clock.now();
  if (lease.kind === "head_lease") {
    return [
      await generateDocument(tx, {
        organisationId: organisation.id,
        templateId: "head_lease",
        data: {
          organisation: header,
          landlord: landlordParty(landlord!),
          unit: unitFacts(unit, building),
          lease: {
            startDate: lease.startDate,
            durationMonths: lease.durationMonths,
            endDate: lease.endDate ?? contractEndDate(lease.startDate, lease.durationMonths),
            rentCents: lease.rentCents,
            chargesCents: lease.chargesCents,
            depositCents: lease.depositCents,
            irlReferenceQuarter: lease.irlReferenceQuarter!,
            paysRentDuringVacancy: lease.paysRentDuringVacancy,
            restorationAtEnd: lease.restorationAtEnd,
          },
          issued,
        },
        links,
        createdAt,
        audit,
      }),
    ];
  }
  const kind = lease.kind;
  const lessorIsLandlord = kind === "direct_lease";
  const reviews = await listReviews(tx, organisation.id, lease.id);
  const sliding =
    kind === "sliding_sublease" && lease.slidingTargetDate
      ? {
          targetDate: lease.slidingTargetDate,
          conditions: lease.slidingConditions ?? [],
          reviewDates: reviews.map((review) => review.scheduledOn),
        }
      : null;
  const total = lease.rentCents + lease.chargesCents;
  const generated = [
    await generateDocument(tx, {
      organisationId: organisation.id,
      templateId: "sublease",
      data: {
        organisation: header,
        lessor: lessorIsLandlord
          ? { name: landlord!.displayName, address: landlord!.postalAddress ?? "", role: "Le bailleur" }
          : { name: organisation.name, address: header.address, role: "Le bailleur" },
        mandatary:
          lessorIsLandlord && (await mandateInForce(tx, organisation.id, unit.id, lease.startDate))
            ? { name: organisation.name, address: header.address }
            : null,
        tenant: personParty(person!),
        unit: unitFacts(unit, building),
        contract: {
          kind,
          title: CONTRACT_TITLES[kind],
          startDate: lease.startDate,
          durationMonths: lease.durationMonths,
          fixedTerm: lease.fixedTerm,
          endDate: lease.fixedTerm
            ? (lease.endDate ?? contractEndDate(lease.startDate, lease.durationMonths))
            : null,
          rentCents: lease.rentCents,
          chargesCents: lease.chargesCents,
          totalCents: total,
          depositCents: lease.depositCents,
          paymentFrequency: lease.paymentFrequency,
          housingBenefitCents: lease.housingBenefitCents,
          housingBenefitPaidToOperator: lease.housingBenefitPaidToOperator,
          residualRentCents: total - lease.housingBenefitCents,
          irlReferenceQuarter: lease.irlReferenceQuarter!,
          previousRentCents: lease.previousRentCents ?? null,
          headLeaseLandlordName: !lessorIsLandlord && landlord ? landlord.displayName : null,
        },
        sliding,
        issued,
      },
      links,
      createdAt,
      audit,
    }),
  ];
  if (sliding && landlord) {
    generated.push(
      await generateDocument(tx, {
        organisationId: organisation.id,
        templateId: "sliding_lease_agreement",
        data: {
          organisation: header,
          landlord: landlordParty(landlord),
          tenant: personParty(person!),
          unit: unitFacts(unit, building),
          sublease: {
            startDate: lease.startDate,
            rentCents: lease.rentCents,
            chargesCents: lease.chargesCents,
          },
          sliding,
          issued,
        },
        links,
        createdAt,
        audit,
      }),
    );
  }
  return generated;
}

/**
 * Signs a contract: art. 3 mentions, duration and deposit, DPE gate at the start
 * date; for a tenant contract the unit becomes let, with the building's 20% cap re-checked in the
 * same transaction (cahier des charges §9.4). The contract's documents are generated.
 */
export async function signLease(context: ServiceContext, leaseId: string, signedOn?: IsoDate) {
  const organisationId = context.actor.organisationId;
  return inUseCaseTransaction(context, async (tx, audit) => {
    const lease = await findLease(tx, organisationId, leaseId, true);
    if (!lease) throw AppError.notFound("Contrat", leaseId);
    if (lease.status !== "draft") {
      throw new AppError("LEASE_STATE_CONFLICT", "Seul un contrat en projet peut être signé", {
        status: lease.status,
      });
    }
    const facts = await loadContractFacts(tx, organisationId, lease, true);
    const { organisation, landlord, person, unit } = facts;
    const tenantContract = isTenantContract(lease.kind);

    const lessorIsOrganisation = lease.kind !== "head_lease" && lease.kind !== "direct_lease";
    const departure = tenantContract ? await lastTenantDeparture(tx, organisationId, unit.id) : null;
    const date = signedOn ?? context.clock.today();
    // a lease the operator signs in the landlord's name under a management mandate names it (art. 3)
    const mandate =
      lease.kind === "direct_lease"
        ? await mandateInForce(tx, organisationId, unit.id, lease.startDate)
        : null;
    const missing = missingMandatoryMentions({
      signedOn: date,
      mandatary: mandate ? { name: organisation.name, address: organisation.postalAddress } : null,
      kind: lease.kind,
      lessorName: lessorIsOrganisation ? organisation.name : (landlord?.displayName ?? null),
      lessorAddress: lessorIsOrganisation ? organisation.postalAddress : (landlord?.postalAddress ?? null),
      tenantName: lease.kind === "head_lease" ? organisation.name : person ? personFullName(person) : null,
      startDate: lease.startDate,
      durationMonths: lease.durationMonths,
      surfaceM2: unit.surfaceM2,
      rentCents: lease.rentCents,
      chargesCents: lease.chargesCents,
      paymentFrequency: lease.paymentFrequency,
      paymentDay: lease.paymentDay,
      irlReferenceQuarter: lease.irlReferenceQuarter,
      depositCents: lease.depositCents,
      previousRentCents: lease.previousRentCents,
      previousTenantLeftOn: departure?.endedOn ?? null,
    });
    if (missing.length > 0) {
      throw new AppError(
        "LEASE_MANDATORY_MENTIONS_MISSING",
        `Mentions obligatoires manquantes : ${missing.map((field) => field.path).join(", ")}`,
        { errors: missing },
      );
    }
    const head = await headLeaseOf(tx, organisationId, lease);
    const violations = [
      ...contractTermViolations({
        ...termsOf(lease, landlord?.kind ?? "company"),
        followsHeadLease: Boolean(head),
      }),
      ...headLeaseViolations(head, lease, unit.surfaceM2),
    ];
    if (violations.length > 0) {
      throw new AppError("LEASE_TERMS_NOT_ALLOWED", violations.map((v) => v.message).join(" ; "), {
        errors: violations,
      });
    }
    // the DPE annexed to the lease (art. 3-3) is valid on the day it is signed
    const dpe = dpeViolation(unit.energyDiagnosisDate, date);
    if (dpe) {
      throw new AppError("DPE_NOT_VALID", dpe.message, {
        errors: [dpe],
        energyDiagnosisDate: unit.energyDiagnosisDate,
        validUntil: unit.energyDiagnosisDate ? dpeValidUntil(unit.energyDiagnosisDate) : null,
      });
    }
    // décret 2002-120 as amended by loi Climat: re-checked at signature, for the start date
    const gate = energyClassAllowedOn(unit.energyClass, lease.startDate);
    if (!gate.allowed) {
      throw new AppError("ENERGY_CLASS_NOT_ALLOWED", gate.message, {
        reason: gate.reason,
        bannedSince: gate.bannedSince,
        energyClass: unit.energyClass,
      });
    }

    if (tenantContract) {
      if (!person) throw AppError.notFound("Personne", lease.personId ?? undefined);
      const others = await activeTenantContracts(tx, organisationId, unit.id, lease.id);
      if (others.length > 0 || !LETTABLE_STATUSES.includes(unit.status)) {
        throw new AppError("UNIT_NOT_LETTABLE", "Le logement est déjà loué ou n'est pas disponible", {
          unitStatus: unit.status,
          activeContracts: others.map((other) => other.id),
        });
      }
      // The pipeline reaches "let" only from "reserved": a flat signed without an offer panel is
      // reserved for the person first (on the signature day, or the start if earlier), then let
      // from the start date. The units service re-checks the energy class for the start date and
      // the scatter caps (cahier des charges §9.4: ≤ 20% of a building's flats — building locked,
      // same transaction).
      const reservedOn = latestDate(unit.statusSince, earliestDate(date, lease.startDate));
      for (const to of shortestPath(unit.status, "let").slice(1)) {
        await transitionUnit(tx, audit, context.actor, unit.id, {
          to,
          date: to === "let" ? lease.startDate : reservedOn,
          reason: `signature ${lease.kind} ${lease.id}`,
          leaseStartDate: lease.startDate,
        });
      }
      await setPersonHousing(tx, organisationId, person.id, { status: "housed", relocationRequested: false });
    }
    const headLease =
      lease.kind === "sublease" || lease.kind === "sliding_sublease"
        ? await activeHeadLease(tx, organisationId, unit.id)
        : null;
    const signed = await updateLease(tx, organisationId, lease.id, {
      status: "signed",
      signedOn: date,
      endDate: lease.fixedTerm
        ? (lease.endDate ?? contractEndDate(lease.startDate, lease.durationMonths))
        : null,
      headLeaseId: lease.headLeaseId ?? headLease?.id ?? null,
    });
    // the deposit of a contract the operator lets is received at the signature and held (art. 22)
    const depositLines = operatorHoldsDeposit(lease.kind)
      ? depositReceiptLines({
          amountCents: lease.depositCents,
          depositAccountId: await ensureAccount(tx, organisationId, chart.deposits()),
          bankAccountId: await ensureAccount(tx, organisationId, chart.bank()),
          leaseId: lease.id,
        })
      : [];
    if (depositLines.length > 0) {
      await postTransaction(tx, organisationId, {
        header: {
          kind: "deposit_received",
          occurredOn: date,
          label: `Dépôt de garantie reçu à la signature (${CONTRACT_TITLES[lease.kind as Exclude<LeaseKind, "head_lease">].toLowerCase()})`,
          leaseId: lease.id,
          personId: lease.personId,
          unitId: unit.id,
          landlordId: landlord?.id ?? null,
          method: "transfer",
          createdByUserId: context.actor.kind === "user" ? context.actor.userId : null,
        },
        lines: depositLines,
      });
    }
    const documents = await contractDocuments(tx, context, audit, signed, facts);
    await audit.record({
      action: "lease.sign",
      entityType: "lease",
      entityId: lease.id,
      before: lease,
      after: signed,
    });
    return {
      lease: signed,
      documents: documents.map((d) => ({ id: d.documentId, sha256: d.sha256, templateId: d.row.templateId })),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// sliding lease: reviews and glissement

export async function recordReview(context: ServiceContext, leaseId: string, body: ReviewBody) {
  const organisationId = context.actor.organisationId;
  return inUseCaseTransaction(context, async (tx, audit) => {
    const lease = await findLease(tx, organisationId, leaseId, true);
    if (!lease) throw AppError.notFound("Contrat", leaseId);
    if (lease.kind !== "sliding_sublease" || lease.status !== "signed") {
      throw new AppError("LEASE_STATE_CONFLICT", "Les revues concernent un bail glissant signé en cours");
    }
    const reviews = await listReviews(tx, organisationId, lease.id);
    // the earliest review still to hold is the one taking place; otherwise an extra review
    const pending = reviews.find((review) => review.heldOn === null);
    const review = pending
      ? await updateReview(tx, organisationId, pending.id, {
          heldOn: body.heldOn,
          outcome: body.outcome,
          notes: body.notes ?? null,
        })
      : (
          await insertReviews(tx, [
            {
              organisationId,
              leaseId: lease.id,
              scheduledOn: body.heldOn,
              heldOn: body.heldOn,
              outcome: body.outcome,
              notes: body.notes ?? null,
            },
          ])
        )[0]!;
    await audit.record({
      action: "lease.review",
      entityType: "lease",
      entityId: lease.id,
      details: { reviewId: review.id, heldOn: body.heldOn, outcome: body.outcome },
    });
    return review;
  });
}

const OUTCOME_LABELS = {
  favourable: "favorable au glissement",
  unfavourable: "défavorable",
  postponed: "report",
};

/**
 * Glissement (CCH L.442-8-3): ends the sliding sub-lease and creates the direct lease
 * landlord → person on the same unit from `effectiveDate`; refused unless the last review
 * concluded favourably. The operator's head lease on the unit ends the day before. The person
 * stays a programme tenant and the unit stays let.
 */
export async function slideLease(context: ServiceContext, leaseId: string, body: GlissementBody) {
  const organisationId = context.actor.organisationId;
  return inUseCaseTransaction(context, async (tx, audit) => {
    const sublease = await findLease(tx, organisationId, leaseId, true);
    if (!sublease) throw AppError.notFound("Contrat", leaseId);
    if (sublease.kind !== "sliding_sublease" || sublease.status !== "signed") {
      throw new AppError("LEASE_STATE_CONFLICT", "Seul un bail glissant signé en cours peut glisser", {
        kind: sublease.kind,
        status: sublease.status,
      });
    }
    if (compareDates(body.effectiveDate, sublease.startDate) <= 0) {
      throw AppError.validation([{ path: "effectiveDate", message: "Après le début de la sous-location" }]);
    }
    const reviews = await listReviews(tx, organisationId, sublease.id);
    const refusal = glissementRefusal(reviews);
    if (refusal) {
      throw new AppError(
        "GLISSEMENT_NOT_ALLOWED",
        "Les points d'étape ne permettent pas encore le glissement",
        {
          reason: "review_not_favourable",
          errors: [{ path: "reviews", code: "review_not_favourable", message: refusal }],
        },
      );
    }
    // the payment condition of the clause, read from the tenant's account as it stands today
    const ledgerRefusal = glissementLedgerRefusal(
      await accountEventsAsDue(tx, organisationId, sublease),
      {
        observationMonths: sublease.slidingObservationMonths,
        toleranceCents: sublease.slidingArrearsToleranceCents,
      },
      sublease,
      context.clock.today(),
    );
    if (ledgerRefusal) {
      throw new AppError(
        "GLISSEMENT_NOT_ALLOWED",
        "Le compte du locataire montre un impayé au-delà de la tolérance convenue",
        {
          reason: "arrears_beyond_tolerance",
          errors: [ledgerRefusal.field],
          observedFrom: ledgerRefusal.observedFrom,
          observedTo: ledgerRefusal.observedTo,
          worstDebtCents: ledgerRefusal.worstDebtCents,
          worstDebtOn: ledgerRefusal.worstDebtOn,
          toleranceCents: ledgerRefusal.toleranceCents,
        },
      );
    }
    const facts = await loadContractFacts(tx, organisationId, sublease, true);
    const { landlord, organisation, person, unit, building } = facts;
    if (!landlord) {
      throw new AppError("GLISSEMENT_NOT_ALLOWED", "Le propriétaire du logement n'est pas connu");
    }
    // the direct lease is the landlord's own: a social landlord's has no term (loi 89-462 art. 40)
    const fixedTerm = hasFixedTerm({ kind: "direct_lease", landlordKind: landlord.kind });
    if (!fixedTerm && body.durationMonths !== undefined) throw noFixedTermError("durationMonths");
    const durationMonths =
      body.durationMonths ??
      minimumDurationMonths({
        kind: "direct_lease",
        landlordKind: landlord.kind,
        furnished: sublease.furnished,
      })!;
    const depositCents = body.depositCents ?? sublease.depositCents;
    const violations = contractTermViolations({
      kind: "direct_lease",
      landlordKind: landlord.kind,
      furnished: sublease.furnished,
      durationMonths,
      rentCents: sublease.rentCents,
      depositCents,
    });
    if (violations.length > 0) {
      throw new AppError("LEASE_TERMS_NOT_ALLOWED", violations.map((v) => v.message).join(" ; "), {
        errors: violations,
      });
    }
    const depositHandover = body.depositHandover ?? "transferred_to_landlord";
    const endedOn = addDays(body.effectiveDate, -1);
    const ended = await updateLease(tx, organisationId, sublease.id, {
      status: "ended",
      endedOn,
      endDate: endedOn,
      endReason: "glissement",
    });
    const head = await activeHeadLease(tx, organisationId, unit.id);
    if (head) {
      await updateLease(tx, organisationId, head.id, {
        status: "ended",
        endedOn,
        endDate: endedOn,
        endReason: "glissement",
      });
    }
    const direct = await insertLease(tx, {
      organisationId,
      kind: "direct_lease",
      status: "signed",
      unitId: unit.id,
      landlordId: landlord.id,
      personId: sublease.personId,
      startDate: body.effectiveDate,
      durationMonths,
      endDate: fixedTerm ? contractEndDate(body.effectiveDate, durationMonths) : null,
      fixedTerm,
      rentCents: sublease.rentCents,
      chargesCents: sublease.chargesCents,
      depositCents,
      depositHandover,
      depositHandoverCents: sublease.depositCents,
      paymentFrequency: sublease.paymentFrequency,
      paymentDay: sublease.paymentDay,
      housingBenefitCents: sublease.housingBenefitCents,
      // the benefit now goes to the landlord or the tenant, no longer to the operator
      housingBenefitPaidToOperator: false,
      furnished: sublease.furnished,
      irlReferenceQuarter: sublease.irlReferenceQuarter,
      signedOn: context.clock.today(),
      previousLeaseId: sublease.id,
    });
    // the deposit held under the sub-lease leaves the organisation's books (loi 89-462 art. 22)
    const depositLines = depositHandoverLines({
      amountCents: sublease.depositCents,
      depositAccountId: await ensureAccount(tx, organisationId, chart.deposits()),
      bankAccountId: await ensureAccount(tx, organisationId, chart.bank()),
      leaseId: sublease.id,
    });
    const depositTransactionId =
      depositLines.length > 0
        ? await postTransaction(tx, organisationId, {
            header: {
              kind: "deposit_handover",
              occurredOn: context.clock.today(),
              label:
                depositHandover === "transferred_to_landlord"
                  ? `Dépôt de garantie remis au propriétaire ${landlord.displayName} au glissement du bail`
                  : "Dépôt de garantie restitué au locataire au glissement du bail",
              leaseId: sublease.id,
              personId: sublease.personId,
              unitId: unit.id,
              landlordId: landlord.id,
              method: "transfer",
              createdByUserId: context.actor.kind === "user" ? context.actor.userId : null,
            },
            lines: depositLines,
          })
        : null;
    const lastReview = reviews
      .filter((review) => review.heldOn)
      .sort((a, b) => compareDates(a.heldOn!, b.heldOn!))
      .at(-1)!;
    const document = await generateDocument(tx, {
      organisationId,
      templateId: "glissement_amendment",
      data: {
        organisation: organisationHeader(organisation, context.actor),
        landlord: landlordParty(landlord),
        tenant: personParty(person!),
        unit: unitFacts(unit, building),
        sublease: { startDate: sublease.startDate, endDate: endedOn },
        lastReview: {
          date: lastReview.heldOn!,
          outcomeLabel: OUTCOME_LABELS[lastReview.outcome!],
          notes: lastReview.notes ?? null,
        },
        directLease: {
          startDate: direct.startDate,
          durationMonths: direct.durationMonths,
          fixedTerm: direct.fixedTerm,
          endDate: direct.endDate,
          rentCents: direct.rentCents,
          chargesCents: direct.chargesCents,
          depositCents: direct.depositCents,
        },
        depositHandover: {
          heldCents: sublease.depositCents,
          label: DEPOSIT_HANDOVER_LABELS[depositHandover],
        },
        issued: issuedNow(organisation, context.clock),
      },
      links: {
        landlordId: landlord.id,
        unitId: unit.id,
        personId: sublease.personId,
        leaseId: direct.id,
        subjectType: "lease",
        subjectId: sublease.id,
      },
      createdAt: context.clock.now(),
      audit,
    });
    await audit.record({
      action: "lease.glissement",
      entityType: "lease",
      entityId: sublease.id,
      before: sublease,
      after: ended,
    });
    await audit.record({ action: "lease.create", entityType: "lease", entityId: direct.id, after: direct });
    return {
      endedLease: ended,
      directLease: direct,
      document: { id: document.documentId, sha256: document.sha256 },
      depositTransactionId,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// notice, termination, relocation

const lessorIsOperatorOf = (kind: LeaseKind) =>
  kind === "sublease" || kind === "sliding_sublease" || kind === "temporary_occupancy";

/** The facts the notice rules read about a lease: furnishing, zone tendue, term, lessor. */
export async function noticeTermsOf(tx: Db, organisationId: string, lease: LeaseRow, on: IsoDate) {
  const place = await findUnitWithBuilding(tx, organisationId, lease.unitId);
  if (!place) throw AppError.notFound("Logement", lease.unitId);
  const landlordId = lease.landlordId ?? place.unit.landlordId ?? place.building.landlordId;
  const landlord = landlordId ? await findLandlord(tx, organisationId, landlordId) : null;
  const communes = await listTightMarketCommunes(tx, organisationId);
  // past its first term without notice, the contract runs on: the lessor's notice is for the term in
  // force on `on`, the end of the current tacit renewal (art. 10, 25-8)
  const termDate =
    lease.status === "signed" && lease.fixedTerm && lease.endDate
      ? termInForce(
          { endDate: lease.endDate, durationMonths: lease.durationMonths, furnished: lease.furnished },
          on,
        ).termDate
      : lease.endDate;
  return {
    furnished: lease.furnished,
    tightMarket: isInTightMarket(place.building, communes),
    termDate,
    lessorNoticeDeadline: termDate ? addMonths(termDate, -lessorNoticeLeadMonths(lease.furnished)) : null,
    lessorIsOperator: lessorIsOperatorOf(lease.kind),
    landlordKind: landlord?.kind ?? null,
  };
}

/** The winter truce over a lease's end when the lessor gave notice (an eviction may follow). */
export function leaseWinterTruce(lease: LeaseRow) {
  if (lease.status !== "notice_given" || lease.noticeGivenBy !== "lessor" || !lease.endDate) return null;
  return winterTruceContaining(lease.endDate);
}

const GROUND_LABELS = {
  furnished: "logement meublé (loi 89-462 art. 25-8)",
  tight_market: "logement situé en zone tendue (loi 89-462 art. 15 I, 1°)",
  personal_reason: "motif personnel justifié (loi 89-462 art. 15 I)",
} as const;

/**
 * Records a notice under loi 89-462 art. 15 and draws its letter: the tenant's notice with the
 * period its reason and the flat give, or the lessor's notice for the term with its motive. A
 * move to another flat of the programme, the operator being the lessor, ends on the agreed date.
 * The unit enters notice.
 */
export async function giveNotice(context: ServiceContext, leaseId: string, body: NoticeBody) {
  const organisationId = context.actor.organisationId;
  return inUseCaseTransaction(context, async (tx, audit) => {
    const lease = await findLease(tx, organisationId, leaseId, true);
    if (!lease) throw AppError.notFound("Contrat", leaseId);
    if (lease.status !== "signed") {
      throw new AppError("LEASE_STATE_CONFLICT", "Un congé se donne sur un contrat signé en cours", {
        status: lease.status,
      });
    }
    const givenOn = body.givenOn ?? context.clock.today();
    if (compareDates(givenOn, lease.startDate) < 0) {
      throw AppError.validation([{ path: "givenOn", message: "Le congé suit le début du contrat" }]);
    }
    const terms = await noticeTermsOf(tx, organisationId, lease, givenOn);
    const underArticle15 = lease.kind !== "head_lease" && lease.kind !== "temporary_occupancy";
    const agreedMove = body.reason === "relocation" && terms.lessorIsOperator;
    let effectiveDate: IsoDate;
    let periodMonths: number | null = null;
    let ground: keyof typeof GROUND_LABELS | null = null;
    let unjustifiedReason = false;
    if (body.givenBy === "lessor") {
      // a social landlord's lease has no term the lessor could give notice for (loi 89-462 art. 40)
      if (!lease.fixedTerm) throw noFixedTermError("givenBy");
      effectiveDate = body.effectiveDate ?? terms.termDate ?? givenOn;
      const violations = underArticle15
        ? lessorNoticeViolations({
            kind: lease.kind,
            landlordKind: terms.landlordKind,
            furnished: lease.furnished,
            termDate: terms.termDate ?? effectiveDate,
            receivedOn: givenOn,
            effectiveDate,
            motive: body.lessorMotive!,
            motiveDetail: body.motiveDetail ?? null,
          })
        : [];
      if (underArticle15) {
        const person = lease.personId ? await findPerson(tx, organisationId, lease.personId) : null;
        const elderly = elderlyTenantProtectionViolation({
          tenantBirthDate: person?.birthDate ?? null,
          termDate: terms.termDate ?? effectiveDate,
          tenantResourcesAboveCeiling: body.tenantResourcesAboveCeiling,
          relocationOffered: body.relocationOffered,
          // the operator of a sub-lease is a legal person: never exempt
          lessorExempt:
            body.lessorExempt && !terms.lessorIsOperator && terms.landlordKind === "private_person",
        });
        if (elderly) violations.push(elderly);
      }
      if (violations.length > 0) {
        throw new AppError("LESSOR_NOTICE_NOT_ALLOWED", violations.map((v) => v.message).join(" ; "), {
          errors: violations,
          termDate: terms.termDate,
          lessorNoticeDeadline: terms.lessorNoticeDeadline,
        });
      }
      periodMonths = underArticle15 ? lessorNoticeLeadMonths(lease.furnished) : null;
    } else if (!underArticle15 || agreedMove) {
      if (!body.effectiveDate) {
        throw AppError.validation([
          { path: "effectiveDate", message: "La date de fin convenue est requise" },
        ]);
      }
      effectiveDate = body.effectiveDate;
    } else {
      const period = tenantNoticePeriod({
        furnished: lease.furnished,
        tightMarket: terms.tightMarket,
        reason: body.tenantReason,
        justificationReceived: body.justificationReceived,
      });
      periodMonths = period.months;
      ground = period.ground;
      unjustifiedReason = period.unjustifiedReason;
      const earliest = noticeEndDate(givenOn, period.months);
      effectiveDate = body.effectiveDate ?? earliest;
      if (compareDates(effectiveDate, earliest) < 0) {
        throw new AppError(
          "NOTICE_PERIOD_NOT_RESPECTED",
          `Préavis de ${period.months} mois : la fin du préavis ne peut précéder le ${formatFrenchDate(earliest)}${period.unjustifiedReason ? " (motif de préavis réduit non justifié)" : ""}`,
          {
            errors: [
              {
                path: "effectiveDate",
                code: "notice_too_short",
                message: `Au plus tôt le ${formatFrenchDate(earliest)} (loi 89-462 art. ${lease.furnished ? "25-8" : "15"})`,
              },
            ],
            noticePeriodMonths: period.months,
            earliestEndDate: earliest,
          },
        );
      }
    }
    if (compareDates(effectiveDate, givenOn) < 0) {
      throw AppError.validation([
        { path: "effectiveDate", message: "La fin du préavis suit la date du congé" },
      ]);
    }
    const endReason =
      body.givenBy === "lessor" && body.lessorMotive === "head_lease_end" ? "head_lease_end" : body.reason;
    const updated = await updateLease(tx, organisationId, lease.id, {
      status: "notice_given",
      noticeGivenOn: givenOn,
      noticeGivenBy: body.givenBy,
      noticeReason: body.givenBy === "lessor" ? body.lessorMotive! : body.tenantReason,
      noticeMotiveDetail: body.motiveDetail ?? null,
      noticeJustificationReceived: body.givenBy === "tenant" ? body.justificationReceived : null,
      noticePeriodMonths: periodMonths,
      endDate: effectiveDate,
      endReason,
    });
    if (isTenantContract(lease.kind)) {
      await transitionUnit(tx, audit, context.actor, lease.unitId, {
        to: "notice_given",
        date: givenOn,
        reason: `congé (${body.givenBy === "lessor" ? body.lessorMotive : body.reason}) ${lease.id}`,
      });
    }
    const winterTruce = leaseWinterTruce(updated);
    const document =
      underArticle15 && !agreedMove
        ? await noticeLetter(tx, context, audit, updated, {
            periodMonths: periodMonths!,
            ground,
            unjustifiedReason,
            winterTruce,
          })
        : null;
    await audit.record({
      action: "lease.notice",
      entityType: "lease",
      entityId: lease.id,
      before: lease,
      after: updated,
    });
    return { lease: updated, document, winterTruce };
  });
}

async function noticeLetter(
  tx: Db,
  context: ServiceContext,
  audit: AuditWriter,
  lease: LeaseRow,
  computed: {
    periodMonths: number;
    ground: keyof typeof GROUND_LABELS | null;
    unjustifiedReason: boolean;
    winterTruce: { from: IsoDate; to: IsoDate } | null;
  },
) {
  const facts = await loadContractFacts(tx, context.actor.organisationId, lease);
  const { organisation, landlord, person, unit, building } = facts;
  if (!person) throw AppError.notFound("Personne", lease.personId ?? undefined);
  const header = organisationHeader(organisation, context.actor);
  const lessor =
    lease.kind === "direct_lease" && landlord
      ? { name: landlord.displayName, address: landlord.postalAddress ?? "adresse non renseignée" }
      : { name: organisation.name, address: header.address };
  const shared = {
    organisation: header,
    lessor,
    tenant: personParty(person),
    unit: unitFacts(unit, building),
    issued: issuedNow(organisation, context.clock),
  };
  const notice = {
    article: lease.furnished ? "25-8" : "15",
    contractTitle: CONTRACT_TITLES[lease.kind as Exclude<LeaseKind, "head_lease">],
    contractStartDate: lease.startDate,
    receivedOn: lease.noticeGivenOn!,
    effectiveDate: lease.endDate!,
  };
  const input =
    lease.noticeGivenBy === "lessor"
      ? ({
          templateId: "lessor_notice",
          data: {
            ...shared,
            notice: {
              ...notice,
              leadMonths: computed.periodMonths,
              motiveLabel: LESSOR_NOTICE_MOTIVE_LABELS[lease.noticeReason as LessorNoticeMotive],
              motiveDetail: lease.noticeMotiveDetail!,
              winterTruce: computed.winterTruce,
            },
          },
        } as const)
      : ({
          templateId: "tenant_notice_receipt",
          data: {
            ...shared,
            notice: {
              ...notice,
              reasonLabel: TENANT_NOTICE_REASON_LABELS[lease.noticeReason as TenantNoticeReason],
              reasonStated: lease.noticeReason !== "none",
              justificationReceived: lease.noticeJustificationReceived ?? false,
              periodMonths: computed.periodMonths,
              groundLabel: computed.ground
                ? GROUND_LABELS[computed.ground]
                : "délai de droit commun (loi 89-462 art. 15 I)",
              unjustifiedReason: computed.unjustifiedReason,
            },
          },
        } as const);
  const generated = await generateDocument(tx, {
    organisationId: organisation.id,
    ...input,
    links: { landlordId: landlord?.id ?? null, unitId: unit.id, personId: person.id, leaseId: lease.id },
    createdAt: context.clock.now(),
    audit,
  } as Parameters<typeof generateDocument>[1]);
  return { id: generated.documentId, sha256: generated.sha256, templateId: generated.row.templateId };
}

/** The organisation's zone tendue list (admin-maintained from the official text). */
export async function tightMarketList(context: ServiceContext) {
  const rows = await listTightMarketCommunes(context.db, context.actor.organisationId);
  return {
    source: rows[0]?.source ?? null,
    communes: rows.map(({ inseeCode, name }) => ({ inseeCode, name })),
  };
}

export async function replaceTightMarketList(context: ServiceContext, body: TightMarketList) {
  const duplicates = body.communes
    .map((commune, index) => ({ commune, index }))
    .filter(
      ({ commune }, index, all) => all.findIndex((c) => c.commune.inseeCode === commune.inseeCode) !== index,
    );
  if (duplicates.length > 0) {
    throw AppError.validation(
      duplicates.map(({ commune, index }) => ({
        path: `communes.${index}.inseeCode`,
        message: `Code INSEE ${commune.inseeCode} en double`,
      })),
    );
  }
  return inUseCaseTransaction(context, async (tx, audit) => {
    const rows = await replaceTightMarketCommunes(
      tx,
      context.actor.organisationId,
      body.source,
      body.communes,
    );
    await audit.record({
      action: "tight_market.replace",
      entityType: "organisation",
      entityId: context.actor.organisationId,
      details: { source: body.source, count: rows.length },
    });
    return { source: body.source, communes: rows.map(({ inseeCode, name }) => ({ inseeCode, name })) };
  });
}

async function endLease(
  tx: Db,
  context: ServiceContext,
  audit: AuditWriter,
  lease: LeaseRow,
  endedOn: IsoDate,
  reason: EndReason,
) {
  const organisationId = context.actor.organisationId;
  if (lease.status !== "signed" && lease.status !== "notice_given") {
    throw new AppError("LEASE_STATE_CONFLICT", "Seul un contrat en cours peut prendre fin", {
      status: lease.status,
    });
  }
  if (compareDates(endedOn, lease.startDate) < 0) {
    throw AppError.validation([{ path: "endedOn", message: "La fin suit le début du contrat" }]);
  }
  // CPCE L.412-6: a court decision is not carried out by eviction from 1 November to 31 March; a
  // tenant who leaves of their own accord in that time is recorded as a departure
  const truce = reason === "court_decision" ? winterTruceContaining(endedOn) : null;
  if (truce) {
    throw new AppError(
      "EVICTION_DURING_WINTER_TRUCE",
      `Trêve hivernale du ${formatFrenchDate(truce.from)} au ${formatFrenchDate(truce.to)} : aucune expulsion ne peut être exécutée (CPCE L.412-6)`,
      {
        errors: [
          { path: "endedOn", code: "winter_truce", message: `Après le ${formatFrenchDate(truce.to)}` },
        ],
        winterTruce: truce,
      },
    );
  }
  const place = await findUnitWithBuilding(tx, organisationId, lease.unitId, true);
  if (lease.kind === "head_lease") {
    const tenants = await activeTenantContracts(tx, organisationId, lease.unitId);
    if (tenants.length > 0) {
      throw new AppError(
        "LEASE_STATE_CONFLICT",
        "Un contrat de sous-location est encore en cours sur ce logement",
        {
          activeContracts: tenants.map((tenant) => tenant.id),
        },
      );
    }
  }
  const ended = await updateLease(tx, organisationId, lease.id, {
    status: "ended",
    endedOn,
    endDate: endedOn,
    endReason: reason,
  });
  // the vacancy starts: the operator still owes the head-lease rent (an IML cost); the
  // end of the head lease gives the flat back to its landlord. A unit already there (withdrawn by
  // hand before the head lease was ended here) has nothing to record.
  const target = lease.kind === "head_lease" ? "withdrawn" : "vacant";
  if (place!.unit.status !== target) {
    await transitionUnit(tx, audit, context.actor, lease.unitId, {
      to: target,
      date: addDays(endedOn, 1),
      reason: `fin de contrat (${reason}) ${lease.id}`,
    });
  }
  if (lease.personId && reason === "court_decision") {
    // housing is never lost silently: the person is to be relocated (cahier des charges §9.4)
    await setPersonHousing(tx, organisationId, lease.personId, { relocationRequested: true });
  }
  await audit.record({
    action: "lease.end",
    entityType: "lease",
    entityId: lease.id,
    before: lease,
    after: ended,
  });
  return ended;
}

export async function terminateLease(context: ServiceContext, leaseId: string, body: TerminateBody) {
  const organisationId = context.actor.organisationId;
  return inUseCaseTransaction(context, async (tx, audit) => {
    const lease = await findLease(tx, organisationId, leaseId, true);
    if (!lease) throw AppError.notFound("Contrat", leaseId);
    return endLease(tx, context, audit, lease, body.endedOn, body.reason);
  });
}

/**
 * Relocation to another unit: the current contract ends (reason relocation) and a draft contract
 * for the same person is prepared on the new unit, pointing back to the former one (history kept).
 */
export async function relocate(context: ServiceContext, leaseId: string, body: RelocationBody) {
  const organisationId = context.actor.organisationId;
  return inUseCaseTransaction(context, async (tx, audit) => {
    const lease = await findLease(tx, organisationId, leaseId, true);
    if (!lease) throw AppError.notFound("Contrat", leaseId);
    if (!isTenantContract(lease.kind) || !lease.personId) {
      throw new AppError("LEASE_STATE_CONFLICT", "Le relogement concerne un contrat de la personne");
    }
    if (body.toUnitId === lease.unitId) {
      throw AppError.validation([{ path: "toUnitId", message: "Un autre logement que l'actuel" }]);
    }
    const target = await findUnitWithBuilding(tx, organisationId, body.toUnitId);
    if (!target) throw AppError.notFound("Logement", body.toUnitId);
    const ended = await endLease(tx, context, audit, lease, addDays(body.effectiveDate, -1), "relocation");
    const newLease = await createLeaseInTransaction(tx, context, audit, {
      kind: body.kind ?? (lease.kind === "direct_lease" ? "sublease" : lease.kind),
      unitId: body.toUnitId,
      personId: lease.personId,
      startDate: body.effectiveDate,
      durationMonths: body.durationMonths,
      rentCents: target.unit.rentCents,
      chargesCents: target.unit.chargesCents,
      depositCents: body.depositCents ?? Math.min(lease.depositCents, target.unit.rentCents),
      paymentFrequency: lease.paymentFrequency,
      paymentDay: lease.paymentDay ?? undefined,
      housingBenefitCents: lease.housingBenefitCents,
      housingBenefitPaidToOperator: lease.housingBenefitPaidToOperator,
      irlReferenceQuarter: (lease.irlReferenceQuarter ?? undefined) as CreateLeaseBody["irlReferenceQuarter"],
      paysRentDuringVacancy: true,
      restorationAtEnd: true,
      previousLeaseId: lease.id,
      sliding: body.sliding,
    });
    return { endedLease: ended, newLease };
  });
}

/**
 * Changes how often and on which day a running tenancy's rent is called (rent every fortnight
 * rather than every month, for a finer daily budget): the person's decision, which takes effect
 * with the next rent call, from the first month not yet called.
 */
export async function changePaymentTerms(context: ServiceContext, leaseId: string, body: PaymentTermsBody) {
  const organisationId = context.actor.organisationId;
  return inUseCaseTransaction(context, async (tx, audit) => {
    const lease = await findLease(tx, organisationId, leaseId, true);
    if (!lease) throw AppError.notFound("Contrat", leaseId);
    if (!isTenantContract(lease.kind) || (lease.status !== "signed" && lease.status !== "notice_given")) {
      throw new AppError(
        "LEASE_STATE_CONFLICT",
        "Le rythme des loyers se change sur un contrat d'occupant en cours",
        {
          kind: lease.kind,
          status: lease.status,
        },
      );
    }
    const appliesFrom = paymentTermsApplyFrom(
      lease,
      await latestCalledPeriodStart(tx, organisationId, leaseId),
    );
    const updated = await updateLease(tx, organisationId, leaseId, {
      paymentFrequency: body.paymentFrequency,
      paymentDay: body.paymentDay ?? lease.paymentDay,
    });
    const document = await paymentTermsAmendment(tx, context, audit, lease, updated, appliesFrom);
    await audit.record({
      action: "lease.payment_terms.change",
      entityType: "lease",
      entityId: leaseId,
      before: { paymentFrequency: lease.paymentFrequency, paymentDay: lease.paymentDay },
      after: { paymentFrequency: updated.paymentFrequency, paymentDay: updated.paymentDay },
      details: { appliesFrom, documentId: document.id },
    });
    return { lease: updated, appliesFrom, document };
  });
}

const FREQUENCY_LABELS = {
  monthly: "chaque mois",
  fortnightly: "tous les 15 jours (du 1er au 15 et du 16 à la fin du mois)",
} as const;

function paymentDayLabel(frequency: LeaseRow["paymentFrequency"], day: number | null) {
  if (!day) return "non précisé";
  return frequency === "fortnightly"
    ? `le ${day} de chaque période (le ${day + 15} pour la seconde)`
    : `le ${day} du mois`;
}

/** The avenant the lessor and the tenant sign when the rent's payment terms change (art. 3). */
async function paymentTermsAmendment(
  tx: Db,
  context: ServiceContext,
  audit: AuditWriter,
  before: LeaseRow,
  after: LeaseRow,
  appliesFrom: IsoDate,
) {
  const { organisation, landlord, person, unit, building } = await loadContractFacts(
    tx,
    context.actor.organisationId,
    after,
  );
  if (!person) throw AppError.notFound("Personne", after.personId ?? undefined);
  const header = organisationHeader(organisation, context.actor);
  const lessor =
    after.kind === "direct_lease" && landlord
      ? { name: landlord.displayName, address: landlord.postalAddress ?? "adresse non renseignée" }
      : { name: organisation.name, address: header.address };
  const generated = await generateDocument(tx, {
    organisationId: organisation.id,
    templateId: "payment_terms_amendment",
    data: {
      organisation: header,
      lessor,
      tenant: personParty(person),
      unit: unitFacts(unit, building),
      terms: {
        contractTitle: CONTRACT_TITLES[after.kind as Exclude<LeaseKind, "head_lease">],
        contractStartDate: after.startDate,
        previousFrequencyLabel: FREQUENCY_LABELS[before.paymentFrequency],
        previousPaymentDayLabel: paymentDayLabel(before.paymentFrequency, before.paymentDay),
        newFrequencyLabel: FREQUENCY_LABELS[after.paymentFrequency],
        newPaymentDayLabel: paymentDayLabel(after.paymentFrequency, after.paymentDay),
        appliesFrom,
        rentCents: after.rentCents,
        chargesCents: after.chargesCents,
      },
      issued: issuedNow(organisation, context.clock),
    },
    links: { landlordId: landlord?.id ?? null, unitId: unit.id, personId: person.id, leaseId: after.id },
    createdAt: context.clock.now(),
    audit,
  });
  return { id: generated.documentId, sha256: generated.sha256, templateId: generated.row.templateId };
}

/**
 * CCH L.442-8-3: a social landlord informs the préfet two months before the review period of the
 * bail glissant ends. Records the day it was sent and draws the letter for the landlord to sign.
 */
export async function informPrefect(context: ServiceContext, leaseId: string, body: PrefectInformationBody) {
  const organisationId = context.actor.organisationId;
  return inUseCaseTransaction(context, async (tx, audit) => {
    const lease = await findLease(tx, organisationId, leaseId, true);
    if (!lease) throw AppError.notFound("Contrat", leaseId);
    if (lease.kind !== "sliding_sublease" || lease.status !== "signed" || !lease.slidingTargetDate) {
      throw new AppError(
        "LEASE_STATE_CONFLICT",
        "L'information du préfet concerne un bail glissant en cours",
        {
          kind: lease.kind,
          status: lease.status,
        },
      );
    }
    const facts = await loadContractFacts(tx, organisationId, lease);
    const { organisation, landlord, person, unit, building } = facts;
    if (landlord?.kind !== "social_landlord") {
      throw new AppError(
        "LEASE_STATE_CONFLICT",
        "Seul un bailleur social informe le préfet (CCH L.442-8-3) ; avec un bailleur privé, le glissement est contractuel",
        { errors: [{ path: "landlord", code: "not_a_social_landlord", message: "Bailleur non social" }] },
      );
    }
    const informedOn = body.informedOn ?? context.clock.today();
    if (
      compareDates(informedOn, lease.startDate) < 0 ||
      compareDates(informedOn, lease.slidingTargetDate) > 0
    ) {
      throw AppError.validation([
        {
          path: "informedOn",
          message: `Entre le début de la sous-location (${formatFrenchDate(lease.startDate)}) et la date visée (${formatFrenchDate(lease.slidingTargetDate)})`,
        },
      ]);
    }
    const reviews = await listReviews(tx, organisationId, lease.id);
    const held = reviews.filter((review) => review.heldOn).sort((a, b) => compareDates(a.heldOn!, b.heldOn!));
    const last = held.at(-1);
    const updated = await updateLease(tx, organisationId, lease.id, { prefectInformedOn: informedOn });
    const generated = await generateDocument(tx, {
      organisationId,
      templateId: "prefect_information",
      data: {
        organisation: organisationHeader(organisation, context.actor),
        landlord: landlordParty(landlord),
        tenant: personParty(person!),
        unit: unitFacts(unit, building),
        prefect: { department: `préfecture du département ${building.postcode.slice(0, 2)}` },
        sublease: {
          startDate: lease.startDate,
          targetDate: lease.slidingTargetDate,
          reviewsHeld: String(held.length),
          lastReviewLabel: last
            ? `le ${formatFrenchDate(last.heldOn!)} : ${OUTCOME_LABELS[last.outcome!]}`
            : "aucun point d'étape tenu",
        },
        issued: { ...issuedNow(organisation, context.clock), date: informedOn },
      },
      links: { landlordId: landlord.id, unitId: unit.id, personId: lease.personId, leaseId: lease.id },
      createdAt: context.clock.now(),
      audit,
    });
    await audit.record({
      action: "lease.prefect_information",
      entityType: "lease",
      entityId: lease.id,
      before: { prefectInformedOn: lease.prefectInformedOn },
      after: { prefectInformedOn: informedOn },
      details: { documentId: generated.documentId },
    });
    return {
      lease: updated,
      document: { id: generated.documentId, sha256: generated.sha256, templateId: generated.row.templateId },
    };
  });
}

import { addDays, addMonths, compareDates, formatFrenchDate, type IsoDate } from "../../lib/dates";
import type { leaseKind } from "../../../db/schema/leases";
import type { landlordKind } from "../../../db/schema/stock";
import type { InvalidField } from "../../lib/errors";
import { formatEuros } from "../../lib/money";

export type LeaseKind = (typeof leaseKind.enumValues)[number];
export type LandlordKind = (typeof landlordKind.enumValues)[number];
export type TenantContractKind = Exclude<LeaseKind, "head_lease">;

export const TENANT_CONTRACT_KINDS: readonly TenantContractKind[] = [
  "sublease",
  "sliding_sublease",
  "direct_lease",
  "temporary_occupancy",
];

export const isTenantContract = (kind: LeaseKind): kind is TenantContractKind => kind !== "head_lease";

/**
 * The last day of a contract of `durationMonths` starting on `startDate` (1 Dec + 36 months →
 * 30 Nov). The term falls the day before the same day of the month `durationMonths` later; when
 * that month has no such day (a start on the 29th–31st), the term is that month's last day
 * (29 Feb 2028 + 12 months → 28 Feb 2029, 31 Jan + 1 month → 28 Feb): a period in months runs to
 * the same day of the month, or to the month's last day (C. civ. 2229, CPC 641).
 */
export function contractEndDate(startDate: IsoDate, durationMonths: number): IsoDate {
  const anniversary = addMonths(startDate, durationMonths);
  const clamped = anniversary.slice(8) !== startDate.slice(8);
  return clamped ? anniversary : addDays(anniversary, -1);
}

/**
 * Natural or legal person, for the minimum duration (loi 89-462 art. 10). A private person is a
 * natural person; an SCI, a company and a social landlord are legal persons. (Art. 13 treats a
 * family SCI as a natural person: record such an owner as private_person.)
 */
export function isLegalPerson(landlordKind: LandlordKind): boolean {
  return landlordKind !== "private_person";
}

/**
 * Minimum duration in months (loi 89-462 art. 10: 3 years for a natural-person landlord, 6 for a
 * legal person; art. 25-7: 1 year furnished). The owner of the unit decides, whoever lets it
 * (a sub-lease without a recorded head lease follows the owner's kind; with one, its term follows
 * the head lease, CCH L.442-8-1). A temporary occupancy agreement
 * (respite housing) is not a lease under loi 89-462: no minimum.
 */
export function minimumDurationMonths(input: {
  kind: LeaseKind;
  landlordKind: LandlordKind;
  furnished: boolean;
  /** a sub-lease carved from a head lease: its term follows the head lease's, no own minimum */
  followsHeadLease?: boolean;
}): number | null {
  if (input.kind === "temporary_occupancy") return null;
  if (input.followsHeadLease && (input.kind === "sublease" || input.kind === "sliding_sublease")) return null;
  if (input.furnished) return 12;
  return isLegalPerson(input.landlordKind) ? 72 : 36;
}

/**
 * Whether a contract runs for a fixed term. A social landlord's (HLM or SEM) own lease to the
 * person who lives in the flat has none: loi 89-462 art. 40 sets aside its duration (art. 3, 10)
 * and the lessor's notice at the term (art. 15), and the tenant stays in the flat as long as the
 * lease is kept (CCH L.442-6 for HLM, L.353-15 for housing conventionné APL). So such a lease
 * has no end date, and the lessor cannot give notice for a term it does not have. The direct
 * lease a sliding sub-lease slides into is one of them. A head lease to the operator is not the
 * occupant's home (loi 89-462 art. 2 does not cover it) and keeps its contractual term, as do
 * the operator's own sub-leases.
 */
export function hasFixedTerm(input: { kind: LeaseKind; landlordKind: LandlordKind | null }): boolean {
  return !(input.kind === "direct_lease" && input.landlordKind === "social_landlord");
}

/** The field at fault when a duration is stated for a lease that has no term (see hasFixedTerm). */
export function noFixedTermViolation(path: string): InvalidField {
  return {
    path,
    code: "no_fixed_term",
    message:
      "Bail sans durée déterminée (bailleur social) : ni durée, ni date de fin, ni congé du bailleur pour le terme (loi 89-462 art. 40 ; CCH L.442-6, L.353-15)",
  };
}

/** Deposit cap (loi 89-462 art. 22: 1 month of rent excluding charges; art. 25-6: 2 furnished). */
export function depositCapCents(input: { rentCents: number; furnished: boolean }): number {
  return input.rentCents * (input.furnished ? 2 : 1);
}

export type ContractTerms = {
  kind: LeaseKind;
  followsHeadLease?: boolean;
  landlordKind: LandlordKind;
  furnished: boolean;
  durationMonths: number;
  rentCents: number;
  depositCents: number;
};

/** Duration and deposit rules of a contract: the fields at fault, empty when allowed. */
export function contractTermViolations(terms: ContractTerms): InvalidField[] {
  const violations: InvalidField[] = [];
  const minimum = minimumDurationMonths(terms);
  if (minimum !== null && terms.durationMonths < minimum) {
    violations.push({
      path: "durationMonths",
      code: "duration_too_short",
      message: `Durée minimale ${minimum} mois (${
        terms.furnished
          ? "logement meublé"
          : isLegalPerson(terms.landlordKind)
            ? "bailleur personne morale"
            : "bailleur personne physique"
      }, loi 89-462 art. ${terms.furnished ? "25-7" : "10"})`,
    });
  }
  if (isTenantContract(terms.kind)) {
    const cap = depositCapCents(terms);
    if (terms.depositCents > cap) {
      violations.push({
        path: "depositCents",
        code: "deposit_cap_exceeded",
        message: `Dépôt de garantie limité à ${terms.furnished ? "deux mois" : "un mois"} de loyer hors charges, soit ${formatEuros(cap)} (loi 89-462 art. ${terms.furnished ? "25-6" : "22"})`,
      });
    }
  }
  return violations;
}

export type MentionsInput = {
  kind: LeaseKind;
  /** the lessor's name and domicile: the landlord (head/direct lease) or the organisation */
  lessorName: string | null;
  lessorAddress: string | null;
  /** the tenant: the person (tenant contracts) or the organisation (head lease) */
  tenantName: string | null;
  startDate: IsoDate | null;
  durationMonths: number | null;
  surfaceM2: number | null;
  rentCents: number | null;
  chargesCents: number | null;
  paymentFrequency: "monthly" | "fortnightly" | null;
  paymentDay: number | null;
  irlReferenceQuarter: string | null;
  depositCents: number | null;
  previousRentCents: number | null;
  /** when the previous tenant of the unit left, if any */
  previousTenantLeftOn: IsoDate | null;
  /** the signature date: the previous rent is due when that tenant left < 18 months before it */
  signedOn: IsoDate;
  /** the mandataire when the lease is signed under a management mandate (art. 3, 1°) */
  mandatary: { name: string | null; address: string | null } | null;
};

const mention = (path: string, what: string): InvalidField => ({
  path,
  code: "mandatory_mention",
  message: `Mention obligatoire manquante : ${what} (loi 89-462 art. 3)`,
});

/**
 * The mentions loi 89-462 art. 3 requires in a lease, checked before signature: parties (name
 * and domicile of the lessor, the tenant), start date and duration, surface, rent, charges and
 * how they are paid, the revision rule (IRL quarter), the deposit, and the previous tenant's
 * rent when they left less than 18 months before. Returns the missing fields.
 */
export function missingMandatoryMentions(input: MentionsInput): InvalidField[] {
  const missing: InvalidField[] = [];
  if (!input.lessorName?.trim()) missing.push(mention("lessor.name", "nom ou dénomination du bailleur"));
  if (!input.lessorAddress?.trim()) missing.push(mention("lessor.address", "domicile ou siège du bailleur"));
  if (input.mandatary && !input.mandatary.name?.trim())
    missing.push(mention("mandatary.name", "nom du mandataire"));
  if (input.mandatary && !input.mandatary.address?.trim())
    missing.push(mention("mandatary.address", "adresse du mandataire"));
  if (!input.tenantName?.trim()) missing.push(mention("tenant.name", "nom du locataire"));
  if (!input.startDate) missing.push(mention("startDate", "date de prise d'effet"));
  if (!input.durationMonths) missing.push(mention("durationMonths", "durée du contrat"));
  if (!input.surfaceM2 || input.surfaceM2 <= 0) missing.push(mention("unit.surfaceM2", "surface habitable"));
  if (input.rentCents === null || input.rentCents <= 0)
    missing.push(mention("rentCents", "montant du loyer"));
  if (input.chargesCents === null) missing.push(mention("chargesCents", "montant des charges"));
  if (!input.paymentFrequency) missing.push(mention("paymentFrequency", "périodicité du paiement"));
  if (input.paymentDay === null) missing.push(mention("paymentDay", "date ou période de paiement"));
  if (!input.irlReferenceQuarter)
    missing.push(mention("irlReferenceQuarter", "règle de révision (trimestre IRL)"));
  if (input.depositCents === null) missing.push(mention("depositCents", "montant du dépôt de garantie"));
  if (
    input.kind !== "head_lease" &&
    input.previousTenantLeftOn &&
    previousRentRequired(input.previousTenantLeftOn, input.signedOn) &&
    input.previousRentCents === null
  ) {
    missing.push(
      mention("previousRentCents", "loyer du précédent locataire (départ il y a moins de 18 mois)"),
    );
  }
  return missing;
}

/**
 * Art. 3: the previous rent is stated when the previous tenant left less than 18 months before
 * the signature of the lease (not its start).
 */
export function previousRentRequired(previousTenantLeftOn: IsoDate, signedOn: IsoDate): boolean {
  return compareDates(addMonths(previousTenantLeftOn, 18), signedOn) > 0;
}

/**
 * Sub-rent cap (loi 89-462 art. 8; CCH L.442-8-1): the rent per m² of habitable surface the
 * sub-tenant pays never exceeds that of the head lease. Compared by cross-multiplication, in
 * integer cents, so no rounding can let a cent through.
 */
export function subRentCapViolation(input: {
  subRentCents: number;
  subSurfaceM2: number;
  headRentCents: number;
  headSurfaceM2: number;
}): InvalidField | null {
  if (input.subRentCents * input.headSurfaceM2 <= input.headRentCents * input.subSurfaceM2) return null;
  const capCents = Math.floor((input.headRentCents * input.subSurfaceM2) / input.headSurfaceM2);
  return {
    path: "rentCents",
    code: "sub_rent_above_head_rent",
    message: `Le loyer de sous-location ne peut dépasser, au m², celui du bail principal : au plus ${(capCents / 100).toFixed(2).replace(".", ",")} € (loi 89-462 art. 8)`,
  };
}

/**
 * Until when a DPE is valid (décret n° 2020-1610 du 17 décembre 2020): 10 years, but those made
 * before 1 January 2018 expired on 31 December 2022 and those made from 1 January 2018 to
 * 30 June 2021 on 31 December 2024. The last valid day.
 */
export function dpeValidUntil(madeOn: IsoDate): IsoDate {
  const tenYears = contractEndDate(madeOn, 120);
  if (compareDates(madeOn, "2018-01-01") < 0) return minDate(tenYears, "2022-12-31");
  if (compareDates(madeOn, "2021-06-30") <= 0) return minDate(tenYears, "2024-12-31");
  return tenYears;
}

const minDate = (a: IsoDate, b: IsoDate) => (compareDates(a, b) <= 0 ? a : b);

/** The DPE annexed to the lease (art. 3-3) must be valid on `onDate`; the field at fault, or null. */
export function dpeViolation(madeOn: IsoDate | null, onDate: IsoDate): InvalidField | null {
  if (!madeOn) {
    return {
      path: "unit.energyDiagnosisDate",
      code: "dpe_date_missing",
      message: "Date du diagnostic de performance énergétique (DPE) manquante (loi 89-462 art. 3-3)",
    };
  }
  if (compareDates(madeOn, onDate) > 0) {
    return {
      path: "unit.energyDiagnosisDate",
      code: "dpe_in_future",
      message: `DPE daté du ${formatFrenchDate(madeOn)}, après le ${formatFrenchDate(onDate)}`,
    };
  }
  const until = dpeValidUntil(madeOn);
  if (compareDates(onDate, until) > 0) {
    return {
      path: "unit.energyDiagnosisDate",
      code: "dpe_expired",
      message: `DPE du ${formatFrenchDate(madeOn)} expiré depuis le ${formatFrenchDate(addDays(until, 1))} : un nouveau diagnostic est requis (décret 2020-1610)`,
    };
  }
  return null;
}

/**
 * A sub-lease cannot outlast the head lease it is carved from (CCH L.442-8-1: the operator lets
 * what it holds): its term follows the head lease's.
 */
export function subleaseTermViolation(subleaseEndDate: IsoDate, headLeaseEndDate: IsoDate | null) {
  if (!headLeaseEndDate || compareDates(subleaseEndDate, headLeaseEndDate) <= 0) return null;
  return {
    path: "durationMonths",
    code: "sublease_beyond_head_lease",
    message: `La sous-location ne peut durer au-delà du bail principal, qui prend fin le ${formatFrenchDate(headLeaseEndDate)}`,
  } satisfies InvalidField;
}

/** Whole months from `startDate` to the head lease's term (the sub-lease's default duration). */
export function monthsUntilTerm(startDate: IsoDate, termDate: IsoDate): number {
  let months = 0;
  while (compareDates(contractEndDate(startDate, months + 1), termDate) <= 0) months += 1;
  return months;
}

export type ReviewFact = { scheduledOn: IsoDate; heldOn: IsoDate | null; outcome: string | null };

/**
 * The glissement needs the last held review to have concluded favourably (CCH L.442-8-3:
 * the sliding is examined at periodic reviews). Returns the reason it is refused, or null.
 */
export function glissementRefusal(reviews: readonly ReviewFact[]): string | null {
  const held = reviews
    .filter((review) => review.heldOn !== null)
    .sort((a, b) => compareDates(a.heldOn!, b.heldOn!) || compareDates(a.scheduledOn, b.scheduledOn));
  const last = held.at(-1);
  if (!last) return "Aucune revue du bail glissant n'a encore eu lieu";
  if (last.outcome !== "favourable") {
    return `La dernière revue (${formatFrenchDate(last.heldOn!)}) n'a pas conclu favorablement au glissement`;
  }
  return null;
}

export type EndReason = "relocation" | "departure" | "end_of_support" | "court_decision";

/**
 * The day new payment terms apply from: the first day of the first month not yet called (a rent
 * call run bills a whole month at once), or the lease's start when nothing was called yet. The
 * person's decision takes effect with the very next call, without an amendment to sign.
 */
export function paymentTermsApplyFrom(
  lease: { startDate: IsoDate },
  latestCalledPeriodStart: IsoDate | null,
): IsoDate {
  if (!latestCalledPeriodStart) return lease.startDate;
  return addMonths(`${latestCalledPeriodStart.slice(0, 7)}-01`, 1);
}

type LeaseStatus = "draft" | "signed" | "notice_given" | "ended";

/**
 * The last day a lease is billed, or null while it runs on. A contract that reaches its term with
 * no notice given is renewed tacitly (loi 89-462 art. 10 al. 3 unfurnished, art. 25-8 furnished):
 * the tenant stays and owes the rent, so a signed lease's term date never stops its rent calls.
 * Only a notice (its effective date) or the recorded end does. Read for every contract kind,
 * temporary occupancy included: the person stays housed, and billed, until the operator records
 * an end, never silently dropped at a date.
 */
export function billedUntil(lease: { status: LeaseStatus; endDate: IsoDate | null }): IsoDate | null {
  return lease.status === "signed" ? null : lease.endDate;
}

/**
 * The term in force on `today` of a signed fixed-term contract: its first term, then each tacit
 * renewal after it, for one year when furnished (art. 25-8) and for the contract's own duration
 * otherwise (art. 10: three years for a natural-person lessor, six for a legal person, the
 * duration the contract was drafted with). `renewals` counts the renewals already run.
 */
export function termInForce(
  lease: { endDate: IsoDate; durationMonths: number; furnished: boolean },
  today: IsoDate,
): { termDate: IsoDate; renewals: number } {
  const renewalMonths = lease.furnished ? 12 : lease.durationMonths;
  let termDate = lease.endDate;
  let renewals = 0;
  while (compareDates(termDate, today) < 0) {
    termDate = contractEndDate(addDays(termDate, 1), renewalMonths);
    renewals += 1;
  }
  return { termDate, renewals };
}

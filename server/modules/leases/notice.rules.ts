import { addMonths, compareDates, type IsoDate } from "../../lib/dates";
import type { InvalidField } from "../../lib/errors";
import type { LandlordKind, LeaseKind } from "./leases.rules";

/**
 * The end of a lease under loi n° 89-462 art. 15 (unfurnished) and art. 25-8 (furnished).
 *
 * The tenant may leave at any time; the notice period runs from the day the lessor receives
 * the letter: 3 months, 1 month in a "zone tendue" (communes of décret n° 2013-392 as amended),
 * for a furnished flat, or for one of the personal reasons of art. 15 I, which the tenant states
 * and justifies when sending the letter (failing which the period is 3 months).
 * The lessor may give notice only for the lease's term, 6 months ahead (3 furnished), and only
 * for a legal motive: taking the flat back to live in, selling it, or a legitimate and serious
 * reason (notably the tenant's failure to meet an obligation).
 *
 * The programme adds (cahier des charges §5, §8.5): housing never depends on support, so the end
 * of support is never a reason to end a lease.
 */

/** The personal reasons of art. 15 I (2° to 6°) that reduce the tenant's notice to one month. */
export const TENANT_NOTICE_REASONS = [
  "none",
  "first_job",
  "job_transfer",
  "job_loss",
  "new_job_after_job_loss",
  "health",
  "rsa_or_aah",
  "social_housing_offer",
  "domestic_violence",
] as const;
export type TenantNoticeReason = (typeof TENANT_NOTICE_REASONS)[number];

export const TENANT_NOTICE_REASON_LABELS: Record<TenantNoticeReason, string> = {
  none: "Aucun motif de préavis réduit",
  first_job: "Obtention d'un premier emploi",
  job_transfer: "Mutation professionnelle",
  job_loss: "Perte d'emploi",
  new_job_after_job_loss: "Nouvel emploi consécutif à une perte d'emploi",
  health: "État de santé justifiant un changement de domicile (certificat médical)",
  rsa_or_aah: "Bénéficiaire du RSA ou de l'AAH",
  social_housing_offer: "Attribution d'un logement social",
  domestic_violence: "Violences conjugales ou familiales (ordonnance de protection ou condamnation)",
};

/** The lessor's motives (art. 15 I): repossession, sale, legitimate and serious reason. */
export const LESSOR_NOTICE_MOTIVES = [
  "repossession",
  "sale",
  "legitimate_serious_reason",
  "head_lease_end",
] as const;
export type LessorNoticeMotive = (typeof LESSOR_NOTICE_MOTIVES)[number];

export const LESSOR_NOTICE_MOTIVE_LABELS: Record<LessorNoticeMotive, string> = {
  repossession: "Reprise pour habiter le logement",
  sale: "Vente du logement",
  legitimate_serious_reason: "Motif légitime et sérieux",
  head_lease_end: "Fin du bail principal consenti à l'organisme",
};

export type TenantNoticeFacts = {
  furnished: boolean;
  /** the flat's commune is on the zone tendue list */
  tightMarket: boolean;
  reason: TenantNoticeReason;
  /** the reason's proof came with the letter (art. 15 I: "le justifie au moment de l'envoi") */
  justificationReceived: boolean;
};

export type TenantNoticePeriod = {
  months: 1 | 3;
  /** why one month applies, in French; null when three months apply */
  ground: "furnished" | "tight_market" | "personal_reason" | null;
  /** a reduced-notice reason was stated but not justified: 3 months apply (art. 15 I, last para.) */
  unjustifiedReason: boolean;
};

/**
 * The tenant's notice period. A furnished flat or a zone tendue gives one month without
 * condition; a personal reason gives one month only when justified with the letter.
 */
export function tenantNoticePeriod(facts: TenantNoticeFacts): TenantNoticePeriod {
  const stated = facts.reason !== "none";
  if (facts.furnished) return { months: 1, ground: "furnished", unjustifiedReason: false };
  if (facts.tightMarket) return { months: 1, ground: "tight_market", unjustifiedReason: false };
  if (stated && facts.justificationReceived) {
    return { months: 1, ground: "personal_reason", unjustifiedReason: false };
  }
  return { months: 3, ground: null, unjustifiedReason: stated };
}

/** The last day of the notice: the period runs from the day the letter is received. */
export function noticeEndDate(receivedOn: IsoDate, months: number): IsoDate {
  return addMonths(receivedOn, months);
}

/** Art. 15 I and 25-8: how long before the term the lessor's notice must be received. */
export function lessorNoticeLeadMonths(furnished: boolean): 3 | 6 {
  return furnished ? 3 : 6;
}

export type LessorNoticeFacts = {
  kind: LeaseKind;
  landlordKind: LandlordKind | null;
  furnished: boolean;
  /** the lease's current term */
  termDate: IsoDate;
  receivedOn: IsoDate;
  effectiveDate: IsoDate;
  motive: LessorNoticeMotive;
  motiveDetail: string | null;
};

/**
 * Whether the lessor's notice is lawful; returns the fields at fault (empty when it is).
 * - only for the term (art. 15 I), received 6 months before it (3 furnished);
 * - repossession only by a natural person lessor (art. 15 I: "le bailleur" taking the flat back
 *   for himself or a relative; an SCI familiale is recorded as a natural person): never by the
 *   operator of a sub-lease;
 * - the motive's facts written in the letter (beneficiary of the repossession, price and terms
 *   of the sale, facts of the legitimate and serious reason);
 * - a head-lease end only ends a sub-lease (CCH L.442-8-1: the sub-lease cannot outlast it).
 */
export function lessorNoticeViolations(facts: LessorNoticeFacts): InvalidField[] {
  const violations: InvalidField[] = [];
  if (facts.kind === "temporary_occupancy" || facts.kind === "head_lease") return violations;
  if (compareDates(facts.effectiveDate, facts.termDate) !== 0) {
    violations.push({
      path: "effectiveDate",
      code: "lessor_notice_only_at_term",
      message: `Le bailleur ne peut donner congé que pour le terme du bail, le ${frenchDate(facts.termDate)} (loi 89-462 art. 15)`,
    });
  }
  const lead = lessorNoticeLeadMonths(facts.furnished);
  const latest = addMonths(facts.termDate, -lead);
  if (compareDates(facts.receivedOn, latest) > 0) {
    violations.push({
      path: "givenOn",
      code: "lessor_notice_too_late",
      message: `Le congé du bailleur doit être reçu au moins ${lead} mois avant le terme, au plus tard le ${frenchDate(latest)} (loi 89-462 art. ${facts.furnished ? "25-8" : "15"})`,
    });
  }
  const lessorIsOperator = facts.kind === "sublease" || facts.kind === "sliding_sublease";
  if (facts.motive === "repossession" && (lessorIsOperator || facts.landlordKind !== "private_person")) {
    violations.push({
      path: "lessorMotive",
      code: "repossession_not_open",
      message: "La reprise pour habiter n'est ouverte qu'au bailleur personne physique (loi 89-462 art. 15)",
    });
  }
  if (facts.motive === "head_lease_end" && !lessorIsOperator) {
    violations.push({
      path: "lessorMotive",
      code: "head_lease_end_not_applicable",
      message: "La fin du bail principal ne met fin qu'à une sous-location",
    });
  }
  if (!facts.motiveDetail?.trim()) {
    violations.push({
      path: "motiveDetail",
      code: "motive_not_stated",
      message: "Le motif du congé doit être énoncé dans la lettre (loi 89-462 art. 15)",
    });
  }
  return violations;
}

/**
 * The winter truce (CPCE L.412-6): no eviction is carried out from 1 November to 31 March of the
 * following year. Returns the truce containing `date`, or null.
 */
export function winterTruceContaining(date: IsoDate): { from: IsoDate; to: IsoDate } | null {
  const year = Number(date.slice(0, 4));
  const monthDay = date.slice(5);
  if (monthDay >= "11-01") return { from: `${year}-11-01`, to: `${year + 1}-03-31` };
  if (monthDay <= "03-31") return { from: `${year - 1}-11-01`, to: `${year}-03-31` };
  return null;
}

/** A commune of the zone tendue list, identified by its INSEE code. */
export type TightMarketCommune = { inseeCode: string; name: string };

const normaliseName = (name: string) =>
  name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/**
 * Is the flat in a zone tendue? By the building's INSEE code; a building without one is matched
 * on its commune's name only when exactly one listed commune bears it (names repeat across
 * departments, an ambiguous name is not a match).
 */
export function isInTightMarket(
  building: { inseeCode: string | null; city: string },
  communes: readonly TightMarketCommune[],
): boolean {
  if (building.inseeCode) return communes.some((commune) => commune.inseeCode === building.inseeCode);
  const name = normaliseName(building.city);
  return communes.filter((commune) => normaliseName(commune.name) === name).length === 1;
}

function frenchDate(date: IsoDate): string {
  return date.split("-").reverse().join("/");
}

/** Completed years of age on `onDate` (a birthday on 29 February falls on 1 March). */
export function ageOn(birthDate: IsoDate, onDate: IsoDate): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

export const ELDERLY_TENANT_AGE = 65;

/**
 * Art. 15 III: the lessor may not give notice to a tenant over 65 whose annual resources are
 * below the ceiling for conventionné housing (arrêté of the housing minister) unless a dwelling
 * matching their needs and means is offered nearby; the rule does not bind a natural-person lessor
 * himself over 65 or below that ceiling. Ages are judged at the term, resources at the notice.
 *
 * Readings that protect the tenant: "plus de soixante-cinq ans" counts from the 65th birthday; an
 * unknown birth date does not let the notice through; the resources are taken as below the
 * ceiling unless the officer states, from the tenant's file, that they are above it (the ceiling
 * is a published figure the software does not guess).
 */
export function elderlyTenantProtectionViolation(facts: {
  tenantBirthDate: IsoDate | null;
  termDate: IsoDate;
  tenantResourcesAboveCeiling: boolean;
  relocationOffered: boolean;
  /** the lessor is a natural person over 65 or below the ceiling (never the operator) */
  lessorExempt: boolean;
}): InvalidField | null {
  if (facts.lessorExempt || facts.relocationOffered) return null;
  if (!facts.tenantBirthDate) {
    return {
      path: "tenant.birthDate",
      code: "tenant_age_unknown",
      message:
        "Date de naissance du locataire inconnue : la protection des locataires âgés de plus de 65 ans ne peut être écartée (loi 89-462 art. 15 III)",
    };
  }
  if (ageOn(facts.tenantBirthDate, facts.termDate) < ELDERLY_TENANT_AGE) return null;
  if (facts.tenantResourcesAboveCeiling) return null;
  return {
    path: "relocationOffered",
    code: "elderly_tenant_protected",
    message:
      "Locataire de plus de 65 ans au terme, aux ressources sous le plafond : le congé n'est possible qu'avec l'offre d'un logement correspondant à ses besoins et possibilités, à proximité (loi 89-462 art. 15 III)",
  };
}

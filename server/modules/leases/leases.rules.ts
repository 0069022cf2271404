import { addDays, addMonths, compareDates, type IsoDate } from "../../lib/dates";
import type { InvalidField } from "../../lib/errors";

export type LeaseKind =
  | "head_lease"
  | "sublease"
  | "sliding_sublease"
  | "direct_lease"
  | "temporary_occupancy";
export type LandlordKind = "private_person" | "sci" | "company" | "social_landlord";
export type TenantContractKind = Exclude<LeaseKind, "head_lease">;

export const TENANT_CONTRACT_KINDS: readonly TenantContractKind[] = [
  "sublease",
  "sliding_sublease",
  "direct_lease",
  "temporary_occupancy",
];

export const isTenantContract = (kind: LeaseKind): kind is TenantContractKind => kind !== "head_lease";

/** The last day of a contract of `durationMonths` starting on `startDate` (1 Dec + 36 months → 30 Nov). */
export function contractEndDate(startDate: IsoDate, durationMonths: number): IsoDate {
  return addDays(addMonths(startDate, durationMonths), -1);
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
 * (the operator's sub-lease follows the owner's head lease). A temporary occupancy agreement
 * (respite housing) is not a lease under loi 89-462: no minimum.
 */
export function minimumDurationMonths(input: {
  kind: LeaseKind;
  landlordKind: LandlordKind;
  furnished: boolean;
}): number | null {
  if (input.kind === "temporary_occupancy") return null;
  if (input.furnished) return 12;
  return isLegalPerson(input.landlordKind) ? 72 : 36;
}

/** Deposit cap (loi 89-462 art. 22: 1 month of rent excluding charges; art. 25-6: 2 furnished). */
export function depositCapCents(input: { rentCents: number; furnished: boolean }): number {
  return input.rentCents * (input.furnished ? 2 : 1);
}

export type ContractTerms = {
  kind: LeaseKind;
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
        message: `Dépôt de garantie limité à ${terms.furnished ? "deux mois" : "un mois"} de loyer hors charges, soit ${cap} centimes (loi 89-462 art. ${terms.furnished ? "25-6" : "22"})`,
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
    input.startDate &&
    previousRentRequired(input.previousTenantLeftOn, input.startDate) &&
    input.previousRentCents === null
  ) {
    missing.push(
      mention("previousRentCents", "loyer du précédent locataire (départ il y a moins de 18 mois)"),
    );
  }
  return missing;
}

/** Art. 3: the previous rent is stated when the previous tenant left less than 18 months before. */
export function previousRentRequired(previousTenantLeftOn: IsoDate, startDate: IsoDate): boolean {
  return compareDates(addMonths(previousTenantLeftOn, 18), startDate) > 0;
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
    return `La dernière revue (${last.heldOn}) n'a pas conclu favorablement au glissement`;
  }
  return null;
}

export type EndReason = "relocation" | "departure" | "end_of_support" | "court_decision";

/**
 * The yearly regularisation of recoverable charges (loi n° 89-462 du 6 juillet 1989, art. 23;
 * list of recoverable charges: décret n° 87-713 du 26 août 1987, annexe). Pure functions.
 */
import {
  addMonths,
  addYears,
  compareDates,
  daysBetween,
  type IsoDate,
  lastDayOfMonth,
} from "../../lib/dates";
import { type Cents, divideRounded } from "../../lib/money";

/**
 * The rubrics of the décret n° 87-713 annex (I to VIII), with the usual split of II (water,
 * heating) and IV (common-area electricity, upkeep) that a décompte shows apart.
 */
export const chargeCategories = {
  lift: "Ascenseur et monte-charge (annexe I)",
  water: "Eau froide et eau chaude (annexe II)",
  heating: "Chauffage collectif (annexe II)",
  individual_installations: "Installations individuelles : chaudière, robinetterie (annexe III)",
  common_electricity: "Électricité des parties communes (annexe IV)",
  common_maintenance: "Entretien des parties communes (annexe IV)",
  outdoor_areas: "Espaces extérieurs (annexe V)",
  hygiene: "Hygiène : ordures ménagères, désinsectisation (annexe VI)",
  equipment: "Équipements divers : ventilation, interphone (annexe VII)",
  waste_tax: "Taxe d'enlèvement des ordures ménagères (annexe VIII)",
  other_taxes: "Autres taxes et redevances : balayage, assainissement (annexe VIII)",
} as const;
export type ChargeCategory = keyof typeof chargeCategories;
export const chargeCategoryCodes = Object.keys(chargeCategories) as ChargeCategory[];

export type ChargeLine = { category: string; label: string; amountCents: Cents; unitId: string | null };
export type Period = { start: IsoDate; end: IsoDate };

/** Days of a period, both ends included. */
export function daysOf(period: Period): number {
  return daysBetween(period.start, period.end) + 1;
}

/** The part of `a` inside `b`, or null when they do not meet. */
export function overlap(a: Period, b: Period): Period | null {
  const start = compareDates(a.start, b.start) >= 0 ? a.start : b.start;
  const end = compareDates(a.end, b.end) <= 0 ? a.end : b.end;
  return compareDates(start, end) <= 0 ? { start, end } : null;
}

/** Whole calendar months of a charges period (1st to a month's last day), or null when it is not. */
export function wholeMonths(period: Period): number | null {
  if (!period.start.endsWith("-01") || lastDayOfMonth(period.end) !== period.end) return null;
  if (compareDates(period.end, period.start) < 0) return null;
  const [sy, sm] = period.start.split("-").map(Number) as [number, number];
  const [ey, em] = period.end.split("-").map(Number) as [number, number];
  return (ey - sy) * 12 + (em - sm) + 1;
}

/** Surfaces in hundredths of m², so a share is computed in integers. */
const hundredths = (m2: number) => Math.round(m2 * 100);

/**
 * One flat's share of the period's actual charges, line by line: a building line split by
 * surface (flat m² / building m²), a flat's own line in full. Rounded down to the cent: the
 * cent lost on a split stays with the lessor, never with the tenant.
 */
export function flatShare(
  lines: readonly ChargeLine[],
  unit: { id: string; surfaceM2: number },
  totalSurfaceM2: number,
) {
  const detail = lines
    .filter((line) => line.unitId === null || line.unitId === unit.id)
    .map((line) => {
      const bySurface = line.unitId === null;
      const shareCents = bySurface
        ? divideRounded(line.amountCents * hundredths(unit.surfaceM2), hundredths(totalSurfaceM2), "floor")
        : line.amountCents;
      return {
        category: line.category,
        label: line.label,
        totalCents: line.amountCents,
        basis: bySurface ? ("surface" as const) : ("flat" as const),
        unitSurfaceM2: unit.surfaceM2,
        totalSurfaceM2: bySurface ? totalSurfaceM2 : unit.surfaceM2,
        shareCents,
      };
    });
  return { detail, totalCents: detail.reduce((sum, line) => sum + line.shareCents, 0) };
}

/**
 * A lease's part of the flat's share: prorated to the days it occupied the flat in the period
 * (rounded down, the tenant's favour). The days without a tenant stay with the lessor.
 */
export function occupancyShare(flatShareCents: Cents, occupiedDays: number, periodDays: number): Cents {
  if (occupiedDays >= periodDays) return flatShareCents;
  return divideRounded(flatShareCents * occupiedDays, periodDays, "floor");
}

/**
 * The charge provisions called over the period: each call's charges prorated to the days of its
 * period inside the charges period (rounded half-up per call, as the call itself was).
 */
export function provisionsCalled(
  calls: readonly { periodStart: IsoDate; periodEnd: IsoDate; chargesCents: Cents }[],
  period: Period,
): Cents {
  let total = 0;
  for (const call of calls) {
    const callPeriod = { start: call.periodStart, end: call.periodEnd };
    const inside = overlap(callPeriod, period);
    if (!inside) continue;
    const days = daysOf(inside);
    const all = daysOf(callPeriod);
    total += days >= all ? call.chargesCents : divideRounded(call.chargesCents * days, all, "half-up");
  }
  return total;
}

export type RegularisationOutcome =
  | { kind: "tenant_owes"; amountCents: Cents }
  | { kind: "tenant_is_owed"; amountCents: Cents }
  | { kind: "balanced"; amountCents: 0 };

/** Actual share − provisions: a regularisation call (tenant owes) or a credit (tenant is owed). */
export function regularisationOutcome(actualCents: Cents, provisionsCents: Cents): RegularisationOutcome {
  const balance = actualCents - provisionsCents;
  if (balance > 0) return { kind: "tenant_owes", amountCents: balance };
  if (balance < 0) return { kind: "tenant_is_owed", amountCents: -balance };
  return { kind: "balanced", amountCents: 0 };
}

/**
 * Art. 23 al. 5: « un mois avant cette régularisation, le bailleur en communique au locataire le
 * décompte par nature de charges ainsi que, dans les immeubles collectifs, le mode de
 * répartition ». The earliest day the balance may be claimed from the tenant.
 */
export function earliestClaimOn(sentOn: IsoDate): IsoDate {
  return addMonths(sentOn, 1);
}

/**
 * Whether the regularisation may be booked on `on`. A sum the tenant owes waits the month of
 * art. 23. A credit is the tenant's money: the month gives the tenant time to check the décompte
 * before paying, and delaying a refund would only harm them, so a credit is booked at once
 * (the reading that protects the tenant).
 */
export function mayConfirmOn(outcome: RegularisationOutcome, sentOn: IsoDate, on: IsoDate): boolean {
  if (outcome.kind !== "tenant_owes") return compareDates(on, sentOn) >= 0;
  return compareDates(on, earliestClaimOn(sentOn)) >= 0;
}

/**
 * Art. 23 al. 6: « durant six mois à compter de l'envoi de ce décompte, les pièces
 * justificatives sont tenues […] à la disposition des locataires ». The last day they are.
 */
export function supportingDocumentsAvailableUntil(sentOn: IsoDate): IsoDate {
  return addMonths(sentOn, 6);
}

/**
 * Art. 23 al. 9: « lorsque la régularisation des charges n'a pas été effectuée avant le terme de
 * l'année civile suivant l'année de leur exigibilité, le paiement par le locataire est effectué
 * par douzième, s'il en fait la demande ». The last day a claim is not yet late. A period that
 * straddles two calendar years has charges exigible in its first year: the year following ends
 * then, which is sooner than one year after the period's end — the reading that opens the
 * twelve instalments sooner, in the tenant's favour.
 */
export function instalmentsThreshold(period: Period): IsoDate {
  const followingYearEnd = `${Number(period.start.slice(0, 4)) + 1}-12-31`;
  const yearAfterEnd = addYears(period.end, 1);
  return compareDates(followingYearEnd, yearAfterEnd) <= 0 ? followingYearEnd : yearAfterEnd;
}

/** Whether a claim made on `claimedOn` may be paid in twelve monthly instalments at the tenant's request. */
export function instalmentsOffered(period: Period, claimedOn: IsoDate): boolean {
  return compareDates(claimedOn, instalmentsThreshold(period)) > 0;
}

/**
 * Art. 7-1: « toutes actions dérivant d'un contrat de bail sont prescrites par trois ans à compter
 * du jour où le titulaire d'un droit a connu ou aurait dû connaître les faits lui permettant de
 * l'exercer ». When the lessor learnt the actual charges is not on record; the three years are
 * counted from the period's end, the earliest day they could be known — the reading that
 * protects the tenant. The last day the lessor may still claim.
 */
export function claimDeadline(period: Period): IsoDate {
  return addYears(period.end, 3);
}

/**
 * Whether the balance is time-barred on `claimedOn`. Only a sum the tenant owes is: prescription
 * is the debtor's defence, and a refund owed to the tenant is always paid.
 */
export function timeBarred(outcome: RegularisationOutcome, period: Period, claimedOn: IsoDate): boolean {
  return outcome.kind === "tenant_owes" && compareDates(claimedOn, claimDeadline(period)) > 0;
}

/**
 * Twelve monthly instalments from `firstDueOn` (art. 23 al. 9), summing to the amount: the
 * cents that do not divide go on the last instalments, so the tenant pays them latest.
 */
export function twelveInstalments(amountCents: Cents, firstDueOn: IsoDate) {
  const base = Math.floor(amountCents / 12);
  const rest = amountCents - base * 12;
  return Array.from({ length: 12 }, (_, i) => ({
    dueOn: addMonths(firstDueOn, i),
    amountCents: base + (i >= 12 - rest ? 1 : 0),
  }));
}

/**
 * The next monthly provision: the flat's actual charges for the period brought to one month
 * (actual / 12 for a year), rounded half-up to the cent. The flat's whole share, not the
 * lease's prorated one: a tenant who arrived during the year will occupy the next one whole.
 */
export function proposedMonthlyProvision(flatShareCents: Cents, months: number): Cents {
  return divideRounded(flatShareCents, months, "half-up");
}

/** The first day a new provision may apply from: a month's first day, not before the claim. */
export function provisionMonthStart(month: string): IsoDate {
  return `${month}-01`;
}

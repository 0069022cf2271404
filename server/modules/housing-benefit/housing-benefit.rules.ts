import type { IsoDate } from "../../lib/dates";
import { type Cents, divideRounded } from "../../lib/money";

/**
 * The housing benefit (APL / ALF / ALS) of a tenant in the rented sector, estimated per flat from
 * the national barème:
 *
 *   aide = L + C − Pp                                   (CCH art. D. 823-16)
 *   L    = min(loyer, plafond of the commune's zone and the household)   (arrêté du 27/09/2019 art. 7)
 *   C    = forfait charges, by household                                  (arrêté art. 9)
 *   Pp   = P0 + Tp × (R − R0)                            (CCH art. D. 823-17)
 *   P0   = max(8,5 % × (L + C), minimum)                                  (arrêté art. 13)
 *   Tp   = TF + TL; TF by household; TL by bands of RL = L / LR, LR the reference rent (arrêté art. 14)
 *   R0   = annual abatement by household                                  (arrêté art. 15)
 * then the degressivity above the high-rent thresholds (arrêté art. 10), the €5 flat reduction
 * (arrêté art. 11) and the payment threshold below which nothing is paid (arrêté art. 12: €10 for
 * the allocations de logement, €0 for the APL).
 *
 * In an IML sub-lease the person is the tenant of the operator: the benefit is the ALS (or the APL
 * when the flat is conventionné), computed on this same locatif barème.
 *
 * What the estimate does NOT cover — the CAF's notification is the only true figure, and once it
 * is recorded it replaces the estimate everywhere:
 * - resources: R is twelve times the monthly wages, pensions and other incomes the file records,
 *   rounded up to the next €100; RSA and AAH are left out because they are not taxable income
 *   (CCH R. 822-4 counts the net incomes retained for income tax). The 10 % deductions, the
 *   «évaluation forfaitaire» of resources (R. 822-18 and following), the neutralisation or
 *   abatements after a job loss, students' floors and the patrimony are NOT applied: counting the
 *   gross amounts gives a higher R, hence a lower estimate — the reading that never promises the
 *   tenant more than the CAF will pay;
 * - the household: two adults or more are a couple, adults beyond two count as dependants;
 * - a furnished flat (the allocations de logement may retain part of the rent only), a room,
 *   shared housing (colocation: other plafonds and forfaits), overseas departments, and the CRDS
 *   (0,5 %) deducted from the amount paid are not modelled;
 * - the real charges never enter: the forfait C replaces them (D. 823-16).
 */

export const HOUSING_BENEFIT_ZONES = ["I", "II", "III"] as const;
export type HousingBenefitZone = (typeof HOUSING_BENEFIT_ZONES)[number];

/** How a parameter's integer value reads: monthly cents, annual cents, or millionths (rates, coefficients). */
export type ParameterUnit = "cents" | "annual_cents" | "ppm";

type ParameterDefinition = { label: string; unit: ParameterUnit; article: string };

const plafond = (zone: HousingBenefitZone, who: string): ParameterDefinition => ({
  label: `Plafond de loyer, zone ${zone}, ${who}`,
  unit: "cents",
  article: "arrêté du 27 septembre 2019, art. 7",
});

/**
 * Every parameter of the barème the estimate reads. The values live in the database (dated
 * rows, each with its source); this list only says what each key means.
 */
export const HOUSING_BENEFIT_PARAMETERS = {
  "plafond.I.single": plafond("I", "personne seule"),
  "plafond.I.couple": plafond("I", "couple sans personne à charge"),
  "plafond.I.one_dependant": plafond("I", "une personne à charge"),
  "plafond.I.per_extra_dependant": plafond("I", "par personne à charge supplémentaire"),
  "plafond.II.single": plafond("II", "personne seule"),
  "plafond.II.couple": plafond("II", "couple sans personne à charge"),
  "plafond.II.one_dependant": plafond("II", "une personne à charge"),
  "plafond.II.per_extra_dependant": plafond("II", "par personne à charge supplémentaire"),
  "plafond.III.single": plafond("III", "personne seule"),
  "plafond.III.couple": plafond("III", "couple sans personne à charge"),
  "plafond.III.one_dependant": plafond("III", "une personne à charge"),
  "plafond.III.per_extra_dependant": plafond("III", "par personne à charge supplémentaire"),
  "charges.base": {
    label: "Forfait charges, bénéficiaire isolé ou couple",
    unit: "cents",
    article: "arrêté du 27 septembre 2019, art. 9",
  },
  "charges.per_dependant": {
    label: "Forfait charges, par personne à charge",
    unit: "cents",
    article: "arrêté du 27 septembre 2019, art. 9",
  },
  "p0.minimum": {
    label: "Participation minimale P0, montant minimal",
    unit: "cents",
    article: "arrêté du 27 septembre 2019, art. 13",
  },
  "p0.rate": {
    label: "Participation minimale P0, taux appliqué à L + C",
    unit: "ppm",
    article: "arrêté du 27 septembre 2019, art. 13",
  },
  "tf.single": { label: "TF, isolé", unit: "ppm", article: "arrêté du 27 septembre 2019, art. 14, 1°" },
  "tf.couple": {
    label: "TF, couple sans personne à charge",
    unit: "ppm",
    article: "arrêté du 27 septembre 2019, art. 14, 1°",
  },
  "tf.dependants_1": {
    label: "TF, 1 personne à charge",
    unit: "ppm",
    article: "arrêté du 27 septembre 2019, art. 14, 1°",
  },
  "tf.dependants_2": {
    label: "TF, 2 personnes à charge",
    unit: "ppm",
    article: "arrêté du 27 septembre 2019, art. 14, 1°",
  },
  "tf.dependants_3": {
    label: "TF, 3 personnes à charge",
    unit: "ppm",
    article: "arrêté du 27 septembre 2019, art. 14, 1°",
  },
  "tf.dependants_4": {
    label: "TF, 4 personnes à charge",
    unit: "ppm",
    article: "arrêté du 27 septembre 2019, art. 14, 1°",
  },
  "tf.dependants_5": {
    label: "TF, 5 personnes à charge",
    unit: "ppm",
    article: "arrêté du 27 septembre 2019, art. 14, 1°",
  },
  "tf.dependants_6": {
    label: "TF, 6 personnes à charge",
    unit: "ppm",
    article: "arrêté du 27 septembre 2019, art. 14, 1°",
  },
  "tf.per_extra_dependant": {
    label: "TF, majoration par personne à charge au-delà de six",
    unit: "ppm",
    article: "arrêté du 27 septembre 2019, art. 14, 1°",
  },
  "tl.threshold_1": {
    label: "TL, fin de la 1re tranche de RL",
    unit: "ppm",
    article: "arrêté du 27 septembre 2019, art. 14, 2°",
  },
  "tl.threshold_2": {
    label: "TL, fin de la 2e tranche de RL",
    unit: "ppm",
    article: "arrêté du 27 septembre 2019, art. 14, 2°",
  },
  "tl.rate_1": {
    label: "TL, taux de la 1re tranche",
    unit: "ppm",
    article: "arrêté du 27 septembre 2019, art. 14, 2°",
  },
  "tl.rate_2": {
    label: "TL, taux de la 2e tranche",
    unit: "ppm",
    article: "arrêté du 27 septembre 2019, art. 14, 2°",
  },
  "tl.rate_3": {
    label: "TL, taux de la 3e tranche",
    unit: "ppm",
    article: "arrêté du 27 septembre 2019, art. 14, 2°",
  },
  "lr.single": {
    label: "Loyer de référence LR, isolé",
    unit: "cents",
    article: "arrêté du 27 septembre 2019, art. 14, 2°",
  },
  "lr.couple": {
    label: "Loyer de référence LR, couple sans personne à charge",
    unit: "cents",
    article: "arrêté du 27 septembre 2019, art. 14, 2°",
  },
  "lr.one_dependant": {
    label: "Loyer de référence LR, une personne à charge",
    unit: "cents",
    article: "arrêté du 27 septembre 2019, art. 14, 2°",
  },
  "lr.per_extra_dependant": {
    label: "Loyer de référence LR, par personne à charge supplémentaire",
    unit: "cents",
    article: "arrêté du 27 septembre 2019, art. 14, 2°",
  },
  "r0.single": {
    label: "R0, isolé (annuel)",
    unit: "annual_cents",
    article: "arrêté du 27 septembre 2019, art. 15",
  },
  "r0.couple": {
    label: "R0, couple sans personne à charge (annuel)",
    unit: "annual_cents",
    article: "arrêté du 27 septembre 2019, art. 15",
  },
  "r0.dependants_1": {
    label: "R0, 1 personne à charge (annuel)",
    unit: "annual_cents",
    article: "arrêté du 27 septembre 2019, art. 15",
  },
  "r0.dependants_2": {
    label: "R0, 2 personnes à charge (annuel)",
    unit: "annual_cents",
    article: "arrêté du 27 septembre 2019, art. 15",
  },
  "r0.dependants_3": {
    label: "R0, 3 personnes à charge (annuel)",
    unit: "annual_cents",
    article: "arrêté du 27 septembre 2019, art. 15",
  },
  "r0.dependants_4": {
    label: "R0, 4 personnes à charge (annuel)",
    unit: "annual_cents",
    article: "arrêté du 27 septembre 2019, art. 15",
  },
  "r0.dependants_5": {
    label: "R0, 5 personnes à charge (annuel)",
    unit: "annual_cents",
    article: "arrêté du 27 septembre 2019, art. 15",
  },
  "r0.dependants_6": {
    label: "R0, 6 personnes à charge (annuel)",
    unit: "annual_cents",
    article: "arrêté du 27 septembre 2019, art. 15",
  },
  "r0.per_extra_dependant": {
    label: "R0, majoration par personne à charge au-delà de six (annuel)",
    unit: "annual_cents",
    article: "arrêté du 27 septembre 2019, art. 15",
  },
  "degressivity.I.start": {
    label: "Dégressivité, zone I : début (× plafond)",
    unit: "ppm",
    article: "arrêté du 27 septembre 2019, art. 10",
  },
  "degressivity.I.end": {
    label: "Dégressivité, zone I : suppression (× plafond)",
    unit: "ppm",
    article: "arrêté du 27 septembre 2019, art. 10",
  },
  "degressivity.II.start": {
    label: "Dégressivité, zone II : début (× plafond)",
    unit: "ppm",
    article: "arrêté du 27 septembre 2019, art. 10",
  },
  "degressivity.II.end": {
    label: "Dégressivité, zone II : suppression (× plafond)",
    unit: "ppm",
    article: "arrêté du 27 septembre 2019, art. 10",
  },
  "degressivity.III.start": {
    label: "Dégressivité, zone III : début (× plafond)",
    unit: "ppm",
    article: "arrêté du 27 septembre 2019, art. 10",
  },
  "degressivity.III.end": {
    label: "Dégressivité, zone III : suppression (× plafond)",
    unit: "ppm",
    article: "arrêté du 27 septembre 2019, art. 10",
  },
  "reduction.flat": {
    label: "Minoration forfaitaire mensuelle",
    unit: "cents",
    article: "arrêté du 27 septembre 2019, art. 11",
  },
  "threshold.al": {
    label: "Seuil de versement, allocations de logement",
    unit: "cents",
    article: "arrêté du 27 septembre 2019, art. 12",
  },
} as const satisfies Record<string, ParameterDefinition>;

export type ParameterKey = keyof typeof HOUSING_BENEFIT_PARAMETERS;
export const PARAMETER_KEYS = Object.keys(HOUSING_BENEFIT_PARAMETERS) as ParameterKey[];
export const isParameterKey = (key: string): key is ParameterKey => key in HOUSING_BENEFIT_PARAMETERS;

/** One dated value: the shipped national rows and the organisation's own rows look the same. */
export type ParameterRow = {
  key: string;
  effectiveFrom: IsoDate;
  value: number;
  /** the organisation's row (an admin's entry) wins over a shipped row of the same date */
  ownRow: boolean;
};

export type Scale = Record<ParameterKey, number>;

/** The value in force on `date` for each key: the latest row dated on or before it. */
export function scaleOn(
  rows: readonly ParameterRow[],
  date: IsoDate,
): { scale: Scale; missing: [] } | { scale: null; missing: ParameterKey[] } {
  const best = new Map<string, ParameterRow>();
  for (const row of rows) {
    if (row.effectiveFrom > date) continue;
    const current = best.get(row.key);
    if (
      !current ||
      row.effectiveFrom > current.effectiveFrom ||
      (row.effectiveFrom === current.effectiveFrom && row.ownRow && !current.ownRow)
    ) {
      best.set(row.key, row);
    }
  }
  const missing = PARAMETER_KEYS.filter((key) => !best.has(key));
  if (missing.length > 0) return { scale: null, missing };
  const scale = Object.fromEntries(PARAMETER_KEYS.map((key) => [key, best.get(key)!.value])) as Scale;
  return { scale, missing: [] };
}

export type Household = { adults: number; children: number };

/** Two adults or more are a couple; adults beyond two, like children, are persons à charge. */
export function householdOf({ adults, children }: Household) {
  return { couple: adults >= 2, dependants: children + Math.max(0, adults - 2) };
}

export type MonthlyResourcesByKind = {
  rsa: number;
  aah: number;
  wages: number;
  pension: number;
  other: number;
};

/**
 * R (annual, cents): twelve months of the taxable resources, rounded up to the next €100.
 * RSA and AAH are not taxable income (CCH R. 822-4 counts the net incomes retained for income tax).
 */
export function annualResourcesCents(resources: MonthlyResourcesByKind): Cents {
  const monthly = resources.wages + resources.pension + resources.other;
  return divideRounded(12 * monthly, 10_000, "ceil") * 10_000;
}

function byHousehold(
  scale: Scale,
  prefix: "plafond.I" | "plafond.II" | "plafond.III" | "lr",
  couple: boolean,
  dependants: number,
): Cents {
  if (dependants === 0) return scale[`${prefix}.${couple ? "couple" : "single"}`];
  return scale[`${prefix}.one_dependant`] + (dependants - 1) * scale[`${prefix}.per_extra_dependant`];
}

function familyRatePpm(scale: Scale, couple: boolean, dependants: number): number {
  if (dependants === 0) return couple ? scale["tf.couple"] : scale["tf.single"];
  if (dependants <= 6) return scale[`tf.dependants_${dependants as 1 | 2 | 3 | 4 | 5 | 6}`];
  return scale["tf.dependants_6"] + (dependants - 6) * scale["tf.per_extra_dependant"];
}

function abatementCents(scale: Scale, couple: boolean, dependants: number): Cents {
  if (dependants === 0) return couple ? scale["r0.couple"] : scale["r0.single"];
  if (dependants <= 6) return scale[`r0.dependants_${dependants as 1 | 2 | 3 | 4 | 5 | 6}`];
  return scale["r0.dependants_6"] + (dependants - 6) * scale["r0.per_extra_dependant"];
}

export type EstimateInput = {
  rentCents: Cents;
  zone: HousingBenefitZone | null;
  household: Household;
  resources: MonthlyResourcesByKind;
};

export type EstimateDetail = {
  zone: HousingBenefitZone;
  /** L: the rent retained, within the plafond */
  retainedRentCents: Cents;
  plafondCents: Cents;
  /** C: the forfait charges */
  chargesFlatCents: Cents;
  /** R: annual resources retained */
  annualResourcesCents: Cents;
  /** R0: annual abatement */
  abatementCents: Cents;
  p0Cents: Cents;
  /** RL in hundredths of a percent (10 000 = 100 %) */
  rentRatioHundredthsOfPercent: number;
  /** Tp = TF + TL in thousandths of a percent (2 830 = 2,830 %) */
  participationRateThousandthsOfPercent: number;
  /** Pp */
  personalParticipationCents: Cents;
  /** L + C − Pp, before degressivity, the reduction and the threshold */
  beforeAdjustmentsCents: Cents;
  degressivityApplied: boolean;
  reductionCents: Cents;
  belowThreshold: boolean;
};

export type HousingBenefitEstimate =
  | { computable: true; amountCents: Cents; detail: EstimateDetail }
  | {
      computable: false;
      amountCents: 0;
      reason: "zone_unknown" | "scale_incomplete";
      missing: ParameterKey[];
    };

export function estimateHousingBenefit(
  input: EstimateInput,
  scale: Scale | null,
  missing: ParameterKey[] = [],
): HousingBenefitEstimate {
  if (!scale) return { computable: false, amountCents: 0, reason: "scale_incomplete", missing };
  if (!input.zone) return { computable: false, amountCents: 0, reason: "zone_unknown", missing: [] };
  const zone = input.zone;
  const { couple, dependants } = householdOf(input.household);

  // L and C (D. 823-16; arrêté art. 7 and 9)
  const plafondCents = byHousehold(scale, `plafond.${zone}`, couple, dependants);
  const retainedRentCents = Math.min(input.rentCents, plafondCents);
  const chargesFlatCents = scale["charges.base"] + dependants * scale["charges.per_dependant"];
  const expense = retainedRentCents + chargesFlatCents;

  // P0 = max(rate × (L + C), minimum) (arrêté art. 13)
  const p0Cents = Math.max(
    scale["p0.minimum"],
    divideRounded(expense * scale["p0.rate"], 1_000_000, "half-up"),
  );

  // RL = L / LR in percent, rounded to the second decimal (arrêté art. 14, 2°)
  const referenceRent = byHousehold(scale, "lr", couple, dependants);
  const rl = divideRounded(retainedRentCents * 10_000, referenceRent, "half-up"); // hundredths of %
  // TL by bands of RL, in percent rounded to the third decimal. With RL in hundredths of % and the
  // rates in ppm, rate × (RL − threshold) in thousandths of % is rate_ppm × ΔRL × 10 / 10⁶.
  const t1 = scale["tl.threshold_1"] / 100; // ppm → hundredths of %
  const t2 = scale["tl.threshold_2"] / 100;
  const band = (from: number, to: number) => Math.max(0, Math.min(rl, to) - from);
  const tlNumerator =
    scale["tl.rate_1"] * band(0, t1) +
    scale["tl.rate_2"] * band(t1, t2) +
    scale["tl.rate_3"] * band(t2, Number.POSITIVE_INFINITY);
  const tl = divideRounded(tlNumerator * 10, 1_000_000, "half-up");
  const tf = divideRounded(familyRatePpm(scale, couple, dependants), 10, "half-up"); // ppm → thousandths of %
  const tp = tf + tl;

  // Pp = P0 + Tp × (R − R0), R and R0 annual (D. 823-17): the product is the monthly participation
  const annualResources = annualResourcesCents(input.resources);
  const abatement = abatementCents(scale, couple, dependants);
  const participation =
    p0Cents + divideRounded(tp * Math.max(0, annualResources - abatement), 100_000, "half-up");

  const beforeAdjustments = Math.max(0, expense - participation);

  // Degressivity above the first high-rent threshold, nothing above the second (arrêté art. 10)
  const start = divideRounded(plafondCents * scale[`degressivity.${zone}.start`], 1_000_000, "half-up");
  const end = divideRounded(plafondCents * scale[`degressivity.${zone}.end`], 1_000_000, "half-up");
  let amount = beforeAdjustments;
  let degressivityApplied = false;
  if (input.rentCents > start && end > start) {
    degressivityApplied = true;
    amount =
      input.rentCents >= end
        ? 0
        : divideRounded(beforeAdjustments * (end - input.rentCents), end - start, "floor");
  }
  // The monthly flat reduction (arrêté art. 11), then the payment threshold (art. 12). The AL
  // threshold (€10) is applied whatever the flat: an APL flat has none, so the estimate may only
  // understate, never promise an amount the CAF would not pay.
  const reductionCents = Math.min(amount, scale["reduction.flat"]);
  amount -= reductionCents;
  const belowThreshold = amount > 0 && amount < scale["threshold.al"];
  if (belowThreshold) amount = 0;

  return {
    computable: true,
    amountCents: amount,
    detail: {
      zone,
      retainedRentCents,
      plafondCents,
      chargesFlatCents,
      annualResourcesCents: annualResources,
      abatementCents: abatement,
      p0Cents,
      rentRatioHundredthsOfPercent: rl,
      participationRateThousandthsOfPercent: tp,
      personalParticipationCents: participation,
      beforeAdjustmentsCents: beforeAdjustments,
      degressivityApplied,
      reductionCents,
      belowThreshold,
    },
  };
}

/** Which benefit figure a residual-rent check uses: the CAF's notified amount once recorded, else the estimate. */
export type BenefitBasis = "notified" | "estimate" | "unavailable";

export type BenefitFigure = {
  cents: Cents;
  basis: BenefitBasis;
  /** why no estimate could be made (basis "unavailable"): the zone or a parameter is missing */
  unavailableReason: "zone_unknown" | "scale_incomplete" | null;
};

export function benefitFigure(
  notified: { cents: Cents } | null,
  estimate: HousingBenefitEstimate,
): BenefitFigure {
  if (notified) return { cents: notified.cents, basis: "notified", unavailableReason: null };
  if (estimate.computable) return { cents: estimate.amountCents, basis: "estimate", unavailableReason: null };
  return { cents: 0, basis: "unavailable", unavailableReason: estimate.reason };
}

/**
 * An upper bound of the estimate for this household, flat by flat: for a flat of rent r in zone z
 * the estimate is at most max(0, min(r, plafond_z) + offset) (benefitUpperBound), where the offset
 * is C less the smallest participation — P0 at its minimum, TL at 0, TF rounded down — and less
 * the monthly flat reduction (which takes off min(amount, reduction), so never more). Degressivity
 * and the payment threshold only lower the amount. A flat whose zone is unknown gets no estimate
 * (0, benefitFigure). The ranked list's database pre-filter scores each flat with it, so its bound
 * stays above every flat's exact score. `null` without a complete barème (every estimate is 0).
 */
export type BenefitUpperBound = {
  plafondByZone: Readonly<Record<HousingBenefitZone, Cents>>;
  offsetCents: Cents;
};

export function estimateUpperBound(
  household: Household,
  resources: MonthlyResourcesByKind,
  scale: Scale | null,
): BenefitUpperBound | null {
  if (!scale) return null;
  const { couple, dependants } = householdOf(household);
  const charges = scale["charges.base"] + dependants * scale["charges.per_dependant"];
  const tf = divideRounded(familyRatePpm(scale, couple, dependants), 10, "floor");
  const participation =
    scale["p0.minimum"] +
    divideRounded(
      tf * Math.max(0, annualResourcesCents(resources) - abatementCents(scale, couple, dependants)),
      100_000,
      "floor",
    );
  const plafond = (zone: HousingBenefitZone) => byHousehold(scale, `plafond.${zone}`, couple, dependants);
  return {
    plafondByZone: { I: plafond("I"), II: plafond("II"), III: plafond("III") },
    offsetCents: charges - participation - scale["reduction.flat"],
  };
}

/** The bound of one flat's estimate (estimateUpperBound); 0 where the zone is unknown. */
export function benefitUpperBound(
  bound: BenefitUpperBound,
  flat: { rentCents: Cents; zone: HousingBenefitZone | null },
): Cents {
  if (!flat.zone) return 0;
  return Math.max(0, Math.min(flat.rentCents, bound.plafondByZone[flat.zone]) + bound.offsetCents);
}

const SHORT_MONTHS: Readonly<Record<string, string>> = {
  janvier: "janv.",
  février: "févr.",
  mars: "mars",
  avril: "avr.",
  mai: "mai",
  juin: "juin",
  juillet: "juil.",
  août: "août",
  septembre: "sept.",
  octobre: "oct.",
  novembre: "nov.",
  décembre: "déc.",
};

/**
 * The short French name of a barème value's source, for a narrow column: the text that names
 * it («Arrêté du 27 septembre 2019, art. 14, 1° (TF) (LEGIARTI…)» → «Arrêté du 27 sept. 2019»);
 * the full reference stays next to it. A source that names no dated text is kept whole.
 */
export function sourceShortLabel(source: string): string {
  const dated =
    /^((?:arrêté|décret|loi|ordonnance|circulaire)[^,;(]*?\bdu (?:1er|\d{1,2}) (\p{L}+) (\d{4}))/iu.exec(
      source.trim(),
    );
  if (!dated) return source.length > 40 ? `${source.slice(0, 39).trimEnd()}…` : source;
  const month = dated[2]!.toLowerCase();
  const text = dated[1]!.replace(dated[2]!, SHORT_MONTHS[month] ?? dated[2]!);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

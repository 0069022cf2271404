import { addDays, compareDates, daysBetween, formatFrenchDate, type IsoDate } from "../../lib/dates";
import { formatBasisPoints, formatEuros } from "../../lib/money";
import { prefectInformationStatus } from "../leases/sliding.rules";
import { residualRent } from "../matching/residual-rent.rules";
import { daysWithoutDecision, isPanelExpired } from "../panels/panels.rules";
import {
  offerDuty,
  type PanelFact,
  arsNotificationDue,
  countedSuspensions,
  reentryRightEndingSoon,
  reentryRightEndsOn,
  reentryRightLapsed,
} from "../persons/persons.rules";

export const ALERT_KINDS = [
  "first_offer_overdue",
  "first_offer_due_soon",
  "reoffer_overdue",
  "reoffer_due_soon",
  "panel_without_decision",
  "panel_expired",
  "reentry_right_ending",
  "suspensions_above_threshold",
  "reentry_right_lapsed",
  "effort_rate_above_ceiling",
  "tenancy_risk_overdue",
  "tenancy_risk_due_soon",
  "prefect_information_due",
  "prefect_information_late",
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** What each alert is called on the officers' screen. */
export const ALERT_KIND_LABELS: Readonly<Record<AlertKind, string>> = {
  first_offer_overdue: "Première proposition en retard",
  first_offer_due_soon: "Première proposition à faire",
  reoffer_overdue: "Nouvelle proposition en retard",
  reoffer_due_soon: "Nouvelle proposition à faire",
  panel_without_decision: "Proposition sans décision",
  panel_expired: "Proposition échue",
  reentry_right_ending: "Droit au retour bientôt échu",
  suspensions_above_threshold: "Suspensions au-delà du seuil",
  reentry_right_lapsed: "Droit au retour échu : examen de sortie",
  effort_rate_above_ceiling: "Taux d'effort au-dessus du plafond",
  tenancy_risk_overdue: "Maintien dans le logement : action en retard",
  tenancy_risk_due_soon: "Maintien dans le logement : échéance proche",
  prefect_information_due: "Bail glissant : informer le préfet",
  prefect_information_late: "Bail glissant : information du préfet en retard",
};

export type Alert = {
  kind: AlertKind;
  severity: "critical" | "warning";
  message: string;
  personId: string | null;
  panelId: string | null;
  dueDate: IsoDate | null;
  details: Record<string, number | string | null>;
};

export type AlertInput = {
  today: IsoDate;
  capacity: number;
  firstOfferDeadlineWeeks: number;
  reofferDeadlineWeeks: number;
  ceilingBasisPoints: number;
  /** the latest «ARS informée» step, if any */
  lastArsNotice: { informedOn: IsoDate; suspendedCount: number } | null;
  /** people whose exit review is under way */
  exitReviewPersonIds: readonly string[];
  /** open panels without decision for this many days raise an alert */
  panelStaleDays: number;
  persons: {
    id: string;
    name: string;
    status: string;
    entryDate: IsoDate;
    suspendedOn: IsoDate | null;
    relocationRequested: boolean;
    /** the panels of the current admission */
    panels: PanelFact[];
  }[];
  openPanels: { id: string; personId: string; personName: string; proposedOn: IsoDate; expiresOn: IsoDate }[];
  /** housed people with the rent they pay (signed lease, or the accepted offer until the lease exists) */
  housed: {
    personId: string;
    name: string;
    rentCents: number;
    chargesCents: number;
    housingBenefitCents: number;
    resourcesCents: number;
    source: "lease" | "accepted_offer";
  }[];
  /**
   * The open tenancy risks of the keeping register, with the register's own alert level
   * (keeping.rules riskAlert) and the dates behind it.
   */
  tenancyRisks: {
    riskId: string;
    personId: string | null;
    personName: string | null;
    address: string;
    alert: "closed" | "overdue" | "due_soon" | "open";
    /** undone actions, with their due dates */
    pendingActions: { action: string; dueOn: IsoDate }[];
    preventionDeadline: IsoDate | null;
  }[];
  /** sliding sub-leases in force whose head-lease landlord is a social landlord (CCH L.442-8-3) */
  socialSlidingLeases?: {
    leaseId: string;
    personId: string | null;
    personName: string | null;
    targetDate: IsoDate | null;
    prefectInformedOn: IsoDate | null;
  }[];
};

const SEVERITY_ORDER = { critical: 0, warning: 1 } as const;

/** The deadlines and programme thresholds an officer must act on today, most urgent first. */
export function buildAlerts(input: AlertInput): Alert[] {
  const alerts: Alert[] = [];
  const { today } = input;

  // cahier des charges §8.3.2: a first offer within 8 weeks of day 1, another one if it did not suit
  for (const person of input.persons) {
    if (person.status !== "waiting" && person.status !== "offered" && person.status !== "housed") continue;
    const duty = offerDuty({
      entryDate: person.entryDate,
      deadlineWeeks: input.firstOfferDeadlineWeeks,
      reofferWeeks: input.reofferDeadlineWeeks,
      today,
      panels: person.panels,
      awaitingOffer:
        person.status === "waiting" || (person.status === "housed" && person.relocationRequested),
    });
    if (person.status !== "housed" && duty.state === "overdue") {
      alerts.push({
        kind: "first_offer_overdue",
        severity: "critical",
        message: `${person.name} : aucune proposition depuis le jour 1 (${formatFrenchDate(person.entryDate)}), échéance dépassée de ${duty.daysLate} jour(s)`,
        personId: person.id,
        panelId: null,
        dueDate: duty.firstOfferDeadline,
        details: { daysLate: duty.daysLate },
      });
    } else if (person.status !== "housed" && duty.state === "due_soon") {
      alerts.push({
        kind: "first_offer_due_soon",
        severity: "warning",
        message: `${person.name} : première proposition à faire avant le ${formatFrenchDate(duty.firstOfferDeadline)} (${duty.daysLeft} jour(s))`,
        personId: person.id,
        panelId: null,
        dueDate: duty.firstOfferDeadline,
        details: { daysLeft: duty.daysLeft },
      });
    }
    const reoffer = duty.reoffer;
    if (reoffer?.state === "overdue") {
      alerts.push({
        kind: "reoffer_overdue",
        severity: "critical",
        message: `${person.name} : aucune nouvelle proposition depuis le refus ou l'expiration du ${formatFrenchDate(reoffer.since)}, échéance du ${formatFrenchDate(reoffer.deadline)} dépassée de ${reoffer.daysLate} jour(s)`,
        personId: person.id,
        panelId: null,
        dueDate: reoffer.deadline,
        details: { daysLate: reoffer.daysLate, since: reoffer.since },
      });
    } else if (reoffer?.state === "due_soon") {
      alerts.push({
        kind: "reoffer_due_soon",
        severity: "warning",
        message: `${person.name} : nouvelle proposition à faire avant le ${formatFrenchDate(reoffer.deadline)} (${reoffer.daysLeft} jour(s)) après le refus ou l'expiration du ${formatFrenchDate(reoffer.since)}`,
        personId: person.id,
        panelId: null,
        dueDate: reoffer.deadline,
        details: { daysLeft: reoffer.daysLeft, since: reoffer.since },
      });
    }
  }

  for (const panel of input.openPanels) {
    const waited = daysWithoutDecision(panel.proposedOn, today);
    if (isPanelExpired(panel.expiresOn, today)) {
      alerts.push({
        kind: "panel_expired",
        severity: "critical",
        message: `Proposition à ${panel.personName} expirée le ${formatFrenchDate(addDays(panel.expiresOn, 1))} : lancer l'expiration pour libérer les logements`,
        personId: panel.personId,
        panelId: panel.id,
        dueDate: panel.expiresOn,
        details: { daysWithoutDecision: waited },
      });
    } else if (waited >= input.panelStaleDays) {
      alerts.push({
        kind: "panel_without_decision",
        severity: "warning",
        message: `Proposition à ${panel.personName} sans décision depuis ${waited} jours (expire le ${formatFrenchDate(panel.expiresOn)})`,
        personId: panel.personId,
        panelId: panel.id,
        dueDate: panel.expiresOn,
        details: { daysWithoutDecision: waited },
      });
    }
  }

  // cahier des charges §8.5.2: re-entry at once within six months of the suspension
  const suspended = input.persons.filter((person) => person.status === "suspended" && person.suspendedOn);
  const reviewing = new Set(input.exitReviewPersonIds);
  for (const person of suspended) {
    const ends = reentryRightEndsOn(person.suspendedOn!);
    if (reentryRightLapsed(person.suspendedOn!, today)) {
      // the right lapsed: the exit is to be examined on the criteria of §8.5.2
      if (reviewing.has(person.id)) continue;
      alerts.push({
        kind: "reentry_right_lapsed",
        severity: "critical",
        message: `${person.name} : le droit de réintégration immédiate a pris fin le ${formatFrenchDate(ends)} : ouvrir l'examen de sortie`,
        personId: person.id,
        panelId: null,
        dueDate: ends,
        details: { daysSince: daysBetween(ends, today) },
      });
      continue;
    }
    if (!reentryRightEndingSoon(person.suspendedOn!, today)) continue;
    alerts.push({
      kind: "reentry_right_ending",
      severity: "warning",
      message: `${person.name} : le droit de réintégration immédiate prend fin le ${formatFrenchDate(ends)}`,
      personId: person.id,
      panelId: null,
      dueDate: ends,
      details: { daysLeft: daysBetween(today, ends) },
    });
  }
  // past six months a suspension no longer counts: the person re-enters only by a new admission
  const counted = countedSuspensions(suspended, today).length;
  if (arsNotificationDue(counted, input.capacity, input.lastArsNotice)) {
    const told = input.lastArsNotice
      ? ` (dernière information le ${formatFrenchDate(input.lastArsNotice.informedOn)} pour ${input.lastArsNotice.suspendedCount})`
      : "";
    alerts.push({
      kind: "suspensions_above_threshold",
      severity: "critical",
      message: `${counted} accompagnements suspendus pour une capacité de ${input.capacity} : au-delà de 10 %, l'ARS doit être informée sans délai${told}`,
      personId: null,
      panelId: null,
      dueDate: null,
      details: { suspended: counted, capacity: input.capacity },
    });
  }

  // cahier des charges §8.11: residual rent ≤ 30% of resources once housed
  for (const housed of input.housed) {
    const figures = residualRent({
      rentCents: housed.rentCents,
      chargesCents: housed.chargesCents,
      housingBenefitCents: housed.housingBenefitCents,
      resourcesCents: housed.resourcesCents,
      ceilingBasisPoints: input.ceilingBasisPoints,
    });
    if (!figures.aboveCeiling) continue;
    alerts.push({
      kind: "effort_rate_above_ceiling",
      severity: "warning",
      message:
        `${housed.name} : reste à charge de ${formatEuros(figures.residualCents)} ` +
        (figures.effortRateBasisPoints === null
          ? "sans ressources déclarées"
          : `soit ${formatBasisPoints(figures.effortRateBasisPoints)} des ressources`) +
        ` : complément de loyer de ${formatEuros(figures.complementCents)} par mois`,
      personId: housed.personId,
      panelId: null,
      dueDate: null,
      details: {
        residualCents: figures.residualCents,
        effortRateBasisPoints: figures.effortRateBasisPoints,
        complementCents: figures.complementCents,
        source: housed.source,
      },
    });
  }

  // keeping the tenancy (cahier des charges §8.5.1): actions decided on a risk, and the
  // prevention deadlines before any eviction, are followed up like the offer duties
  for (const risk of input.tenancyRisks) {
    if (risk.alert !== "overdue" && risk.alert !== "due_soon") continue;
    const dates = [
      ...risk.pendingActions.map((a) => a.dueOn),
      ...(risk.preventionDeadline ? [risk.preventionDeadline] : []),
    ];
    const earliest = dates.sort(compareDates)[0] ?? null;
    const late = risk.pendingActions.filter((a) => compareDates(a.dueOn, today) < 0);
    const who = risk.personName ? `${risk.personName} (${risk.address})` : risk.address;
    const what =
      late.length > 0
        ? late.map((a) => `« ${a.action} » prévue le ${formatFrenchDate(a.dueOn)}`).join(", ")
        : risk.preventionDeadline && compareDates(risk.preventionDeadline, today) < 0
          ? `échéance de prévention du ${formatFrenchDate(risk.preventionDeadline)} dépassée`
          : `échéance le ${formatFrenchDate(earliest!)}`;
    alerts.push({
      kind: risk.alert === "overdue" ? "tenancy_risk_overdue" : "tenancy_risk_due_soon",
      severity: risk.alert === "overdue" ? "critical" : "warning",
      message: `${who} : ${what}`,
      personId: risk.personId,
      panelId: null,
      dueDate: earliest,
      details: { riskId: risk.riskId, lateActions: late.length },
    });
  }

  // CCH L.442-8-3: the social landlord informs the préfet two months before the review period ends
  for (const lease of input.socialSlidingLeases ?? []) {
    const status = prefectInformationStatus({
      socialLandlord: true,
      targetDate: lease.targetDate,
      informedOn: lease.prefectInformedOn,
      today,
    });
    if (!status.required || (status.state !== "due" && status.state !== "late")) continue;
    const late = status.state === "late";
    alerts.push({
      kind: late ? "prefect_information_late" : "prefect_information_due",
      severity: late ? "critical" : "warning",
      message: `${lease.personName ?? "Bail glissant"} : le bailleur social informe le préfet au plus tard le ${formatFrenchDate(status.dueOn)}, deux mois avant la fin de la période de révision (${formatFrenchDate(lease.targetDate!)})`,
      personId: lease.personId,
      panelId: null,
      dueDate: status.dueOn,
      details: { leaseId: lease.leaseId },
    });
  }

  return alerts.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999") ||
      a.kind.localeCompare(b.kind),
  );
}

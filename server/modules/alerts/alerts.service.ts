import { AppError } from "../../lib/errors";
import type { AppDeps } from "../../lib/hono";
import type { Actor } from "../auth/actor";
import { totalResources } from "../matching/residual-rent.rules";
import { admissionPanelFacts, findProgrammeParameters } from "../persons/persons.queries";
import { findPendingExitReviews, latestArsNotification } from "../programme/programme.queries";
import {
  findAcceptedOffers,
  findActivePersons,
  findLeasesInForce,
  findOpenPanels,
  findSocialSlidingLeases,
} from "./alerts.queries";
import { nextPreventionDeadline } from "../keeping/keeping.rules";
import { riskRegister } from "../keeping/keeping.service";
import { type AlertInput, buildAlerts } from "./alerts.rules";

/** Default: an open panel without decision for 14 days is flagged (before it expires). */
export const DEFAULT_PANEL_STALE_DAYS = 14;

export async function listAlerts(deps: AppDeps, actor: Actor, options: { panelStaleDays?: number }) {
  const db = deps.database.db;
  const organisationId = actor.organisationId;
  const parameters = await findProgrammeParameters(db, organisationId);
  if (!parameters) throw AppError.notFound("Organisation", organisationId);
  const people = await findActivePersons(db, organisationId);
  const panelFacts = await admissionPanelFacts(db, organisationId);
  const panels = await findOpenPanels(db, organisationId);
  const housedPeople = people.filter((person) => person.status === "housed");
  const housedIds = housedPeople.map((person) => person.id);
  const leaseByPerson = new Map<string, Awaited<ReturnType<typeof findLeasesInForce>>[number]>();
  for (const lease of await findLeasesInForce(db, organisationId, housedIds))
    if (lease.personId && !leaseByPerson.has(lease.personId)) leaseByPerson.set(lease.personId, lease);
  const offerByPerson = new Map<string, Awaited<ReturnType<typeof findAcceptedOffers>>[number]>();
  for (const offer of await findAcceptedOffers(db, organisationId, housedIds))
    if (!offerByPerson.has(offer.personId)) offerByPerson.set(offer.personId, offer);
  const names = new Map(people.map((person) => [person.id, `${person.firstName} ${person.lastName}`]));

  const housed: AlertInput["housed"] = [];
  for (const person of housedPeople) {
    const lease = leaseByPerson.get(person.id);
    const offer = offerByPerson.get(person.id);
    const resourcesCents = totalResources(person.resources);
    if (lease) {
      housed.push({
        personId: person.id,
        name: names.get(person.id)!,
        rentCents: lease.rentCents,
        chargesCents: lease.chargesCents,
        housingBenefitCents: lease.housingBenefitCents,
        resourcesCents,
        source: "lease",
      });
    } else if (offer) {
      housed.push({
        personId: person.id,
        name: names.get(person.id)!,
        rentCents: offer.figures.rentCents,
        chargesCents: offer.figures.chargesCents,
        housingBenefitCents: person.housingBenefitCents,
        resourcesCents,
        source: "accepted_offer",
      });
    }
  }

  const keeping = await riskRegister({ db, clock: deps.clock, actor, requestId: null }, { openOnly: true });

  return buildAlerts({
    today: deps.clock.today(),
    capacity: parameters.capacity,
    firstOfferDeadlineWeeks: parameters.firstOfferDeadlineWeeks,
    reofferDeadlineWeeks: parameters.reofferDeadlineWeeks,
    ceilingBasisPoints: parameters.residualRentCeilingBasisPoints,
    panelStaleDays: options.panelStaleDays ?? DEFAULT_PANEL_STALE_DAYS,
    lastArsNotice: await latestArsNotification(db, organisationId),
    exitReviewPersonIds: (await findPendingExitReviews(db, organisationId)).map((review) => review.personId),
    persons: people.map((person) => ({
      id: person.id,
      name: names.get(person.id)!,
      status: person.status,
      entryDate: person.entryDate,
      suspendedOn: person.suspendedOn,
      relocationRequested: person.relocationRequested,
      panels: panelFacts.get(person.id) ?? [],
    })),
    openPanels: panels.map((panel) => ({
      id: panel.id,
      personId: panel.personId,
      personName: names.get(panel.personId) ?? "",
      proposedOn: panel.proposedOn,
      expiresOn: panel.expiresOn,
    })),
    housed,
    socialSlidingLeases: (await findSocialSlidingLeases(db, organisationId)).map((lease) => ({
      leaseId: lease.leaseId,
      personId: lease.personId,
      personName: lease.firstName ? `${lease.firstName} ${lease.lastName}` : null,
      targetDate: lease.targetDate,
      prefectInformedOn: lease.prefectInformedOn,
    })),
    tenancyRisks: keeping.items.map((risk) => ({
      riskId: risk.id,
      personId: risk.personId,
      personName: risk.personName,
      address: risk.address,
      alert: risk.alert,
      pendingActions: risk.actions
        .filter((action) => action.doneOn === null)
        .map((action) => ({ action: action.action, dueOn: action.dueOn })),
      preventionDeadline: nextPreventionDeadline(risk.steps),
    })),
  });
}

/**
 * The capture pipeline of a unit as an explicit state machine.
 *
 *   prospect → visit_scheduled → visited → agreed → available → reserved → let → notice_given
 *   → vacant → works → available …, and withdrawn (the flat goes back to its landlord).
 *
 * The table is the whole truth: a transition not listed here is illegal (409 ILLEGAL_TRANSITION).
 * Guards that need facts (décence checklist, DPE, formula, scatter caps) live in the service.
 */
export const UNIT_STATUSES = [
  "prospect",
  "visit_scheduled",
  "visited",
  "agreed",
  "available",
  "reserved",
  "let",
  "notice_given",
  "vacant",
  "works",
  "withdrawn",
] as const;

export type UnitStatus = (typeof UNIT_STATUSES)[number];

/** The words an officer reads for each status, in messages from the API and on every page. */
export const UNIT_STATUS_LABELS: Readonly<Record<UnitStatus, string>> = {
  prospect: "Prospection",
  visit_scheduled: "Visite prévue",
  visited: "Visité",
  agreed: "Accord propriétaire",
  available: "Disponible",
  reserved: "Réservé (proposition)",
  let: "Loué",
  notice_given: "Congé donné",
  vacant: "Vacant",
  works: "Travaux",
  withdrawn: "Retiré",
};

export const PIPELINE_TRANSITIONS: Readonly<Record<UnitStatus, readonly UnitStatus[]>> = {
  // a landlord offers a flat; the officer schedules a visit, or the landlord changes their mind
  prospect: ["visit_scheduled", "withdrawn"],
  // the visit happens (décence checked), or is cancelled and rescheduled later
  visit_scheduled: ["visited", "prospect", "withdrawn"],
  // terms agreed with the landlord (capture formula chosen, contract to sign)
  visited: ["agreed", "withdrawn"],
  agreed: ["available", "withdrawn"],
  // offered in a panel (reserved), or taken off the market for works
  available: ["reserved", "works", "withdrawn"],
  // the person accepts (let) or the panel closes without them (back to available)
  reserved: ["let", "available"],
  // the tenant gives notice, or the contract ends without one (résiliation judiciaire, décès,
  // abandon du logement — loi 89-462 art. 14 and 24; a relocation ending the contract): vacant at once
  let: ["notice_given", "vacant"],
  // the notice runs out (vacant) or is withdrawn by the tenant (let again)
  notice_given: ["vacant", "let"],
  // a vacant flat may be offered straight away (reserved in a panel): filling it saves the head-lease
  // rent the operator pays while it stands empty (vacancy cost); or works, or back on the market
  vacant: ["reserved", "works", "available", "withdrawn"],
  works: ["available", "withdrawn"],
  // the landlord offers the flat again: the capture starts over
  withdrawn: ["prospect"],
};

export function allowedNextStatuses(from: UnitStatus): readonly UnitStatus[] {
  return PIPELINE_TRANSITIONS[from];
}

export function isTransitionAllowed(from: UnitStatus, to: UnitStatus): boolean {
  return PIPELINE_TRANSITIONS[from].includes(to);
}

/** Statuses in which a flat is in the operator's captured stock (capture statistics). */
export const CAPTURED_STATUSES: readonly UnitStatus[] = [
  "agreed",
  "available",
  "reserved",
  "let",
  "notice_given",
  "vacant",
  "works",
];

/**
 * Statuses in which a unit was never captured (no agreement, no contract): it may be deleted
 * outright. Once captured, its history counts for vacancy and the yearly figures: it is withdrawn.
 */
const DELETABLE_STATUSES: readonly UnitStatus[] = ["prospect", "visit_scheduled", "visited", "withdrawn"];

export function isDeletableStatus(status: UnitStatus): boolean {
  return DELETABLE_STATUSES.includes(status);
}

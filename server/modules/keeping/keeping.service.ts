import type { z } from "@hono/zod-openapi";
import { formatFrenchDate } from "../../lib/dates";
import { AppError } from "../../lib/errors";
import { inUseCaseTransaction, type UseCaseContext } from "../../lib/use-case-context";
import { renderBlocksToPdf } from "../documents/pdf-renderer";
import type { Block } from "../documents/template-language";
import { isTenantContract } from "../leases/leases.rules";
import { findOrganisation } from "../organisations/organisations.queries";
import {
  actionsOf,
  closeRisk,
  findAction,
  findLandlord,
  findMeeting,
  findRisk,
  findTenancy,
  insertAction,
  insertMeeting,
  insertRelocation,
  insertRisk,
  insertStep,
  listMeetings,
  listRelocations,
  listRisks,
  markActionDone,
  openRelocationOf,
  setRelocationRequested,
  stepsOf,
} from "./keeping.queries";
import {
  actionOverdue,
  agendaForLandlord,
  keepingDateProblems,
  preventionDeadline,
  riskAlert,
} from "./keeping.rules";
import type {
  CloseRiskBody,
  CompleteActionBody,
  CreateActionBody,
  CreateMeetingBody,
  CreateRelocationBody,
  CreateRiskBody,
  CreateStepBody,
} from "./keeping.schemas";

function checkDate(date: string, path: string, notBefore: string, notBeforeLabel: string, today: string) {
  const problems = keepingDateProblems(date, path, { notBefore, today, notBeforeLabel });
  if (problems.length > 0) throw AppError.validation(problems, problems[0]?.message);
}

/** The register of tenancy risks, each with its actions, its prevention steps and its alert. */
export async function riskRegister(
  ctx: UseCaseContext,
  filter: { openOnly?: boolean; riskIds?: string[] } = {},
) {
  const organisationId = ctx.actor.organisationId;
  const today = ctx.clock.today();
  const rows = await listRisks(ctx.db, organisationId, filter);
  const ids = rows.map((row) => row.risk.id);
  const [actions, steps] = await Promise.all([
    actionsOf(ctx.db, organisationId, ids),
    stepsOf(ctx.db, organisationId, ids),
  ]);
  let overdueActions = 0;
  const items = rows.map((row) => {
    const own = actions.filter((action) => action.riskId === row.risk.id);
    const ownSteps = steps.filter((step) => step.riskId === row.risk.id);
    const actionViews = own.map((action) => {
      const overdue = row.risk.closedOn === null && actionOverdue(action, today);
      if (overdue) overdueActions++;
      return {
        id: action.id,
        riskId: action.riskId,
        action: action.action,
        owner: action.owner,
        dueOn: action.dueOn,
        doneOn: action.doneOn,
        overdue,
      };
    });
    return {
      id: row.risk.id,
      leaseId: row.risk.leaseId,
      kind: row.risk.kind,
      noticedOn: row.risk.noticedOn,
      reportedBy: row.risk.reportedBy,
      facts: row.risk.facts,
      closedOn: row.risk.closedOn,
      outcome: row.risk.outcome,
      alert: riskAlert(row.risk, own, ownSteps, today),
      unitId: row.unitId,
      address: `${row.street}, ${row.postcode} ${row.city}${row.unitReference ? ` (${row.unitReference})` : ""}`,
      landlordId: row.landlordId,
      landlordName: row.landlordName,
      personId: row.personId,
      personName: row.personId ? `${row.firstName} ${row.lastName}` : null,
      actions: actionViews,
      steps: ownSteps.map(({ id, riskId, kind, stepOn, deadlineOn, reference }) => ({
        id,
        riskId,
        kind,
        stepOn,
        deadlineOn,
        reference,
      })),
    };
  });
  return { items, overdueActions };
}

async function riskView(ctx: UseCaseContext, riskId: string) {
  const { items } = await riskRegister(ctx, { riskIds: [riskId] });
  const item = items[0];
  if (!item) throw AppError.notFound("Risque", riskId);
  return item;
}

/** Records a risk to a tenancy (unpaid rent, neighbour trouble, damage, lack of upkeep, absence). */
export async function recordRisk(ctx: UseCaseContext, leaseId: string, body: z.infer<typeof CreateRiskBody>) {
  const organisationId = ctx.actor.organisationId;
  const today = ctx.clock.today();
  const id = await inUseCaseTransaction(ctx, async (tx, audit) => {
    const tenancy = await findTenancy(tx, organisationId, leaseId);
    if (!tenancy) throw AppError.notFound("Contrat", leaseId);
    if (!isTenantContract(tenancy.kind) || tenancy.status === "draft" || tenancy.status === "ended")
      throw new AppError(
        "LEASE_STATE_CONFLICT",
        "Un risque locatif se rattache à un contrat d'occupation signé et en cours",
      );
    checkDate(body.noticedOn, "json.noticedOn", tenancy.startDate, "le début du contrat", today);
    const row = await insertRisk(tx, {
      organisationId,
      leaseId,
      kind: body.kind,
      noticedOn: body.noticedOn,
      reportedBy: body.reportedBy,
      facts: body.facts || null,
      recordedByUserId: ctx.actor.userId,
    });
    await audit.record({
      action: "tenancy_risk.create",
      entityType: "lease",
      entityId: leaseId,
      after: { riskId: row.id, kind: row.kind, noticedOn: row.noticedOn, reportedBy: row.reportedBy },
    });
    return row.id;
  });
  return riskView(ctx, id);
}

async function requireOpenRisk(tx: UseCaseContext["db"], organisationId: string, riskId: string) {
  const risk = await findRisk(tx, organisationId, riskId, true);
  if (!risk) throw AppError.notFound("Risque", riskId);
  if (risk.closedOn) throw new AppError("CONFLICT", "Ce risque est clos");
  return risk;
}

export async function closeTenancyRisk(
  ctx: UseCaseContext,
  riskId: string,
  body: z.infer<typeof CloseRiskBody>,
) {
  const organisationId = ctx.actor.organisationId;
  await inUseCaseTransaction(ctx, async (tx, audit) => {
    const risk = await requireOpenRisk(tx, organisationId, riskId);
    checkDate(body.closedOn, "json.closedOn", risk.noticedOn, "la date du signalement", ctx.clock.today());
    await closeRisk(tx, organisationId, riskId, body);
    await audit.record({
      action: "tenancy_risk.close",
      entityType: "tenancy_risk",
      entityId: riskId,
      after: body,
    });
  });
  return riskView(ctx, riskId);
}

/** An action decided: who does what by when. The due date may be ahead; it is never before the risk. */
export async function addRiskAction(
  ctx: UseCaseContext,
  riskId: string,
  body: z.infer<typeof CreateActionBody>,
) {
  const organisationId = ctx.actor.organisationId;
  await inUseCaseTransaction(ctx, async (tx, audit) => {
    const risk = await requireOpenRisk(tx, organisationId, riskId);
    if (body.dueOn < risk.noticedOn)
      throw AppError.validation([
        { path: "json.dueOn", message: "L'échéance ne peut pas précéder le signalement" },
      ]);
    const row = await insertAction(tx, { organisationId, riskId, ...body });
    await audit.record({
      action: "risk_action.create",
      entityType: "tenancy_risk",
      entityId: riskId,
      after: { actionId: row.id, ...body },
    });
  });
  return riskView(ctx, riskId);
}

export async function completeRiskAction(
  ctx: UseCaseContext,
  actionId: string,
  body: z.infer<typeof CompleteActionBody>,
) {
  const organisationId = ctx.actor.organisationId;
  const riskId = await inUseCaseTransaction(ctx, async (tx, audit) => {
    const action = await findAction(tx, organisationId, actionId);
    if (!action) throw AppError.notFound("Action", actionId);
    if (action.doneOn) throw new AppError("CONFLICT", "Cette action est déjà faite");
    const risk = await findRisk(tx, organisationId, action.riskId);
    checkDate(
      body.doneOn,
      "json.doneOn",
      risk?.noticedOn ?? action.dueOn,
      "la date du signalement",
      ctx.clock.today(),
    );
    await markActionDone(tx, organisationId, actionId, body.doneOn);
    await audit.record({
      action: "risk_action.done",
      entityType: "risk_action",
      entityId: actionId,
      after: body,
    });
    return action.riskId;
  });
  return riskView(ctx, riskId);
}

/** A step of the prevention of evictions; a commandement de payer gets its legal deadline. */
export async function addPreventionStep(
  ctx: UseCaseContext,
  riskId: string,
  body: z.infer<typeof CreateStepBody>,
) {
  const organisationId = ctx.actor.organisationId;
  await inUseCaseTransaction(ctx, async (tx, audit) => {
    const risk = await requireOpenRisk(tx, organisationId, riskId);
    const tenancy = await findTenancy(tx, organisationId, risk.leaseId);
    checkDate(
      body.stepOn,
      "json.stepOn",
      tenancy?.startDate ?? risk.noticedOn,
      "le début du contrat",
      ctx.clock.today(),
    );
    if (body.deadlineOn && body.deadlineOn < body.stepOn)
      throw AppError.validation([
        { path: "json.deadlineOn", message: "L'échéance ne peut pas précéder l'étape" },
      ]);
    const deadlineOn = preventionDeadline(body.kind, body.stepOn, body.deadlineOn ?? null);
    const row = await insertStep(tx, {
      organisationId,
      riskId,
      kind: body.kind,
      stepOn: body.stepOn,
      deadlineOn,
      reference: body.reference || null,
    });
    await audit.record({
      action: "prevention_step.create",
      entityType: "tenancy_risk",
      entityId: riskId,
      after: { stepId: row.id, kind: row.kind, stepOn: row.stepOn, deadlineOn },
    });
  });
  return riskView(ctx, riskId);
}

type MeetingRow = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

async function meetingViews(ctx: UseCaseContext, rows: MeetingRow[], landlordId?: string) {
  const riskIds = [...new Set(rows.flatMap((row) => row.meeting.riskIds))];
  const risks = await listRisks(ctx.db, ctx.actor.organisationId, { riskIds, landlordId });
  const byId = new Map(
    risks.map((row) => [
      row.risk.id,
      {
        riskId: row.risk.id,
        kind: row.risk.kind,
        noticedOn: row.risk.noticedOn,
        closedOn: row.risk.closedOn,
        address: `${row.street}, ${row.postcode} ${row.city}`,
        landlordId: row.landlordId,
      },
    ]),
  );
  return rows.map(({ meeting, landlordName }) => {
    const agenda = meeting.riskIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    return {
      id: meeting.id,
      heldOn: meeting.heldOn,
      landlordId: meeting.landlordId,
      landlordName,
      attendees: meeting.attendees,
      agenda: agendaForLandlord(agenda, meeting.landlordId).map(({ landlordId: _l, ...item }) => item),
      decisions: meeting.decisions,
    };
  });
}

/**
 * A partner meeting with a landlord: its agenda holds only risks on that landlord's flats (the
 * minutes go to the landlord, who never reads about another landlord's tenants).
 */
export async function recordMeeting(ctx: UseCaseContext, body: z.infer<typeof CreateMeetingBody>) {
  const organisationId = ctx.actor.organisationId;
  const id = await inUseCaseTransaction(ctx, async (tx, audit) => {
    const landlord = await findLandlord(tx, organisationId, body.landlordId);
    if (!landlord) throw AppError.notFound("Propriétaire", body.landlordId);
    checkDate(body.heldOn, "json.heldOn", "1900-01-01", "1900", ctx.clock.today());
    const riskIds = [...new Set(body.riskIds)];
    const risks = await listRisks(tx, organisationId, { riskIds });
    const foreign = riskIds.filter((riskId) => {
      const risk = risks.find((row) => row.risk.id === riskId);
      return !risk || risk.landlordId !== body.landlordId;
    });
    if (foreign.length > 0)
      throw AppError.validation(
        foreign.map((riskId) => ({
          path: "json.riskIds",
          message: `Le risque ${riskId} ne concerne pas un logement de ce propriétaire`,
        })),
        "L'ordre du jour ne porte que sur les logements du propriétaire présent",
      );
    const row = await insertMeeting(tx, { organisationId, ...body, riskIds });
    await audit.record({
      action: "keeping_meeting.create",
      entityType: "landlord",
      entityId: body.landlordId,
      after: { meetingId: row.id, heldOn: row.heldOn, riskIds },
    });
    return row.id;
  });
  return meeting(ctx, id);
}

export async function meetings(ctx: UseCaseContext, landlordId?: string) {
  return meetingViews(ctx, await listMeetings(ctx.db, ctx.actor.organisationId, landlordId), landlordId);
}

export async function meeting(ctx: UseCaseContext, meetingId: string, landlordId?: string) {
  const row = await findMeeting(ctx.db, ctx.actor.organisationId, meetingId);
  if (!row || (landlordId && row.meeting.landlordId !== landlordId))
    throw AppError.notFound("Réunion", meetingId);
  const [view] = await meetingViews(ctx, [row], landlordId);
  if (!view) throw AppError.notFound("Réunion", meetingId);
  return view;
}

const riskKindLabels: Record<string, string> = {
  unpaid_rent: "Impayés de loyer",
  neighbour_trouble: "Troubles de voisinage",
  damage: "Dégradations",
  lack_of_upkeep: "Défaut d'entretien",
  long_absence: "Absence prolongée",
  other: "Autre",
};

/**
 * The minutes of a partner meeting as PDF: attendees, the agenda (flats and risks), the decisions;
 * saved as "compte-rendu-réunion-<date>-<reference>.pdf" (the first characters of the meeting's
 * identifier; no landlord's name in a file name).
 */
export async function meetingMinutesPdf(
  ctx: UseCaseContext,
  meetingId: string,
  landlordId?: string,
): Promise<{ pdf: Buffer; fileName: string }> {
  const view = await meeting(ctx, meetingId, landlordId);
  const organisation = await findOrganisation(ctx.db, ctx.actor.organisationId);
  const blocks: Block[] = [
    { type: "title", text: "Compte rendu de la réunion de maintien dans le logement" },
    { type: "subtitle", text: `${view.landlordName} — ${formatFrenchDate(view.heldOn)}` },
    { type: "heading", text: "Participants" },
    ...view.attendees.map((text) => ({ type: "bullet" as const, text })),
    { type: "heading", text: "Ordre du jour" },
    view.agenda.length > 0
      ? {
          type: "table",
          columns: [
            { label: "Logement", alignRight: false },
            { label: "Situation", alignRight: false },
            { label: "Signalée le", alignRight: false },
          ],
          rows: view.agenda.map((item) => [
            item.address,
            riskKindLabels[item.kind] ?? item.kind,
            formatFrenchDate(item.noticedOn),
          ]),
        }
      : { type: "paragraph", text: "Point général, sans situation particulière." },
    { type: "heading", text: "Décisions" },
    ...view.decisions.split(/\n+/).map((text) => ({ type: "paragraph" as const, text })),
    {
      type: "note",
      text: "Document confidentiel : il ne contient que des faits relatifs au logement, aucune donnée de santé ni de ressources.",
    },
  ];
  const pdf = await renderBlocksToPdf(
    [blocks],
    {
      organisationName: organisation?.name ?? "",
      organisationLines: [organisation?.postalAddress ?? organisation?.city ?? ""].filter(Boolean),
      documentTitle: "Compte rendu de réunion",
      versionLabel: `réunion du ${formatFrenchDate(view.heldOn)}`,
    },
    ctx.clock.now(),
  );
  const reference = meetingId.replace(/-/g, "").slice(0, 8).toUpperCase();
  return { pdf, fileName: `compte-rendu-réunion-${view.heldOn}-${reference}.pdf` };
}

/**
 * A relocation asked for: the person keeps their housing choices (the matching reads them), the
 * reason is a housing one, and the PDALHPD priority the préfet grants is dated (§8.5.1).
 */
export async function requestRelocation(
  ctx: UseCaseContext,
  leaseId: string,
  body: z.infer<typeof CreateRelocationBody>,
) {
  const organisationId = ctx.actor.organisationId;
  const today = ctx.clock.today();
  const id = await inUseCaseTransaction(ctx, async (tx, audit) => {
    const tenancy = await findTenancy(tx, organisationId, leaseId);
    if (!tenancy?.personId) throw AppError.notFound("Contrat", leaseId);
    if (!isTenantContract(tenancy.kind) || tenancy.status === "draft" || tenancy.status === "ended")
      throw new AppError("LEASE_STATE_CONFLICT", "Un relogement part d'un contrat d'occupation en cours");
    checkDate(body.requestedOn, "json.requestedOn", tenancy.startDate, "le début du contrat", today);
    if (body.pdalhpdPriorityOn)
      checkDate(
        body.pdalhpdPriorityOn,
        "json.pdalhpdPriorityOn",
        tenancy.startDate,
        "le début du contrat",
        today,
      );
    if (await openRelocationOf(tx, organisationId, tenancy.personId))
      throw new AppError("CONFLICT", "Un relogement est déjà en cours pour cette personne");
    if (body.riskId) {
      const risk = await findRisk(tx, organisationId, body.riskId);
      if (!risk || risk.leaseId !== leaseId)
        throw AppError.validation([{ path: "json.riskId", message: "Ce risque ne concerne pas ce contrat" }]);
    }
    const row = await insertRelocation(tx, {
      organisationId,
      personId: tenancy.personId,
      leaseId,
      riskId: body.riskId ?? null,
      requestedOn: body.requestedOn,
      reason: body.reason,
      pdalhpdPriority: Boolean(body.pdalhpdPriorityOn),
      pdalhpdPriorityOn: body.pdalhpdPriorityOn ?? null,
    });
    await setRelocationRequested(tx, organisationId, tenancy.personId, true);
    await audit.record({
      action: "relocation.request",
      entityType: "person",
      entityId: tenancy.personId,
      after: {
        relocationId: row.id,
        leaseId,
        requestedOn: row.requestedOn,
        pdalhpdPriority: row.pdalhpdPriority,
      },
    });
    return row.id;
  });
  const all = await relocationList(ctx);
  const view = all.find((item) => item.id === id);
  if (!view) throw AppError.notFound("Relogement", id);
  return view;
}

export async function relocationList(ctx: UseCaseContext) {
  const rows = await listRelocations(ctx.db, ctx.actor.organisationId);
  return rows.map(({ relocation, firstName, lastName }) => {
    const { organisationId: _o, createdAt: _c, updatedAt: _u, ...rest } = relocation;
    return { ...rest, personName: `${firstName} ${lastName}` };
  });
}

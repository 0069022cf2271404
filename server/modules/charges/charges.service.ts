/**
 * Yearly charges regularisation (loi 89-462 art. 23): the actual charges of a building entered
 * for a period, each lease's share against the provisions called, the décompte sent to the
 * tenant, then the balance booked once and the next provision applied.
 */
import { billedUntil } from "../leases/leases.rules";
import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { landlords, leases, organisations, persons } from "../../../db/schema";
import { compareDates, type IsoDate } from "../../lib/dates";
import { AppError, type InvalidField } from "../../lib/errors";
import { type PageRequest, pageOfRows } from "../../lib/pagination";
import { inUseCaseTransaction, type UseCaseContext } from "../../lib/use-case-context";
import type { AuditWriter } from "../audit/audit.service";
import {
  buildingAddress,
  issuedNow,
  organisationHeader,
  personFullName,
} from "../documents/document-parties";
import { generateDocument } from "../documents/documents.service";
import { type IdempotentRequest, runIdempotent } from "../ledger/idempotency";
import { postChargesRegularisationInTransaction } from "../ledger/ledger.service";
import { insertRepaymentPlanInTransaction } from "../ledger/arrears.service";
import { latestCalledPeriodStart } from "../leases/leases.queries";
import {
  activeCallsDuring,
  type ChargeRegularisationRow,
  type ChargeStatementRow,
  findBuilding,
  findRegularisation,
  findStatement,
  findStatementOfBuilding,
  insertRegularisation,
  insertStatement,
  listStatements as listStatementRows,
  regularisationsOfStatement,
  tenantLeasesDuring,
  unitsOfBuilding,
  updateRegularisation,
  updateStatement as updateStatementRow,
} from "./charges.queries";
import {
  type ChargeCategory,
  chargeCategories,
  claimDeadline,
  daysOf,
  earliestClaimOn,
  flatShare,
  instalmentsOffered,
  mayConfirmOn,
  occupancyShare,
  overlap,
  proposedMonthlyProvision,
  provisionMonthStart,
  provisionsCalled,
  regularisationOutcome,
  supportingDocumentsAvailableUntil,
  timeBarred,
  twelveInstalments,
  wholeMonths,
} from "./charges.rules";
import type {
  ChargeStatementBody,
  ChargeStatementUpdateBody,
  ConfirmBody,
  LeaseRegularisation,
} from "./charges.schemas";

const unitLabelOf = (u: { reference: string | null; floor: number }) =>
  u.reference ?? `Logement au ${u.floor === 0 ? "rez-de-chaussée" : `${u.floor}e étage`}`;

type BuildingFacts = {
  building: NonNullable<Awaited<ReturnType<typeof findBuilding>>>;
  units: Awaited<ReturnType<typeof unitsOfBuilding>>;
};

async function buildingFacts(db: Db, organisationId: string, buildingId: string): Promise<BuildingFacts> {
  const building = await findBuilding(db, organisationId, buildingId);
  if (!building) throw AppError.notFound("Immeuble", buildingId);
  return { building, units: await unitsOfBuilding(db, organisationId, buildingId) };
}

const recordedSurface = (units: BuildingFacts["units"]) =>
  Math.round(units.reduce((sum, u) => sum + u.surfaceM2, 0) * 100) / 100;

/** The period, the lines and the surface, checked against the building's flats. */
function checkedInput(
  period: { start: IsoDate; end: IsoDate },
  body: ChargeStatementUpdateBody,
  facts: BuildingFacts,
) {
  const errors: InvalidField[] = [];
  const months = wholeMonths(period);
  if (months === null || months > 12)
    errors.push({
      path: "periodEnd",
      code: "charges_period",
      message: "La période de charges court du 1er d'un mois au dernier jour d'un mois, douze mois au plus",
    });
  const unitIds = new Set(facts.units.map((u) => u.id));
  body.lines.forEach((line, i) => {
    if (line.unitId !== null && !unitIds.has(line.unitId))
      errors.push({
        path: `lines.${i}.unitId`,
        code: "unit_not_in_building",
        message: "Ce logement n'appartient pas à l'immeuble",
      });
  });
  const recorded = recordedSurface(facts.units);
  if (body.totalSurfaceM2 != null && body.totalSurfaceM2 < recorded)
    errors.push({
      path: "totalSurfaceM2",
      code: "surface_below_units",
      message: `La surface de l'immeuble ne peut être inférieure à celle des logements enregistrés (${recorded.toLocaleString("fr-FR")} m²)`,
    });
  if (body.totalSurfaceM2 == null && recorded <= 0 && body.lines.some((l) => l.unitId === null))
    errors.push({
      path: "totalSurfaceM2",
      code: "surface_missing",
      message: "Surface de l'immeuble inconnue",
    });
  if (errors.length) throw AppError.validation(errors);
  return {
    totalSurfaceM2: body.totalSurfaceM2 ?? null,
    lines: body.lines.map((line) => ({
      category: line.category,
      label: line.label ?? chargeCategories[line.category as ChargeCategory],
      amountCents: line.amountCents,
      unitId: line.unitId,
    })),
  };
}

function statementView(row: ChargeStatementRow, facts: BuildingFacts, sent: boolean) {
  const unitById = new Map(facts.units.map((u) => [u.id, u]));
  return {
    id: row.id,
    buildingId: row.buildingId,
    buildingAddress: buildingAddress(facts.building),
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    splitRule: "surface" as const,
    totalSurfaceM2: row.totalSurfaceM2,
    recordedSurfaceM2: recordedSurface(facts.units),
    lines: row.lines.map((line) => {
      const unit = line.unitId ? unitById.get(line.unitId) : undefined;
      return { ...line, unitLabel: unit ? unitLabelOf(unit) : null };
    }),
    totalCents: row.lines.reduce((sum, l) => sum + l.amountCents, 0),
    sent,
  };
}

/** Enters the actual charges of a building for a period (once per building and period start). */
export async function createStatement(context: UseCaseContext, body: ChargeStatementBody) {
  const organisationId = context.actor.organisationId;
  return inUseCaseTransaction(context, async (tx, audit) => {
    const facts = await buildingFacts(tx, organisationId, body.buildingId);
    const period = { start: body.periodStart, end: body.periodEnd };
    const input = checkedInput(period, body, facts);
    if (await findStatementOfBuilding(tx, organisationId, body.buildingId, body.periodStart))
      throw new AppError("DUPLICATE", "Les charges de cet immeuble pour cette période sont déjà saisies", {
        errors: [
          { path: "periodStart", code: "duplicate", message: "Période déjà saisie pour cet immeuble" },
        ],
      });
    const row = await insertStatement(tx, {
      organisationId,
      buildingId: body.buildingId,
      periodStart: body.periodStart,
      periodEnd: body.periodEnd,
      ...input,
    });
    await audit.record({
      action: "charges.statement.create",
      entityType: "charge_statement",
      entityId: row.id,
      after: row,
    });
    return statementView(row, facts, false);
  });
}

/** Corrects the lines or the surface while no décompte has been sent. */
export async function updateStatement(context: UseCaseContext, id: string, body: ChargeStatementUpdateBody) {
  const organisationId = context.actor.organisationId;
  return inUseCaseTransaction(context, async (tx, audit) => {
    const before = await findStatement(tx, organisationId, id, true);
    if (!before) throw AppError.notFound("Relevé de charges", id);
    if ((await regularisationsOfStatement(tx, organisationId, id)).length)
      throw new AppError(
        "CHARGES_STATEMENT_SENT",
        "Les décomptes de cette période sont envoyés : les charges ne se modifient plus",
      );
    const facts = await buildingFacts(tx, organisationId, before.buildingId);
    const input = checkedInput({ start: before.periodStart, end: before.periodEnd }, body, facts);
    const row = await updateStatementRow(tx, organisationId, id, input);
    await audit.record({
      action: "charges.statement.update",
      entityType: "charge_statement",
      entityId: id,
      before,
      after: row,
    });
    return statementView(row, facts, false);
  });
}

export async function listStatements(context: UseCaseContext, page: PageRequest) {
  const organisationId = context.actor.organisationId;
  const { rows, total } = await listStatementRows(context.db, organisationId, page.limit, page.offset);
  const items = [];
  for (const { statement } of rows) {
    const facts = await buildingFacts(context.db, organisationId, statement.buildingId);
    const sent = (await regularisationsOfStatement(context.db, organisationId, statement.id)).length > 0;
    items.push(statementView(statement, facts, sent));
  }
  return pageOfRows(items, total, page);
}

type Computed = Omit<
  LeaseRegularisation,
  | "regularisationId"
  | "sentOn"
  | "claimableFrom"
  | "documentsAvailableUntil"
  | "documentUrl"
  | "confirmedOn"
  | "transactionId"
  | "instalments"
  | "provisionCents"
  | "provisionFrom"
> & { personId: string };

/** Every lease's share of the statement, computed from the flats, the leases and the calls. */
async function computeRegularisations(
  db: Db,
  organisationId: string,
  statement: ChargeStatementRow,
  facts: BuildingFacts,
  today: IsoDate,
): Promise<Computed[]> {
  const period = { start: statement.periodStart, end: statement.periodEnd };
  const periodDays = daysOf(period);
  const months = wholeMonths(period) ?? 12;
  const totalSurface = statement.totalSurfaceM2 ?? recordedSurface(facts.units);
  const unitById = new Map(facts.units.map((u) => [u.id, u]));
  const tenancies = await tenantLeasesDuring(db, organisationId, [...unitById.keys()], period);
  const calls = await activeCallsDuring(
    db,
    organisationId,
    tenancies.map((l) => l.id),
    period,
  );
  const result: Computed[] = [];
  for (const lease of tenancies) {
    const unit = unitById.get(lease.unitId)!;
    const occupied = overlap({ start: lease.startDate, end: lease.endDate ?? period.end }, period);
    if (!occupied || !lease.personId) continue;
    const occupiedDays = daysOf(occupied);
    const flat = flatShare(statement.lines, unit, totalSurface);
    const detail = flat.detail.map((line) => ({
      ...line,
      shareCents: occupancyShare(line.shareCents, occupiedDays, periodDays),
    }));
    const actualCents = detail.reduce((sum, line) => sum + line.shareCents, 0);
    const provisionsCents = provisionsCalled(
      calls.filter((c) => c.leaseId === lease.id),
      occupied,
    );
    const outcome = regularisationOutcome(actualCents, provisionsCents);
    result.push({
      leaseId: lease.id,
      personId: lease.personId,
      unitId: unit.id,
      unitLabel: unitLabelOf(unit),
      tenantName: personFullName({ firstName: lease.firstName, lastName: lease.lastName }),
      occupiedFrom: occupied.start,
      occupiedTo: occupied.end,
      occupiedDays,
      periodDays,
      actualCents,
      provisionsCents,
      balanceCents: actualCents - provisionsCents,
      outcome: outcome.kind,
      detail,
      currentProvisionCents: lease.chargesCents,
      proposedProvisionCents: proposedMonthlyProvision(flat.totalCents, months),
      instalmentsOffered: outcome.kind === "tenant_owes" && instalmentsOffered(period, today),
      timeBarred: timeBarred(outcome, period, today),
    });
  }
  return result;
}

function storedView(
  row: ChargeRegularisationRow,
  computed: Pick<Computed, "unitLabel" | "tenantName" | "periodDays" | "currentProvisionCents">,
  period: { start: IsoDate; end: IsoDate },
  today: IsoDate,
): LeaseRegularisation {
  const outcome = regularisationOutcome(row.actualCents, row.provisionsCents);
  const claimedOn = row.confirmedOn ?? today;
  return {
    regularisationId: row.id,
    leaseId: row.leaseId,
    unitId: row.unitId,
    unitLabel: computed.unitLabel,
    tenantName: computed.tenantName,
    occupiedFrom: row.occupiedFrom,
    occupiedTo: row.occupiedTo,
    occupiedDays: daysOf({ start: row.occupiedFrom, end: row.occupiedTo }),
    periodDays: computed.periodDays,
    actualCents: row.actualCents,
    provisionsCents: row.provisionsCents,
    balanceCents: row.balanceCents,
    outcome: outcome.kind,
    detail: row.detail,
    currentProvisionCents: computed.currentProvisionCents,
    proposedProvisionCents: row.proposedProvisionCents,
    sentOn: row.sentOn,
    claimableFrom: earliestClaimOn(row.sentOn),
    documentsAvailableUntil: supportingDocumentsAvailableUntil(row.sentOn),
    documentUrl: row.documentId ? `/api/documents/${row.documentId}.pdf` : null,
    instalmentsOffered: outcome.kind === "tenant_owes" && instalmentsOffered(period, claimedOn),
    timeBarred: timeBarred(outcome, period, claimedOn),
    confirmedOn: row.confirmedOn,
    transactionId: row.transactionId,
    instalments: row.instalments,
    provisionCents: row.provisionCents,
    provisionFrom: row.provisionFrom,
  };
}

const previewView = (c: Computed): LeaseRegularisation => {
  const { personId: _person, ...rest } = c;
  return {
    ...rest,
    regularisationId: null,
    sentOn: null,
    claimableFrom: null,
    documentsAvailableUntil: null,
    documentUrl: null,
    confirmedOn: null,
    transactionId: null,
    instalments: null,
    provisionCents: null,
    provisionFrom: null,
  };
};

async function detailOf(db: Db, organisationId: string, statement: ChargeStatementRow, today: IsoDate) {
  const facts = await buildingFacts(db, organisationId, statement.buildingId);
  const period = { start: statement.periodStart, end: statement.periodEnd };
  const stored = await regularisationsOfStatement(db, organisationId, statement.id);
  const computed = await computeRegularisations(db, organisationId, statement, facts, today);
  const byLease = new Map(computed.map((c) => [c.leaseId, c]));
  const regularisations = stored.length
    ? stored.map((row) =>
        storedView(
          row,
          byLease.get(row.leaseId) ?? {
            unitLabel: "",
            tenantName: "",
            periodDays: daysOf(period),
            currentProvisionCents: 0,
          },
          period,
          today,
        ),
      )
    : computed.map(previewView);
  return {
    statement: statementView(statement, facts, stored.length > 0),
    claimDeadline: claimDeadline(period),
    regularisations,
  };
}

/** The statement and each lease's regularisation: the preview before sending, the record after. */
export async function statementDetail(context: UseCaseContext, id: string) {
  const organisationId = context.actor.organisationId;
  const statement = await findStatement(context.db, organisationId, id);
  if (!statement) throw AppError.notFound("Relevé de charges", id);
  return detailOf(context.db, organisationId, statement, context.clock.today());
}

/**
 * Sends the décompte to every tenant of the period (art. 23 al. 5: one month before the
 * regularisation): records each lease's regularisation as computed today and stores its PDF.
 */
export async function sendStatement(context: UseCaseContext, id: string) {
  const organisationId = context.actor.organisationId;
  const today = context.clock.today();
  return inUseCaseTransaction(context, async (tx, audit) => {
    const statement = await findStatement(tx, organisationId, id, true);
    if (!statement) throw AppError.notFound("Relevé de charges", id);
    if ((await regularisationsOfStatement(tx, organisationId, id)).length)
      throw new AppError("CHARGES_STATEMENT_SENT", "Les décomptes de cette période sont déjà envoyés");
    if (compareDates(today, statement.periodEnd) <= 0)
      throw new AppError(
        "PERIOD_NOT_CLOSED",
        "La période de charges n'est pas terminée : les charges réelles ne sont pas connues",
        {
          periodEnd: statement.periodEnd,
        },
      );
    const facts = await buildingFacts(tx, organisationId, statement.buildingId);
    const computed = await computeRegularisations(tx, organisationId, statement, facts, today);
    if (computed.length === 0)
      throw new AppError(
        "CHARGES_NOTHING_TO_REGULARISE",
        "Aucun contrat d'occupant sur les logements de cet immeuble pendant la période",
      );
    const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, organisationId));
    const period = { start: statement.periodStart, end: statement.periodEnd };
    for (const c of computed) {
      const row = await insertRegularisation(tx, {
        organisationId,
        statementId: id,
        leaseId: c.leaseId,
        unitId: c.unitId,
        personId: c.personId,
        occupiedFrom: c.occupiedFrom,
        occupiedTo: c.occupiedTo,
        actualCents: c.actualCents,
        provisionsCents: c.provisionsCents,
        balanceCents: c.balanceCents,
        detail: c.detail,
        proposedProvisionCents: c.proposedProvisionCents,
        sentOn: today,
      });
      const document = await generateDocument(tx, {
        organisationId,
        templateId: "charges_statement",
        data: {
          organisation: organisationHeader(organisation!, context.actor),
          lessorName: await lessorName(tx, organisationId, c.leaseId, organisation!.name),
          tenant: { fullName: c.tenantName, address: `${c.unitLabel}, ${buildingAddress(facts.building)}` },
          period: { from: period.start, to: period.end, label: periodLabel(period) },
          occupied: {
            from: c.occupiedFrom,
            to: c.occupiedTo,
            days: c.occupiedDays,
            periodDays: c.periodDays,
          },
          splitRule:
            "Les charges communes de l'immeuble sont réparties entre les logements au prorata de leur surface habitable.",
          unitSurfaceM2: facts.units.find((u) => u.id === c.unitId)!.surfaceM2,
          totalSurfaceM2: statement.totalSurfaceM2 ?? recordedSurface(facts.units),
          lines: c.detail.map((line) => ({
            label: line.label,
            totalCents: line.totalCents,
            basisLabel: line.basis === "surface" ? "à la surface" : "propre au logement",
            shareCents: line.shareCents,
          })),
          prorated: c.occupiedDays < c.periodDays,
          actualCents: c.actualCents,
          provisionsCents: c.provisionsCents,
          outcome: c.outcome,
          amountCents: Math.abs(c.balanceCents),
          claimableFrom: earliestClaimOn(today),
          documentsAvailableUntil: supportingDocumentsAvailableUntil(today),
          instalmentsOffered: c.instalmentsOffered,
          timeBarred: c.timeBarred,
          proposedProvisionCents: c.proposedProvisionCents,
          currentProvisionCents: c.currentProvisionCents,
          issued: issuedNow(organisation!, context.clock),
        },
        links: {
          leaseId: c.leaseId,
          personId: c.personId,
          unitId: c.unitId,
          subjectType: "charge_regularisation",
          subjectId: row.id,
        },
        createdAt: context.clock.now(),
        audit,
      });
      await updateRegularisation(tx, organisationId, row.id, { documentId: document.documentId });
    }
    await audit.record({
      action: "charges.statement.send",
      entityType: "charge_statement",
      entityId: id,
      details: { sentOn: today, leases: computed.length },
    });
    const detail = await detailOf(tx, organisationId, statement, today);
    return { sentOn: today, sent: computed.length, regularisations: detail.regularisations };
  });
}

/** "Année 2025" for a calendar year, else "Du 01/07/2025 au 30/06/2026". */
function periodLabel(period: { start: IsoDate; end: IsoDate }): string {
  if (period.start.endsWith("-01-01") && period.end === `${period.start.slice(0, 4)}-12-31`)
    return `Charges de l'année ${period.start.slice(0, 4)}`;
  const fr = (d: IsoDate) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
  return `Charges du ${fr(period.start)} au ${fr(period.end)}`;
}

/** The organisation lets a sub-lease; a direct lease is let in its landlord's name. */
async function lessorName(tx: Db, organisationId: string, leaseId: string, orgName: string) {
  const [row] = await tx
    .select({ kind: leases.kind, landlordId: leases.landlordId })
    .from(leases)
    .where(and(eq(leases.organisationId, organisationId), eq(leases.id, leaseId)));
  if (row?.kind !== "direct_lease" || !row.landlordId) return orgName;
  const [landlord] = await tx
    .select({ name: landlords.displayName })
    .from(landlords)
    .where(and(eq(landlords.organisationId, organisationId), eq(landlords.id, row.landlordId)));
  return landlord?.name ?? orgName;
}

/**
 * Confirms one lease's regularisation: the balance booked once on the tenant account (at most
 * once per regularisation and per Idempotency-Key), the twelve instalments when the tenant asked
 * for them and art. 23 al. 9 opens them, the next provision from the month chosen.
 */
export async function confirmRegularisation(
  context: UseCaseContext,
  id: string,
  body: ConfirmBody,
  // read after the regularisation is found: another organisation's answers 404 whatever the headers
  request: () => IdempotentRequest,
) {
  const organisationId = context.actor.organisationId;
  const today = context.clock.today();
  // another organisation's regularisation is not found, whatever the headers
  if (!(await findRegularisation(context.db, organisationId, id)))
    throw AppError.notFound("Régularisation", id);
  return runIdempotent(context.db, context, request(), async (tx, audit) => ({
    status: 200,
    body: await confirmInTransaction(tx, context, id, body, today, audit),
  }));
}

async function confirmInTransaction(
  tx: Db,
  context: UseCaseContext,
  id: string,
  body: ConfirmBody,
  today: IsoDate,
  audit: AuditWriter,
): Promise<LeaseRegularisation> {
  const organisationId = context.actor.organisationId;
  const row = await findRegularisation(tx, organisationId, id, true);
  if (!row) throw AppError.notFound("Régularisation", id);
  if (row.confirmedOn)
    throw new AppError(
      "CHARGES_ALREADY_CONFIRMED",
      `Régularisation confirmée le ${row.confirmedOn.split("-").reverse().join("/")}`,
    );
  const statement = (await findStatement(tx, organisationId, row.statementId))!;
  const period = { start: statement.periodStart, end: statement.periodEnd };
  const outcome = regularisationOutcome(row.actualCents, row.provisionsCents);
  if (!mayConfirmOn(outcome, row.sentOn, today)) {
    const from = earliestClaimOn(row.sentOn);
    throw new AppError(
      "CHARGES_NOTICE_NOT_ELAPSED",
      `Le solde ne peut être réclamé qu'un mois après l'envoi du décompte, à partir du ${from.split("-").reverse().join("/")} (loi 89-462 art. 23)`,
      {
        claimableFrom: from,
        errors: [
          {
            path: "sentOn",
            code: "notice_not_elapsed",
            message: `Réclamable à partir du ${from.split("-").reverse().join("/")}`,
          },
        ],
      },
    );
  }
  if (timeBarred(outcome, period, today))
    throw new AppError(
      "CHARGES_CLAIM_TIME_BARRED",
      "Ces charges datent de plus de trois ans : leur paiement ne peut plus être réclamé (loi 89-462 art. 7-1)",
      {
        claimDeadline: claimDeadline(period),
        errors: [
          {
            path: "periodEnd",
            code: "time_barred",
            message: "Prescrit depuis le " + claimDeadline(period).split("-").reverse().join("/"),
          },
        ],
      },
    );
  const errors: InvalidField[] = [];
  if (body.instalments && !(outcome.kind === "tenant_owes" && instalmentsOffered(period, today)))
    throw new AppError(
      "CHARGES_INSTALMENTS_NOT_OPEN",
      outcome.kind === "tenant_owes"
        ? "Le paiement en douze mensualités est ouvert quand la régularisation intervient après la fin de l'année civile suivant celle des charges (loi 89-462 art. 23)"
        : "Aucune somme n'est due par le locataire",
      {
        errors: [
          {
            path: "instalments",
            code: "instalments_not_open",
            message: "Mensualités non ouvertes pour cette régularisation",
          },
        ],
      },
    );
  const [lease] = await tx
    .select({ status: leases.status, endDate: leases.endDate, chargesCents: leases.chargesCents })
    .from(leases)
    .where(and(eq(leases.organisationId, organisationId), eq(leases.id, row.leaseId)));
  let provisionFrom: IsoDate | null = null;
  if (body.provisionFrom) {
    provisionFrom = provisionMonthStart(body.provisionFrom);
    const latest = await latestCalledPeriodStart(tx, organisationId, row.leaseId);
    const lastBilled = lease ? billedUntil(lease) : null;
    if (lease?.status === "ended" || (lastBilled && compareDates(lastBilled, provisionFrom) < 0))
      errors.push({
        path: "provisionFrom",
        code: "lease_ended",
        message: "Le contrat aura pris fin : pas de nouvelle provision",
      });
    else if (latest && compareDates(provisionFrom, latest) <= 0)
      errors.push({
        path: "provisionFrom",
        code: "month_already_called",
        message: `Ce mois est déjà appelé : la nouvelle provision s'applique au plus tôt au mois suivant le ${latest.split("-").reverse().join("/")}`,
      });
  }
  if (errors.length) throw AppError.validation(errors);
  const transactionId =
    outcome.kind === "balanced"
      ? null
      : await postChargesRegularisationInTransaction(tx, organisationId, {
          leaseId: row.leaseId,
          occurredOn: today,
          balanceCents: row.balanceCents,
          periodStart: period.start,
          periodEnd: period.end,
          createdByUserId: context.actor.userId,
        });
  const instalments = body.instalments ? twelveInstalments(row.balanceCents, nextMonthStart(today)) : null;
  // art. 23 al. 9: the balance is due month by month, as a repayment plan the tenant account follows
  if (instalments)
    await insertRepaymentPlanInTransaction(
      tx,
      organisationId,
      {
        leaseId: row.leaseId,
        startOn: today,
        debtCents: row.balanceCents,
        instalments,
        chargeRegularisationId: id,
      },
      audit,
    );
  const updated = await updateRegularisation(tx, organisationId, id, {
    confirmedOn: today,
    transactionId,
    instalments,
    provisionFrom,
    provisionCents: provisionFrom ? (body.provisionCents ?? row.proposedProvisionCents) : null,
  });
  await audit.record({
    action: "charges.regularisation.confirm",
    entityType: "charge_regularisation",
    entityId: id,
    before: row,
    after: updated,
  });
  const [person] = await tx
    .select({ firstName: persons.firstName, lastName: persons.lastName })
    .from(persons)
    .where(and(eq(persons.organisationId, organisationId), eq(persons.id, row.personId)));
  const facts = await buildingFacts(tx, organisationId, statement.buildingId);
  const unit = facts.units.find((u) => u.id === row.unitId)!;
  return storedView(
    updated,
    {
      unitLabel: unitLabelOf(unit),
      tenantName: person ? personFullName(person) : "",
      periodDays: daysOf(period),
      currentProvisionCents: lease?.chargesCents ?? 0,
    },
    period,
    today,
  );
}

/** The first day of the month after `date`. */
function nextMonthStart(date: IsoDate): IsoDate {
  const [y, m] = date.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

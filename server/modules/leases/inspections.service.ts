import { formatFrenchNumber } from "../../lib/numbers";
import type { Db } from "../../../db/client";
import { compareDates } from "../../lib/dates";
import { AppError, type InvalidField } from "../../lib/errors";
import { formatEuros } from "../../lib/money";
import { inUseCaseTransaction, type UseCaseContext } from "../../lib/use-case-context";
import type { AuditWriter } from "../audit/audit.service";
import type { AnyActor } from "../auth/actor";
import { issuedNow, organisationHeader, personParty, unitFacts } from "../documents/document-parties";
import { generateDocument } from "../documents/documents.service";
import {
  compareInspections,
  DEDUCTION_KIND_LABELS,
  type Deduction,
  deductionViolations,
  depositReturnDeadline,
  describeDeadline,
  type InspectionComparison,
  type InspectionForm,
  inspectionFormViolations,
  ITEM_CONDITION_LABELS,
  type ItemCondition,
  lateReturnPenalty,
  METER_KIND_LABELS,
} from "./inspection.rules";
import {
  depositHeldCents,
  findLease,
  insertInspection,
  type LeaseInspectionRow,
  type LeaseRow,
  listInspections,
  updateLease,
} from "./leases.queries";
import type { DepositReturnBody, InspectionBody } from "./leases.schemas";
import { CONTRACT_TITLES, loadContractFacts } from "./leases.service";
import { depositReturnLines, operatorHoldsDeposit } from "./deposit.rules";
import { chart } from "../ledger/ledger.accounts";
import { ensureAccount, postTransaction } from "../ledger/ledger.queries";

type ServiceContext = UseCaseContext<AnyActor>;

const asForm = (row: Pick<LeaseInspectionRow, "rooms" | "meters" | "keys">) => row as InspectionForm;

const refuse = (message: string, errors: InvalidField[], extra: Record<string, unknown> = {}) =>
  new AppError("INSPECTION_NOT_ALLOWED", message, { errors, ...extra });

/** The inspections of a lease, the exit compared with the entry, and where the deposit stands. */
export async function inspectionsOf(db: Db, organisationId: string, lease: LeaseRow) {
  const inspections = await listInspections(db, organisationId, lease.id);
  const entry = inspections.find((row) => row.kind === "entry") ?? null;
  const exit = inspections.find((row) => row.kind === "exit") ?? null;
  const comparison = entry && exit ? compareInspections(asForm(entry), asForm(exit)) : null;
  const heldCents = await depositHeldCents(db, organisationId, lease.id);
  return { inspections, entry, exit, comparison, deposit: depositStatus(lease, exit, comparison, heldCents) };
}

function depositStatus(
  lease: LeaseRow,
  exit: LeaseInspectionRow | null,
  comparison: InspectionComparison | null,
  heldCents: number,
) {
  // without an entry inspection nothing shows the flat left worse than it was received: the
  // one-month deadline of a conforming exit applies
  const exitDiffers = comparison ? comparison.differs : exit ? false : null;
  return {
    depositCents: lease.depositCents,
    keysReturnedOn: exit?.inspectedOn ?? null,
    deadline:
      lease.depositDeadline ??
      (exit && exitDiffers !== null ? depositReturnDeadline(exit.inspectedOn, exitDiffers) : null),
    exitDiffers,
    returnedOn: lease.depositReturnedOn,
    deductions: (lease.depositDeductions as Deduction[] | null) ?? null,
    refundCents: lease.depositRefundCents,
    latePenaltyCents: lease.depositLatePenaltyCents,
    heldCents,
  };
}

/**
 * Records the entry or exit état des lieux (loi 89-462 art. 3-2): drawn up jointly, so signed by
 * both parties; the entry on a signed contract, the exit once notice is given or the contract has
 * ended, on the same form as the entry it is compared with. Its PDF is produced.
 */
export async function recordInspection(context: ServiceContext, leaseId: string, body: InspectionBody) {
  const organisationId = context.actor.organisationId;
  return inUseCaseTransaction(context, async (tx, audit) => {
    const lease = await findLease(tx, organisationId, leaseId, true);
    if (!lease) throw AppError.notFound("Contrat", leaseId);
    if (lease.kind === "head_lease") {
      throw new AppError("LEASE_STATE_CONFLICT", "L'état des lieux se fait avec l'occupant du logement", {
        kind: lease.kind,
      });
    }
    const existing = await inspectionsOf(tx, organisationId, lease);
    const errors: InvalidField[] = inspectionFormViolations(body);
    if (!body.signedByTenant || !body.signedByLessor) {
      errors.push({
        path: body.signedByTenant ? "signedByLessor" : "signedByTenant",
        code: "not_joint",
        message:
          "L'état des lieux est établi contradictoirement et signé par les deux parties ; à défaut, il est établi par un commissaire de justice (loi 89-462 art. 3-2)",
      });
    }
    if (body.kind === "entry") {
      if (existing.entry) {
        throw new AppError("LEASE_STATE_CONFLICT", "L'état des lieux d'entrée est déjà établi", {
          inspectionId: existing.entry.id,
        });
      }
      if (lease.status !== "signed") {
        throw new AppError("LEASE_STATE_CONFLICT", "L'état des lieux d'entrée se fait sur un contrat signé", {
          status: lease.status,
        });
      }
      if (compareDates(body.inspectedOn, lease.signedOn ?? lease.startDate) < 0) {
        errors.push({ path: "inspectedOn", code: "before_signature", message: "L'entrée suit la signature" });
      }
    } else {
      if (existing.exit) {
        throw new AppError("LEASE_STATE_CONFLICT", "L'état des lieux de sortie est déjà établi", {
          inspectionId: existing.exit.id,
        });
      }
      if (lease.status !== "notice_given" && lease.status !== "ended") {
        throw new AppError(
          "LEASE_STATE_CONFLICT",
          "L'état des lieux de sortie suit le congé ou la fin du contrat",
          { status: lease.status },
        );
      }
      // without an entry inspection the exit is still drawn up (the keys, the meters, the deposit's
      // deadline), compared with nothing
      if (existing.entry && compareDates(body.inspectedOn, existing.entry.inspectedOn) < 0) {
        errors.push({ path: "inspectedOn", code: "before_entry", message: "La sortie suit l'entrée" });
      }
    }
    if (errors.length > 0) throw refuse(errors.map((error) => error.message).join(" ; "), errors);
    const inspection = await insertInspection(tx, {
      organisationId,
      leaseId: lease.id,
      kind: body.kind,
      inspectedOn: body.inspectedOn,
      rooms: body.rooms,
      meters: body.meters,
      keys: body.keys,
      signedByTenant: body.signedByTenant,
      signedByLessor: body.signedByLessor,
      tenantNewAddress: body.tenantNewAddress ?? null,
    });
    const comparison =
      body.kind === "exit" && existing.entry ? compareInspections(asForm(existing.entry), body) : null;
    const document = await inspectionDocument(tx, context, audit, lease, inspection, comparison);
    await audit.record({
      action: `lease.inspection.${body.kind}`,
      entityType: "lease",
      entityId: lease.id,
      after: inspection,
    });
    return { inspection, comparison, document };
  });
}

async function lessorAndParties(tx: Db, context: ServiceContext, lease: LeaseRow) {
  const facts = await loadContractFacts(tx, context.actor.organisationId, lease);
  const { organisation, landlord, person, unit, building } = facts;
  if (!person) throw AppError.notFound("Personne", lease.personId ?? undefined);
  const header = organisationHeader(organisation, context.actor);
  const lessor =
    lease.kind === "direct_lease" && landlord
      ? { name: landlord.displayName, address: landlord.postalAddress ?? "adresse non renseignée" }
      : { name: organisation.name, address: header.address };
  return {
    facts,
    shared: {
      organisation: header,
      lessor,
      tenant: personParty(person),
      unit: unitFacts(unit, building),
      issued: issuedNow(organisation, context.clock),
    },
  };
}

const conditionLabel = (condition: string | null) =>
  condition ? ITEM_CONDITION_LABELS[condition as ItemCondition] : "absent";

async function inspectionDocument(
  tx: Db,
  context: ServiceContext,
  audit: AuditWriter,
  lease: LeaseRow,
  inspection: LeaseInspectionRow,
  comparison: InspectionComparison | null,
) {
  const { facts, shared } = await lessorAndParties(tx, context, lease);
  const form = asForm(inspection);
  const generated = await generateDocument(tx, {
    organisationId: facts.organisation.id,
    templateId: "inspection_report",
    data: {
      ...shared,
      inspection: {
        kindLabel: inspection.kind === "entry" ? "d'entrée" : "de sortie",
        isExit: inspection.kind === "exit",
        inspectedOn: inspection.inspectedOn,
        contractTitle: CONTRACT_TITLES[lease.kind as keyof typeof CONTRACT_TITLES],
        rooms: form.rooms.map((room) => ({
          name: room.name,
          items: room.items.map((item) => ({
            name: item.name,
            conditionLabel: conditionLabel(item.condition),
            note: item.note ?? "",
          })),
        })),
        meters: form.meters.map((meter) => ({
          label: METER_KIND_LABELS[meter.kind],
          reading: formatFrenchNumber(meter.reading),
        })),
        keys: form.keys,
        tenantNewAddress: inspection.tenantNewAddress ?? "",
        differences: (comparison?.items ?? []).map((item) => ({
          label: `${item.room} — ${item.item}`,
          entry: conditionLabel(item.entry),
          exit: conditionLabel(item.exit),
          worse: item.worse ? "oui" : "non",
        })),
        missingKeys: (comparison?.keys ?? [])
          .filter((key) => key.missing > 0)
          .map((key) => ({ label: key.label, missing: key.missing })),
        hasDifferences: (comparison?.items.length ?? 0) > 0 || (comparison?.differs ?? false),
        depositDeadline: comparison ? describeDeadline(inspection.inspectedOn, comparison.differs) : "",
      },
    },
    links: {
      landlordId: facts.landlord?.id ?? null,
      unitId: facts.unit.id,
      personId: lease.personId,
      leaseId: lease.id,
    },
    createdAt: context.clock.now(),
    audit,
  });
  return { id: generated.documentId, sha256: generated.sha256, templateId: generated.row.templateId };
}

/**
 * Returns the deposit (loi 89-462 art. 22) once the exit inspection is drawn up: the deductions
 * must be justified and rest on what the comparison shows; the deadline is one month after the
 * keys were handed back, two when the exit differs from the entry; a late return adds 10 % of the
 * monthly rent per month started. The statement (PDF) is produced.
 */
export async function returnDeposit(context: ServiceContext, leaseId: string, body: DepositReturnBody) {
  const organisationId = context.actor.organisationId;
  return inUseCaseTransaction(context, async (tx, audit) => {
    const lease = await findLease(tx, organisationId, leaseId, true);
    if (!lease) throw AppError.notFound("Contrat", leaseId);
    if (lease.depositReturnedOn) {
      throw new AppError("LEASE_STATE_CONFLICT", "Le dépôt de garantie a déjà été restitué", {
        depositReturnedOn: lease.depositReturnedOn,
      });
    }
    const { exit, comparison } = await inspectionsOf(tx, organisationId, lease);
    if (!exit) {
      throw new AppError("DEPOSIT_RETURN_NOT_ALLOWED", "La restitution suit l'état des lieux de sortie", {
        errors: [
          {
            path: "returnedOn",
            code: "exit_inspection_missing",
            message: "État des lieux de sortie manquant",
          },
        ],
      });
    }
    const errors = deductionViolations({
      depositCents: lease.depositCents,
      deductions: body.deductions,
      comparison,
    });
    if (compareDates(body.returnedOn, exit.inspectedOn) < 0) {
      errors.push({
        path: "returnedOn",
        code: "before_keys",
        message: "La restitution suit la remise des clés",
      });
    }
    if (errors.length > 0) {
      throw new AppError("DEPOSIT_RETURN_NOT_ALLOWED", errors.map((error) => error.message).join(" ; "), {
        errors,
      });
    }
    const deadline = depositReturnDeadline(exit.inspectedOn, comparison?.differs ?? false);
    const penalty = lateReturnPenalty({
      deadline,
      returnedOn: body.returnedOn,
      monthlyRentCents: lease.rentCents,
      tenantAddressKnown: body.tenantAddressKnown,
    });
    const deductionsCents = body.deductions.reduce((sum, deduction) => sum + deduction.amountCents, 0);
    const refundCents = lease.depositCents - deductionsCents + penalty.penaltyCents;
    const updated = await updateLease(tx, organisationId, lease.id, {
      depositReturnedOn: body.returnedOn,
      depositDeadline: deadline,
      depositDeductions: body.deductions,
      depositRefundCents: refundCents,
      depositLatePenaltyCents: penalty.penaltyCents,
    });
    const { facts, shared } = await lessorAndParties(tx, context, lease);
    // the deposit the operator held leaves 165 whole: to the tenant, the debts kept, the repairs
    const depositTransactionId = await postDepositReturn(tx, context, lease, {
      returnedOn: body.returnedOn,
      deductions: body.deductions,
      penaltyCents: penalty.penaltyCents,
      person: facts.person,
    });
    const late = compareDates(body.returnedOn, deadline) > 0;
    const generated = await generateDocument(tx, {
      organisationId,
      templateId: "deposit_return",
      data: {
        ...shared,
        deposit: {
          contractTitle: CONTRACT_TITLES[lease.kind as keyof typeof CONTRACT_TITLES],
          depositCents: lease.depositCents,
          keysReturnedOn: exit.inspectedOn,
          deadline,
          deadlineLabel: !comparison
            ? "un mois : aucun état des lieux d'entrée ne montre de différence"
            : comparison.differs
              ? "deux mois : la sortie diffère de l'entrée"
              : "un mois : sortie conforme à l'entrée",
          returnedOn: body.returnedOn,
          deductions: body.deductions.map((deduction) => ({
            kindLabel: DEDUCTION_KIND_LABELS[deduction.kind],
            label: deduction.label,
            amountCents: deduction.amountCents,
            justification: deduction.justification,
          })),
          hasDeductions: body.deductions.length > 0,
          deductionsCents,
          late: penalty.penaltyCents > 0,
          monthsLate: penalty.monthsStarted,
          latePenaltyCents: penalty.penaltyCents,
          noPenaltyNoAddress: late && !body.tenantAddressKnown,
          refundCents,
        },
      },
      links: {
        landlordId: facts.landlord?.id ?? null,
        unitId: facts.unit.id,
        personId: lease.personId,
        leaseId: lease.id,
      },
      createdAt: context.clock.now(),
      audit,
    });
    await audit.record({
      action: "lease.deposit_return",
      entityType: "lease",
      entityId: lease.id,
      before: lease,
      after: updated,
    });
    return {
      deposit: depositStatus(updated, exit, comparison, await depositHeldCents(tx, organisationId, lease.id)),
      document: { id: generated.documentId, sha256: generated.sha256, templateId: generated.row.templateId },
      message: `Dépôt restitué : ${formatEuros(refundCents)}`,
      depositTransactionId,
    };
  });
}

/** Posts the return of a deposit the operator held (deposit.rules.ts); null when it held none. */
async function postDepositReturn(
  tx: Db,
  context: ServiceContext,
  lease: LeaseRow,
  input: {
    returnedOn: string;
    deductions: readonly Deduction[];
    penaltyCents: number;
    person: { id: string; firstName: string; lastName: string } | null;
  },
): Promise<string | null> {
  if (!operatorHoldsDeposit(lease.kind) || !input.person) return null;
  if (lease.depositCents <= 0 && input.penaltyCents <= 0) return null;
  const organisationId = context.actor.organisationId;
  const account = (spec: Parameters<typeof ensureAccount>[2]) => ensureAccount(tx, organisationId, spec);
  const lines = depositReturnLines({
    heldCents: lease.depositCents,
    deductions: input.deductions,
    penaltyCents: input.penaltyCents,
    accounts: {
      deposit: await account(chart.deposits()),
      bank: await account(chart.bank()),
      tenant: await account(
        chart.tenant(input.person.id, `${input.person.lastName.toUpperCase()} ${input.person.firstName}`),
      ),
      repairs: await account(chart.cost("repairs")),
      penalty: await account(chart.depositLatePenalty()),
    },
    leaseId: lease.id,
  });
  return postTransaction(tx, organisationId, {
    header: {
      kind: "deposit_return",
      occurredOn: input.returnedOn,
      label: "Dépôt de garantie restitué après l'état des lieux de sortie",
      leaseId: lease.id,
      personId: lease.personId,
      unitId: lease.unitId,
      method: "transfer",
      createdByUserId: context.actor.kind === "user" ? context.actor.userId : null,
    },
    lines,
  });
}
export type { LeaseInspectionRow as InspectionRow } from "./leases.queries";

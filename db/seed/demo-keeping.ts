import { DEMO_LANDLORD_ID } from "./demo-organisation";
import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Clock } from "../../server/lib/clock";
import { addDays, compareDates, type IsoDate } from "../../server/lib/dates";
import type { AuditWriter } from "../../server/modules/audit/audit.service";
import { preventionDeadline } from "../../server/modules/keeping/keeping.rules";
import type { Db } from "../client";
import {
  keepingMeetings,
  leases,
  preventionSteps,
  relocations,
  riskActions,
  tenancyRisks,
  units,
} from "../schema";
import { demoId } from "./demo-random";
import { formatEuros } from "../../server/lib/money";
import { leasesInDebt } from "../../server/modules/ledger/arrears.queries";

const later = (a: IsoDate, b: IsoDate) => (compareDates(a, b) >= 0 ? a : b);

/**
 * Demo tenancy keeping, on the first signed tenant contracts (in id order, so the same on every
 * seed): an unpaid rent under prevention (plan d'apurement, FSL application, a commandement de
 * payer with its six-week deadline) with one action overdue, a neighbour trouble discussed at a
 * partner meeting with the flat's landlord, a damage closed as resolved, a long absence just
 * noticed, and one relocation asked for with the PDALHPD priority. Dates count back from today
 * and never precede the contract's start. Housing facts only.
 */
export async function seedDemoKeeping(
  tx: Db,
  clock: Clock,
  audit: AuditWriter,
  options: { organisationId: string },
): Promise<{ risks: number }> {
  const { organisationId } = options;
  const today = clock.today();
  const tenancies = await tx
    .select({
      id: leases.id,
      startDate: leases.startDate,
      personId: leases.personId,
      landlordId: units.landlordId,
    })
    .from(leases)
    .innerJoin(units, and(eq(units.organisationId, leases.organisationId), eq(units.id, leases.unitId)))
    .where(
      and(
        eq(leases.organisationId, organisationId),
        eq(leases.status, "signed"),
        inArray(leases.kind, ["sublease", "sliding_sublease", "direct_lease"]),
        isNotNull(leases.personId),
        isNotNull(units.landlordId),
      ),
    )
    .orderBy(asc(leases.id));
  // contracts begun at least two months ago leave room for the dates below
  const settled = tenancies.filter((t) => compareDates(t.startDate, addDays(today, -60)) <= 0);
  if (settled.length < 4) return { risks: 0 };
  // the partner meeting is about a flat of the demo landlord's account when it has a tenant, so
  // that the landlord's portal shows it (and only it)
  const ownFlat = settled.findIndex((t) => t.landlordId === DEMO_LANDLORD_ID);
  if (ownFlat >= 0 && ownFlat !== 1) settled.splice(1, 0, ...settled.splice(ownFlat, 1));
  // the unpaid rent is a tenant the ledger shows in debt, with the debt it shows
  const debts = new Map(
    (await leasesInDebt(tx, organisationId)).map((d) => [d.leaseId, d.balanceCents] as const),
  );
  const debtor = settled.findIndex((t, index) => index !== 1 && (debts.get(t.id) ?? 0) > 0);
  // swapped into first place, the landlord's flat staying second
  if (debtor > 0) [settled[0], settled[debtor]] = [settled[debtor]!, settled[0]!];
  const debtCents = debts.get(settled[0]!.id) ?? 0;
  const [arrears, neighbours, damage, absence] = settled as [
    (typeof settled)[number],
    (typeof settled)[number],
    (typeof settled)[number],
    (typeof settled)[number],
  ];
  const id = (n: number) => demoId(0x6b, n);
  const on = (lease: { startDate: IsoDate }, daysAgo: number) =>
    later(addDays(today, -daysAgo), lease.startDate);

  const risks: (typeof tenancyRisks.$inferInsert)[] = [
    {
      organisationId,
      id: id(1),
      leaseId: arrears.id,
      kind: "unpaid_rent",
      noticedOn: on(arrears, 50),
      reportedBy: "housing_officer",
      facts:
        debtCents > 0
          ? `Résiduel de loyer impayé : ${formatEuros(debtCents)} dus au compte du locataire.`
          : "Résiduel de loyer impayé signalé par le bailleur.",
    },
    {
      organisationId,
      id: id(2),
      leaseId: neighbours.id,
      kind: "neighbour_trouble",
      noticedOn: on(neighbours, 30),
      reportedBy: "landlord",
      facts: "Plainte du voisin du dessous pour du bruit en soirée, signalée par le gardien.",
    },
    {
      organisationId,
      id: id(3),
      leaseId: damage.id,
      kind: "damage",
      noticedOn: on(damage, 40),
      reportedBy: "tenant",
      facts: "Porte de la salle de bains endommagée.",
      closedOn: on(damage, 10),
      outcome: "resolved",
    },
    {
      organisationId,
      id: id(4),
      leaseId: absence.id,
      kind: "long_absence",
      noticedOn: on(absence, 5),
      reportedBy: "support_team",
      facts: "Logement inoccupé depuis trois semaines, courrier non relevé.",
    },
  ];
  await tx.insert(tenancyRisks).values(risks);
  const arrearsOn = risks[0]!.noticedOn;
  await tx.insert(riskActions).values([
    {
      organisationId,
      id: id(11),
      riskId: id(1),
      action: "Proposer un plan d'apurement au bailleur",
      owner: "Chargée de gestion locative",
      dueOn: addDays(arrearsOn, 7),
      doneOn: addDays(arrearsOn, 6),
    },
    {
      organisationId,
      id: id(12),
      riskId: id(1),
      action: "Déposer la demande d'aide au FSL",
      owner: "Chargée de gestion locative",
      // overdue: the register shows it in red
      dueOn: later(addDays(today, -3), arrearsOn),
    },
    {
      organisationId,
      id: id(13),
      riskId: id(2),
      action: "Rencontrer le voisin avec le gardien",
      owner: "Bailleur",
      dueOn: addDays(today, 10),
    },
    {
      organisationId,
      id: id(14),
      riskId: id(4),
      action: "Passer au logement et laisser un avis de passage",
      owner: "Chargée de gestion locative",
      dueOn: addDays(today, 3),
    },
  ]);
  const orderOn = later(addDays(today, -12), arrearsOn);
  await tx.insert(preventionSteps).values([
    {
      organisationId,
      id: id(21),
      riskId: id(1),
      kind: "repayment_plan",
      stepOn: addDays(arrearsOn, 6),
      deadlineOn: null,
      reference: "Plan sur 6 mois, 32 € par mois",
    },
    {
      organisationId,
      id: id(22),
      riskId: id(1),
      kind: "payment_order_received",
      stepOn: orderOn,
      deadlineOn: preventionDeadline("payment_order_received", orderOn, null),
    },
  ]);
  await tx.insert(keepingMeetings).values({
    organisationId,
    id: id(31),
    heldOn: later(addDays(today, -7), risks[1]!.noticedOn),
    landlordId: neighbours.landlordId!,
    attendees: [
      "Gardien de la résidence (bailleur)",
      "Chargée de gestion locative",
      "Équipe d'accompagnement",
    ],
    riskIds: [id(2)],
    decisions:
      "Le bailleur organise une rencontre avec le voisin du dessous.\nPoint de situation à la réunion du mois prochain.",
  });
  await tx.insert(relocations).values({
    organisationId,
    id: id(41),
    personId: neighbours.personId!,
    leaseId: neighbours.id,
    riskId: id(2),
    requestedOn: later(addDays(today, -6), risks[1]!.noticedOn),
    reason: "La personne souhaite un logement plus calme, en rez-de-chaussée, dans le même quartier.",
    pdalhpdPriority: true,
    pdalhpdPriorityOn: later(addDays(today, -2), risks[1]!.noticedOn),
  });
  await audit.record({
    action: "demo.seed.keeping",
    entityType: "organisation",
    entityId: organisationId,
    details: { risks: risks.length, meetings: 1, relocations: 1 },
  });
  return { risks: risks.length };
}

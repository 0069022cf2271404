import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import {
  admissions,
  buildings,
  costBudgets,
  landlords,
  leaseReviews,
  leases,
  mandates,
  offerPanels,
  offers,
  persons,
  units,
  tenancyRisks,
  unitTransitions,
  users,
} from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { DEMO_LANDLORD_ID, DEMO_ORGANISATION_ID } from "../../db/seed/demo-organisation";
import { fixedClock } from "../../server/lib/clock";
import { addDays, addMonths, compareDates, type IsoDate } from "../../server/lib/dates";
import { residualRent, totalResources } from "../../server/modules/matching/residual-rent.rules";
import { trialBalance } from "../../server/modules/ledger/ledger.service";
import { leasesInDebt } from "../../server/modules/ledger/arrears.queries";
import { tenantAccountEvents } from "../../server/modules/leases/leases.queries";
import { glissementRefusal } from "../../server/modules/leases/leases.rules";
import { eventsAsDue, glissementLedgerRefusal } from "../../server/modules/leases/sliding.rules";
import { buildingCapacity } from "../../server/modules/scatter/scatter.rules";
import { energyClassAllowedOn } from "../../server/modules/units/dpe.rules";
import { CAPTURED_STATUSES } from "../../server/modules/units/pipeline.rules";
import { createTestApp } from "../support/app";
import { openTestDatabase } from "../support/db";
import { sessionCookieFor } from "../support/factories";

/**
 * The demo seed is a site that lives whatever day it is seeded: the same invariants at several
 * "today"s across a year — an ordinary weekday, 1 January, the spring DST change (Paris, last Sunday
 * of March), 29 February of a leap year, a summer day — each in a database of its own.
 */
const TODAYS = [
  "2026-11-23T10:00:00+01:00",
  "2027-01-01T09:00:00+01:00",
  "2027-03-28T12:00:00+02:00",
  "2028-02-29T10:00:00+01:00",
  "2026-07-14T10:00:00+02:00",
];
const org = DEMO_ORGANISATION_ID;

/**
 * A DPE's validity (code de la construction R.126-23 as amended by décret 2020-1610): ten years,
 * except those made before 1 January 2018 (valid until 31 December 2022) and those made from
 * 1 January 2018 to 30 June 2021 (valid until 31 December 2024).
 */
function dpeValidOn(madeOn: IsoDate, on: IsoDate): boolean {
  const until =
    compareDates(madeOn, "2018-01-01") < 0
      ? "2022-12-31"
      : compareDates(madeOn, "2021-07-01") < 0
        ? "2024-12-31"
        : addDays(addMonths(madeOn, 120), -1);
  return compareDates(on, until) <= 0 && compareDates(madeOn, on) <= 0;
}

async function invariantsAt(now: string) {
  const database: Database = await openTestDatabase();
  try {
    const clock = fixedClock(now);
    const today = clock.today();
    expect(await seedDemo(database, clock)).toBe(true);
    const d = database.db;
    const { call } = createTestApp(database, { now });
    const [officer] = await d.select().from(users).where(eq(users.email, "gestion@demo.fr"));
    const cookie = await sessionCookieFor(d, officer!, new Date(now));

    const stock = await d.select().from(units).where(eq(units.organisationId, org));
    const blds = await d.select().from(buildings).where(eq(buildings.organisationId, org));
    const people = await d.select().from(persons).where(eq(persons.organisationId, org));
    const contracts = await d.select().from(leases).where(eq(leases.organisationId, org));
    const landlordKinds = new Map(
      (await d.select().from(landlords).where(eq(landlords.organisationId, org))).map((l) => [l.id, l.kind]),
    );
    const panels = await d.select().from(offerPanels).where(eq(offerPanels.organisationId, org));
    const allOffers = await d.select().from(offers).where(eq(offers.organisationId, org));

    // ── the main job: most waiting people have at least three flats passing every hard constraint
    const waiting = people.filter((p) => p.status === "waiting");
    expect(waiting.length).toBeGreaterThanOrEqual(20);
    let withThree = 0;
    for (const person of waiting) {
      const { status, json } = await call("GET", `/api/persons/${person.id}/matches`, { cookie });
      expect(status).toBe(200);
      if (json.eligibleCount >= 3) withThree++;
    }
    expect(
      withThree / waiting.length,
      `${withThree} of ${waiting.length} waiting people`,
    ).toBeGreaterThanOrEqual(0.8);

    // ── no offerable flat that cannot legally be let today
    const buildingById = new Map(blds.map((b) => [b.id, b]));
    const capOf = (buildingId: string) =>
      buildingCapacity(buildingById.get(buildingId)!.totalDwellings, {
        capBasisPoints: 2000,
        smallBuildingException: false,
      }).maxProgrammeUnits;
    const programme = new Map<string, number>();
    for (const u of stock)
      if (["reserved", "let", "notice_given"].includes(u.status))
        programme.set(u.buildingId, (programme.get(u.buildingId) ?? 0) + 1);
    const offerable = stock.filter((u) => u.status === "available" || u.status === "vacant");
    expect(offerable.length).toBeGreaterThanOrEqual(25);
    for (const u of offerable) {
      expect(energyClassAllowedOn(u.energyClass, today).allowed, `${u.reference} ${u.energyClass}`).toBe(
        true,
      );
      expect(dpeValidOn(u.energyDiagnosisDate!, today), `${u.reference} DPE ${u.energyDiagnosisDate}`).toBe(
        true,
      );
      expect(u.decencyChecklist, u.reference!).not.toBeNull();
      expect(capOf(u.buildingId) - (programme.get(u.buildingId) ?? 0), u.reference!).toBeGreaterThanOrEqual(
        1,
      );
      expect(compareDates(u.availableFrom ?? today, today)).toBeLessThanOrEqual(0);
    }
    // every building within its cap; those whose cap is 0 hold no captured flat
    for (const b of blds) expect(programme.get(b.id) ?? 0, b.reference!).toBeLessThanOrEqual(capOf(b.id));
    for (const u of stock)
      if (capOf(u.buildingId) === 0) expect(CAPTURED_STATUSES, u.reference!).not.toContain(u.status);
    // occupied flats are lettable too
    for (const u of stock.filter((u) => u.status === "let" || u.status === "notice_given"))
      expect(["A", "B", "C", "D", "E"]).toContain(u.energyClass);

    // ── resources, benefit and rent fit together
    const personById = new Map(people.map((p) => [p.id, p]));
    const running = contracts.filter(
      (l) => l.personId && (l.status === "signed" || l.status === "notice_given"),
    );
    expect(running.length).toBeGreaterThanOrEqual(35);
    let withinCeiling = 0;
    for (const lease of running) {
      const person = personById.get(lease.personId!)!;
      expect(lease.housingBenefitCents, person.lastName).toBeLessThanOrEqual(
        lease.rentCents + lease.chargesCents,
      );
      const figures = residualRent({
        rentCents: lease.rentCents,
        chargesCents: lease.chargesCents,
        housingBenefitCents: lease.housingBenefitCents,
        resourcesCents: totalResources(person.resources),
        ceilingBasisPoints: 3000,
      });
      if (!figures.aboveCeiling) withinCeiling++;
      // a complement, when there is one, stays small
      expect(figures.complementCents, person.lastName).toBeLessThanOrEqual(15_000);
    }
    expect(withinCeiling / running.length).toBeGreaterThanOrEqual(0.8);
    // the benefit offered with each flat never exceeds its rent + charges
    for (const offer of allOffers)
      expect(offer.figures.housingBenefitCents).toBeLessThanOrEqual(
        offer.figures.rentCents + offer.figures.chargesCents,
      );

    // ── the year's rent complements in the order of the budget
    const year = Number(today.slice(0, 4));
    const [budget] = await d
      .select()
      .from(costBudgets)
      .where(
        and(
          eq(costBudgets.organisationId, org),
          eq(costBudgets.year, year),
          eq(costBudgets.category, "rent_complement"),
        ),
      );
    const [complements] = await database.query<{ cents: string }>(
      `select coalesce(sum(e.debit_cents - e.credit_cents), 0)::bigint as cents
         from ledger_entries e
         join ledger_accounts a on a.organisation_id = e.organisation_id and a.id = e.account_id
         join ledger_transactions t on t.organisation_id = e.organisation_id and t.id = e.transaction_id
        where e.organisation_id = $1 and a.kind = 'iml_cost' and a.cost_category = 'rent_complement'
          and t.occurred_on > $2`,
      [org, addMonths(today, -12)],
    );
    expect(Number(complements!.cents)).toBeGreaterThan(0);
    expect(Number(complements!.cents)).toBeLessThanOrEqual(budget!.amountCents * 1.5);

    // ── landlords are paid: head-lease rent every month, vacancy included; no debt piles up
    const headLeases = contracts.filter((l) => l.kind === "head_lease" && l.status === "signed");
    expect(headLeases.length).toBeGreaterThan(0);
    const owed = await database.query<{ landlord_id: string; owed: string }>(
      `select a.landlord_id, sum(e.credit_cents - e.debit_cents)::bigint as owed
         from ledger_entries e
         join ledger_accounts a on a.organisation_id = e.organisation_id and a.id = e.account_id
        where e.organisation_id = $1 and a.kind = 'landlord' group by a.landlord_id`,
      [org],
    );
    for (const row of owed) {
      const monthly = contracts
        .filter(
          (l) => l.landlordId === row.landlord_id && (l.kind === "head_lease" || l.kind === "direct_lease"),
        )
        .reduce((sum, l) => sum + l.rentCents + l.chargesCents, 0);
      // at most the current month and the one before (paid on the 5th) are still owed
      expect(Number(row.owed), row.landlord_id).toBeLessThanOrEqual(2 * monthly);
      expect(Number(row.owed), row.landlord_id).toBeGreaterThanOrEqual(0);
    }
    // the tenancy register's unpaid rent is about a tenant the ledger shows in debt
    const debtors = new Map(
      (await leasesInDebt(d, DEMO_ORGANISATION_ID)).map((debt) => [debt.leaseId, debt.balanceCents]),
    );
    const unpaid = await d.select().from(tenancyRisks).where(eq(tenancyRisks.kind, "unpaid_rent"));
    for (const risk of unpaid.filter((r) => r.organisationId === DEMO_ORGANISATION_ID))
      expect(debtors.get(risk.leaseId) ?? 0, risk.leaseId).toBeGreaterThan(0);
    const [owner] = await d.select().from(users).where(eq(users.email, "proprietaire@demo.fr"));
    const ownerCookie = await sessionCookieFor(d, owner!, new Date(now));
    const lastMonth = addMonths(`${today.slice(0, 7)}-01` as IsoDate, -1).slice(0, 7);
    // the demo landlord sees the partner meeting about their own flat, and no other
    const meetings = await call("GET", "/api/portal/meetings", { cookie: ownerCookie });
    expect(meetings.json.total).toBe(1);
    const statement = await call("GET", `/api/portal/statement?period=${lastMonth}`, { cookie: ownerCookie });
    expect(statement.status).toBe(200);
    const paid = statement.json.lines.reduce((s: number, l: { paidCents: number }) => s + l.paidCents, 0);
    expect(paid, "the demo landlord was paid last month").toBeGreaterThan(0);
    // the demo landlord keeps one mandate waiting for their signature
    const pending = await d
      .select()
      .from(mandates)
      .where(and(eq(mandates.organisationId, org), eq(mandates.status, "awaiting_signature")));
    expect(pending.map((m) => m.landlordId)).toEqual([DEMO_LANDLORD_ID]);

    // ── a few tenants in arrears, not more: balances beyond the calls of the last three days
    const arrears = await database.query<{ lease_id: string; owed: string }>(
      `select e.lease_id, sum(e.debit_cents - e.credit_cents)::bigint as owed
         from ledger_entries e
         join ledger_accounts a on a.organisation_id = e.organisation_id and a.id = e.account_id
        where e.organisation_id = $1 and a.kind = 'tenant' group by e.lease_id`,
      [org],
    );
    const recentCalls = await database.query<{ lease_id: string; cents: string }>(
      `select lease_id, sum(tenant_part_cents)::bigint as cents from rent_calls
        where organisation_id = $1 and period_start > $2 group by lease_id`,
      [org, addDays(today, -3)],
    );
    const recent = new Map(recentCalls.map((r) => [r.lease_id, Number(r.cents)]));
    const inArrears = arrears.filter((r) => Number(r.owed) - (recent.get(r.lease_id) ?? 0) > 0);
    expect(inArrears.length).toBeGreaterThanOrEqual(1);
    expect(inArrears.length).toBeLessThanOrEqual(5);

    // ── trial balance
    const trial = await trialBalance(d, org);
    expect(trial.totalDebitCents).toBe(trial.totalCreditCents);

    // ── dates: nothing happens to a person before day 1; suspensions after the last change
    // (the first admission's day 1: a readmitted person's earlier panels and lease came before
    // the new day 1, and none after it yet)
    const panelsOf = (personId: string) => panels.filter((p) => p.personId === personId);
    const admissionRows = await d.select().from(admissions).where(eq(admissions.organisationId, org));
    const readmitted = admissionRows.filter((a) => a.sequence === 2);
    expect(readmitted).toHaveLength(1);
    const earlier = admissionRows.find((a) => a.personId === readmitted[0]!.personId && a.sequence === 1)!;
    expect(earlier.outcome).toBe("left");
    expect(compareDates(readmitted[0]!.admittedOn, earlier.endedOn!)).toBeGreaterThan(0);
    expect(
      panelsOf(earlier.personId).filter((p) => compareDates(p.proposedOn, readmitted[0]!.admittedOn) >= 0),
    ).toEqual([]);
    const firstDayOf = (person: (typeof people)[number]) =>
      admissionRows.find((a) => a.personId === person.id && a.sequence === 1)?.admittedOn ?? person.entryDate;
    for (const person of people) {
      for (const panel of panelsOf(person.id))
        expect(compareDates(panel.proposedOn, firstDayOf(person)), person.lastName).toBeGreaterThan(0);
      for (const lease of contracts.filter((l) => l.personId === person.id))
        expect(compareDates(lease.startDate, firstDayOf(person))).toBeGreaterThan(0);
      if (person.leftOn) expect(compareDates(person.leftOn, person.entryDate)).toBeGreaterThan(0);
      if (person.status === "suspended") {
        expect(person.statusBeforeSuspension, person.lastName).not.toBeNull();
        expect(compareDates(person.suspendedOn!, person.entryDate)).toBeGreaterThan(0);
        expect(compareDates(person.suspendedOn!, today)).toBeLessThanOrEqual(0);
        for (const panel of panelsOf(person.id))
          expect(compareDates(person.suspendedOn!, panel.closedOn ?? panel.proposedOn)).toBeGreaterThan(0);
        for (const lease of contracts.filter((l) => l.personId === person.id))
          expect(compareDates(person.suspendedOn!, lease.startDate)).toBeGreaterThan(0);
      }
    }
    // every flat's history is in date order, in the past, and ends in its status at its date
    const history = await d.select().from(unitTransitions).where(eq(unitTransitions.organisationId, org));
    const byUnit = new Map<string, typeof history>();
    for (const t of history) byUnit.set(t.unitId, [...(byUnit.get(t.unitId) ?? []), t]);
    for (const u of stock) {
      const steps = byUnit.get(u.id)!;
      const dates = steps.map((t) => t.effectiveDate);
      expect([...dates].sort(compareDates)).toEqual(dates.slice().sort(compareDates));
      const last = steps.reduce((a, b) => (compareDates(b.effectiveDate, a.effectiveDate) >= 0 ? b : a));
      expect(last.toStatus, u.reference!).toBe(u.status);
      expect(last.effectiveDate, u.reference!).toBe(u.statusSince);
      expect(compareDates(last.effectiveDate, today)).toBeLessThanOrEqual(0);
    }

    // ── panels of three, declines coded by who declined, re-offers after a wholly declined panel
    const sizes = panels.map((p) => allOffers.filter((o) => o.panelId === p.id).length);
    expect(sizes.filter((n) => n >= 3).length / panels.length).toBeGreaterThanOrEqual(0.75);
    for (const [k, p] of panels.entries()) if (sizes[k]! < 3) expect(p.reasonIfFewer).not.toBeNull();
    const declined = allOffers.filter((o) => o.status === "declined");
    expect(new Set(declined.map((o) => o.declinedBy))).toEqual(
      new Set(["person", "landlord", "operator_withdrew"]),
    );
    const wholly = panels.filter((p) => p.status === "all_declined");
    expect(wholly.some((p) => panelsOf(p.personId).some((q) => q.proposedOn > p.proposedOn))).toBe(true);
    // first offers: most within the 8 weeks, a few late
    let late = 0;
    let firsts = 0;
    for (const person of people) {
      const first = panelsOf(person.id)
        .map((p) => p.proposedOn)
        .sort(compareDates)[0];
      if (!first) continue;
      firsts++;
      if (compareDates(first, addDays(person.entryDate, 56)) > 0) late++;
    }
    expect(late).toBeGreaterThanOrEqual(2);
    expect(late / firsts).toBeLessThanOrEqual(0.2);

    // ── sliding leases: one can slide soon (reviews held, no arrears), one cannot (arrears)
    const sliding = running.filter((l) => l.kind === "sliding_sublease");
    const reviews = await d.select().from(leaseReviews).where(eq(leaseReviews.organisationId, org));
    const owedBy = new Map(inArrears.map((r) => [r.lease_id, Number(r.owed)]));
    const ready = sliding.filter(
      (l) =>
        l.slidingTargetDate !== null &&
        compareDates(l.slidingTargetDate, addDays(today, 60)) <= 0 &&
        !owedBy.has(l.id) &&
        reviews.filter((r) => r.leaseId === l.id && r.heldOn).every((r) => r.outcome === "favourable"),
    );
    expect(ready.length).toBeGreaterThanOrEqual(1);
    expect(sliding.some((l) => owedBy.has(l.id))).toBe(true);
    // the slide's own rules agree: the ready one passes its reviews and the ledger, the one in
    // arrears is refused by the ledger
    const ledgerRefusalOf = async (lease: (typeof sliding)[number]) =>
      glissementLedgerRefusal(
        eventsAsDue(await tenantAccountEvents(d, org, lease.personId!, lease.id), lease.paymentDay),
        {
          observationMonths: lease.slidingObservationMonths,
          toleranceCents: lease.slidingArrearsToleranceCents,
        },
        lease,
        today,
      );
    const canSlide = ready.find((l) => glissementRefusal(reviews.filter((r) => r.leaseId === l.id)) === null);
    expect(canSlide).toBeDefined();
    expect(await ledgerRefusalOf(canSlide!)).toBeNull();
    const behind = sliding.find((l) => owedBy.has(l.id))!;
    expect((await ledgerRefusalOf(behind))?.field.code).toBe("arrears_beyond_tolerance");
    // the one that slides is a social landlord's: the préfet's information is a step of its page
    const slidable = await call("GET", `/api/leases/${canSlide!.id}`, { cookie });
    expect(slidable.json.glissement.prefectInformation).toMatchObject({ required: true });
    expect(slidable.json.glissement).toMatchObject({ reviewRefusal: null, ledgerRefusal: null });
    // a social landlord's own lease runs without a term (loi 89-462 art. 40)
    const socialDirect = running.filter(
      (l) => l.kind === "direct_lease" && landlordKinds.get(l.landlordId!) === "social_landlord",
    );
    expect(socialDirect.length).toBeGreaterThanOrEqual(1);
    for (const lease of socialDirect) {
      expect(lease.fixedTerm).toBe(false);
      if (lease.status === "signed") expect(lease.endDate).toBeNull();
    }
    expect(running.filter((l) => l.kind !== "direct_lease").every((l) => l.fixedTerm)).toBe(true);

    // ── tenancy keeping: open risks, one action overdue, a commandement de payer under its
    // six-week deadline, a meeting with the flat's landlord, a relocation with the PDALHPD priority
    const register = await call("GET", "/api/keeping/risks", { cookie });
    expect(register.status).toBe(200);
    expect(
      register.json.items.filter((r: { closedOn: string | null }) => !r.closedOn).length,
    ).toBeGreaterThanOrEqual(3);
    expect(register.json.overdueActions).toBeGreaterThanOrEqual(1);
    for (const risk of register.json.items as { leaseId: string; noticedOn: string }[]) {
      const lease = contracts.find((l) => l.id === risk.leaseId)!;
      expect(compareDates(risk.noticedOn, lease.startDate)).toBeGreaterThanOrEqual(0);
      expect(compareDates(risk.noticedOn, today)).toBeLessThanOrEqual(0);
    }
    const meetingList = await call("GET", "/api/keeping/meetings", { cookie });
    expect(meetingList.json.items[0].agenda).toHaveLength(1);
    const relocationList = await call("GET", "/api/keeping/relocations", { cookie });
    expect(relocationList.json.items[0]).toMatchObject({ pdalhpdPriority: true, status: "requested" });
    // ── capture targets run from the opening: the first capture
    const capture = await call("GET", "/api/programme/capture", { cookie });
    expect(capture.json.openedOn).not.toBeNull();
    expect(capture.json.milestones).toHaveLength(2);
  } finally {
    await database.close();
  }
}

describe("the demo site lives whatever day it is seeded", () => {
  for (const now of TODAYS)
    it(`holds its invariants when seeded on ${now}`, { timeout: 240_000 }, () => invariantsAt(now));
});

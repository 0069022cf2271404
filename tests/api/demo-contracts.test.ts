import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed";
import { DEMO_LANDLORD_ID, DEMO_ORGANISATION_ID } from "../../db/seed/demo-organisation";
import {
  documents,
  leaseReviews,
  leases,
  mandates,
  offerPanels,
  offers,
  persons,
  units,
} from "../../db/schema";
import { fixedClock } from "../../server/lib/clock";
import { addDays, addMonths } from "../../server/lib/dates";
import { useTestDatabase } from "../support/db";

const db = useTestDatabase();
const clock = fixedClock("2026-11-23T10:00:00+01:00");
const org = DEMO_ORGANISATION_ID;

describe("demo seed coherence: stock, people, contracts, mandates", () => {
  it("houses every tenant in a let unit under a signed lease, reserves only for open panels, one mandate awaiting", {
    timeout: 120_000,
  }, async () => {
    expect(await seedDemo(db.current, clock)).toBe(true);
    const d = db.current.db;
    const stock = await d.select().from(units).where(eq(units.organisationId, org));
    const people = await d.select().from(persons).where(eq(persons.organisationId, org));
    const contracts = await d.select().from(leases).where(eq(leases.organisationId, org));

    // every unit has its landlord
    expect(stock.every((u) => u.landlordId !== null)).toBe(true);
    const count = (status: string) => stock.filter((u) => u.status === status).length;
    expect(count("let") + count("notice_given")).toBe(43);
    expect(count("notice_given")).toBeGreaterThanOrEqual(2);
    const housed = people.filter((p) => p.status === "housed");
    expect(housed).toHaveLength(40);
    // people suspended during their tenancy keep their flat
    const tenants = people.filter((p) => p.status === "housed" || p.statusBeforeSuspension === "housed");

    // every let / notice-given unit: one signed (or notice-given) tenant lease of a housed person
    const tenantKinds = ["sublease", "sliding_sublease", "direct_lease", "temporary_occupancy"];
    const tenant = contracts.filter((l) => tenantKinds.includes(l.kind));
    for (const unit of stock.filter((u) => u.status === "let" || u.status === "notice_given")) {
      const onUnit = tenant.filter((l) => l.unitId === unit.id);
      expect(onUnit, unit.reference ?? unit.id).toHaveLength(1);
      expect(onUnit[0]!.status).toBe(unit.status === "let" ? "signed" : "notice_given");
      // a tenant's notice carries its period and ends the lease then, not at the lease's term
      if (onUnit[0]!.status === "notice_given") {
        const lease = onUnit[0]!;
        expect(lease).toMatchObject({ noticeGivenBy: "tenant", noticePeriodMonths: lease.furnished ? 1 : 3 });
        expect(lease.endDate).toBe(addMonths(lease.noticeGivenOn!, lease.noticePeriodMonths!));
      }
      expect(tenants.some((p) => p.id === onUnit[0]!.personId)).toBe(true);
      // the DPE gate: a let unit has an energy class allowed for a lease
      expect(["A", "B", "C", "D", "E"]).toContain(unit.energyClass);
      // sub-leases run under a head lease landlord → organisation on the same unit
      if (onUnit[0]!.kind !== "direct_lease") {
        const head = contracts.find((l) => l.id === onUnit[0]!.headLeaseId);
        expect(head?.kind).toBe("head_lease");
        expect(head?.unitId).toBe(unit.id);
        expect(head?.landlordId).toBe(unit.landlordId);
      }
    }
    // every housed person has a lease and the accepted offer that led to it
    const accepted = await d
      .select()
      .from(offers)
      .where(and(eq(offers.organisationId, org), eq(offers.status, "accepted")));
    for (const person of housed) {
      const lease = tenant.find((l) => l.personId === person.id);
      expect(lease, person.lastName).toBeDefined();
      expect(accepted.find((o) => o.personId === person.id)?.unitId).toBe(lease!.unitId);
    }
    expect(new Set(tenant.map((l) => l.kind))).toEqual(new Set(tenantKinds));
    expect(tenant.some((l) => l.paymentFrequency === "fortnightly")).toBe(true);

    // reserved units only in the open panels of the people offered
    const open = await d
      .select({ unitId: offers.unitId, personId: offers.personId })
      .from(offers)
      .innerJoin(
        offerPanels,
        and(eq(offerPanels.organisationId, offers.organisationId), eq(offerPanels.id, offers.panelId)),
      )
      .where(and(eq(offers.organisationId, org), eq(offerPanels.status, "open")));
    const reserved = stock.filter((u) => u.status === "reserved");
    expect(reserved.length).toBeGreaterThan(0);
    expect(reserved.every((u) => open.some((o) => o.unitId === u.id))).toBe(true);
    const offered = new Set(people.filter((p) => p.status === "offered").map((p) => p.id));
    expect(open.every((o) => offered.has(o.personId))).toBe(true);

    // sliding leases: reviews, some due within the month
    const reviews = await d.select().from(leaseReviews).where(eq(leaseReviews.organisationId, org));
    expect(
      reviews.filter((r) => r.heldOn === null && r.scheduledOn <= addDays(clock.today(), 31)).length,
    ).toBeGreaterThan(0);

    // mandates: the mandated direct leases signed, exactly one awaiting the demo landlord, with its PDF
    const mandateRows = await d.select().from(mandates).where(eq(mandates.organisationId, org));
    const awaiting = mandateRows.filter((m) => m.status === "awaiting_signature");
    expect(awaiting).toHaveLength(1);
    expect(awaiting[0]!.landlordId).toBe(DEMO_LANDLORD_ID);
    expect(awaiting[0]!.documentId).not.toBeNull();
    expect(mandateRows.filter((m) => m.status === "signed").length).toBeGreaterThanOrEqual(3);
    expect(mandateRows.map((m) => m.number).sort((a, b) => a - b)).toEqual(mandateRows.map((_, i) => i + 1));
    const signedDocs = await d
      .select({ id: documents.id })
      .from(documents)
      .where(
        and(
          eq(documents.organisationId, org),
          inArray(
            documents.id,
            mandateRows.flatMap((m) => (m.signedDocumentId ? [m.signedDocumentId] : [])),
          ),
        ),
      );
    expect(signedDocs.length).toBe(mandateRows.length - 1);

    // idempotent: a second run writes nothing
    expect(await seedDemo(db.current, clock)).toBe(false);
    expect(await d.select({ id: leases.id }).from(leases).where(eq(leases.organisationId, org))).toHaveLength(
      contracts.length,
    );
  });
});

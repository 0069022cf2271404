import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed";
import { DEMO_LANDLORD_ID, DEMO_ORGANISATION_ID } from "../../db/seed/demo-organisation";
import { buildings, neighbourhoods, units, users } from "../../db/schema";
import { fixedClock } from "../../server/lib/clock";
import { UNIT_STATUSES } from "../../server/modules/units/pipeline.rules";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { sessionCookieFor } from "../support/factories";

const db = useTestDatabase();
const NOW = "2026-11-23T10:00:00+01:00";

describe("demo stock", () => {
  it("seeds Dijon's stock: 8 neighbourhoods, 60 buildings, 150 units in every state, within the caps, every offerable flat lettable", {
    timeout: 120_000,
  }, async () => {
    expect(await seedDemo(db.current, fixedClock(NOW))).toBe(true);
    const hoods = await db.current.db
      .select()
      .from(neighbourhoods)
      .where(eq(neighbourhoods.organisationId, DEMO_ORGANISATION_ID));
    const blds = await db.current.db
      .select()
      .from(buildings)
      .where(eq(buildings.organisationId, DEMO_ORGANISATION_ID));
    const stock = await db.current.db
      .select()
      .from(units)
      .where(eq(units.organisationId, DEMO_ORGANISATION_ID));
    expect(hoods).toHaveLength(8);
    expect(
      hoods
        .filter((n) => n.isQpv)
        .map((n) => n.code)
        .sort(),
    ).toEqual(["DJ-FONTAINE-OUCHE", "DJ-GRESILLES"]);
    expect(blds).toHaveLength(60);
    expect(blds.every((b) => b.neighbourhoodId !== null)).toBe(true);
    expect(stock).toHaveLength(150);
    expect(new Set(stock.map((u) => u.status))).toEqual(new Set(UNIT_STATUSES));
    expect(stock.filter((u) => u.landlordId === DEMO_LANDLORD_ID).length).toBeGreaterThanOrEqual(4);

    const [admin] = await db.current.db.select().from(users).where(eq(users.email, "admin@demo.fr"));
    const { call } = createTestApp(db.current, { now: NOW });
    const cookie = await sessionCookieFor(db.current.db, admin!, new Date(NOW));
    const { json: scatter } = await call("GET", "/api/scatter", { cookie });
    // programme units = reserved (open panels of the demo people) + let + notice given
    const programme = stock.filter((u) => ["reserved", "let", "notice_given"].includes(u.status));
    expect(programme.length).toBeGreaterThanOrEqual(60);
    expect(scatter.programmeUnits).toBe(programme.length);
    expect(scatter.buildings.every((b: { headroom: number }) => b.headroom >= 0)).toBe(true);
    const atCap = scatter.buildings.filter(
      (b: { headroom: number; programmeUnits: number }) => b.headroom === 0 && b.programmeUnits > 0,
    );
    expect(atCap.length).toBeGreaterThanOrEqual(3);

    // no available flat is blocked by its energy class; the class F and G flats are in the pipeline
    const { json: list } = await call("GET", "/api/units?status=available", { cookie });
    expect(list.items.length).toBeGreaterThanOrEqual(20);
    expect(
      list.items.every(
        (u: { energyGate: { allowedForLeaseStartingToday: boolean } }) =>
          u.energyGate.allowedForLeaseStartingToday,
      ),
    ).toBe(true);
    expect(stock.some((u) => u.status === "works" && (u.energyClass === "F" || u.energyClass === "G"))).toBe(
      true,
    );

    // every unit's recorded history ends in its current state, at its date
    const sample = stock.find((u) => u.status === "notice_given")!;
    const { json: history } = await call("GET", `/api/units/${sample.id}/transitions`, { cookie });
    const steps = history.items.map((t: { toStatus: string }) => t.toStatus);
    expect(steps.slice(0, 5)).toEqual(["prospect", "visit_scheduled", "visited", "agreed", "available"]);
    expect(steps.slice(-3)).toEqual(["reserved", "let", "notice_given"]);
    expect(history.items.at(-1).effectiveDate).toBe(sample.statusSince);

    // the demo landlord sees their flats in the portal
    const [owner] = await db.current.db.select().from(users).where(eq(users.email, "proprietaire@demo.fr"));
    const portal = await call("GET", "/api/portal/units", {
      cookie: await sessionCookieFor(db.current.db, owner!, new Date(NOW)),
    });
    expect(portal.json.items.length).toBeGreaterThanOrEqual(4);

    // idempotent
    expect(await seedDemo(db.current, fixedClock(NOW))).toBe(false);
    expect(
      await db.current.db.select().from(units).where(eq(units.organisationId, DEMO_ORGANISATION_ID)),
    ).toHaveLength(150);
  });
});

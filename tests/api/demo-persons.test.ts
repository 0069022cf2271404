import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { offerPanels, persons, units } from "../../db/schema";
import { countPersonsByStatus, seedDemoPersons } from "../../db/seed/demo-persons";
import { fixedClock } from "../../server/lib/clock";
import { inAuditedTransaction } from "../../server/modules/audit/audit.service";
import { useTestDatabase } from "../support/db";
import { createBuilding, createNeighbourhood, createOrganisation, createUnit } from "../support/factories";

const db = useTestDatabase();
const clock = fixedClock("2026-11-23");

async function demoStock() {
  const org = await createOrganisation(db.current.db);
  const o = { organisationId: org.id };
  for (let n = 0; n < 6; n++) {
    const area = await createNeighbourhood(db.current.db, {
      ...o,
      code: `Q${n}`,
      center: [5.0 + n * 0.02, 47.32],
    });
    for (let b = 0; b < 4; b++) {
      const building = await createBuilding(db.current.db, {
        ...o,
        neighbourhoodId: area.id,
        totalDwellings: 10,
      });
      for (let u = 0; u < 3; u++) await createUnit(db.current.db, { ...o, buildingId: building.id });
    }
  }
  return org;
}

function seed(organisationId: string) {
  const context = {
    actor: { kind: "system" as const, organisationId, label: "démo" },
    requestId: null,
    clock,
  };
  return inAuditedTransaction(db.current.db, context, (tx, audit) =>
    seedDemoPersons(tx, clock, audit, organisationId),
  );
}

describe("demo people", () => {
  it("seeds 100 people at every stage, panels within the buildings' cap, the same on every run", async () => {
    const first = await demoStock();
    const result = await seed(first.id);
    expect(result.persons).toBe(100);
    expect(await countPersonsByStatus(db.current.db, first.id)).toEqual({
      waiting: 30,
      offered: 12,
      housed: 40,
      suspended: 8,
      left: 10,
    });
    const open = await db.current.db
      .select()
      .from(offerPanels)
      .where(and(eq(offerPanels.organisationId, first.id), eq(offerPanels.status, "open")));
    expect(open).toHaveLength(12);
    // 72 units in 24 buildings of 10 dwellings: at most 2 programme flats each
    const reserved = await db.current.db
      .select({ buildingId: units.buildingId })
      .from(units)
      .where(and(eq(units.organisationId, first.id), inArray(units.status, ["reserved", "let"])));
    const perBuilding = new Map<string, number>();
    for (const row of reserved) perBuilding.set(row.buildingId, (perBuilding.get(row.buildingId) ?? 0) + 1);
    expect(Math.max(...perBuilding.values())).toBeLessThanOrEqual(2);
    // the open panels reserve 12 × 3 units; housed people move into let units, none here
    expect(reserved.length).toBe(36);

    const second = await demoStock();
    await seed(second.id);
    const names = async (organisationId: string) =>
      (await db.current.db.select().from(persons).where(eq(persons.organisationId, organisationId)))
        .map((p) => `${p.firstName} ${p.lastName} ${p.entryDate} ${p.status}`)
        .sort();
    expect(await names(second.id)).toEqual(await names(first.id));
  });
});

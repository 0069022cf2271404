import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { units, unitTransitions } from "../../db/schema";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { createBuilding, createUnit } from "../support/factories";
import { organisationWithStaff } from "../support/stock-fixture";

const db = useTestDatabase();

describe("concurrent reservations through POST /api/units/{id}/transitions", () => {
  it("lets exactly 2 of 20 parallel reservations in a building of 10 dwellings through", async () => {
    const { org, officer } = await organisationWithStaff(db.current);
    const { call } = createTestApp(db.current);
    const building = await createBuilding(db.current.db, { organisationId: org.id, totalDwellings: 10 });
    const candidates = [];
    for (let i = 0; i < 20; i++) {
      candidates.push(
        await createUnit(db.current.db, {
          organisationId: org.id,
          buildingId: building.id,
          status: "available",
        }),
      );
    }
    const responses = await Promise.all(
      candidates.map((unit) =>
        call("POST", `/api/units/${unit.id}/transitions`, {
          cookie: officer,
          body: { to: "reserved", date: "2026-11-23" },
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(2);
    const refused = responses.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(18);
    for (const response of refused) {
      expect(response.status).toBe(409);
      expect(response.json.code).toBe("SCATTER_CAP_EXCEEDED");
    }
    const reserved = await db.current.db
      .select()
      .from(units)
      .where(and(eq(units.buildingId, building.id), eq(units.status, "reserved")));
    expect(reserved).toHaveLength(2);
    const transitions = await db.current.db
      .select()
      .from(unitTransitions)
      .where(and(eq(unitTransitions.organisationId, org.id), eq(unitTransitions.toStatus, "reserved")));
    expect(transitions).toHaveLength(2);
  });
});

import { describe, expect, it } from "vitest";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { createBuilding, createLandlord, createUnit } from "../support/factories";
import { organisationWithStaff } from "../support/stock-fixture";

const db = useTestDatabase();

describe("GET /api/portal/units", () => {
  it("lists only the landlord's own units (named on the unit, or through the building) with their status", async () => {
    const { org, landlord, landlordUser } = await organisationWithStaff(db.current);
    const { call } = createTestApp(db.current);
    const someoneElse = await createLandlord(db.current.db, { organisationId: org.id });
    const owned = await createBuilding(db.current.db, { organisationId: org.id, landlordId: landlord.id });
    const shared = await createBuilding(db.current.db, {
      organisationId: org.id,
      landlordId: someoneElse.id,
    });
    const viaBuilding = await createUnit(db.current.db, {
      organisationId: org.id,
      buildingId: owned.id,
      status: "let",
    });
    const named = await createUnit(db.current.db, {
      organisationId: org.id,
      buildingId: shared.id,
      landlordId: landlord.id,
      status: "available",
    });
    await createUnit(db.current.db, { organisationId: org.id, buildingId: shared.id }); // not theirs
    await createUnit(db.current.db, {
      organisationId: org.id,
      buildingId: owned.id,
      landlordId: someoneElse.id,
    }); // sold flat

    const response = await call("GET", "/api/portal/units", { cookie: landlordUser });
    expect(response.status).toBe(200);
    expect(response.json.items.map((u: { id: string }) => u.id).sort()).toEqual(
      [viaBuilding.id, named.id].sort(),
    );
    const item = response.json.items.find((u: { id: string }) => u.id === viaBuilding.id);
    expect(item).toMatchObject({ status: "let", rentCents: 52_000, city: "Dijon" });
    expect(Object.keys(item)).not.toContain("decencyChecklist");
    expect(JSON.stringify(response.json)).not.toMatch(/tenant|person|panel/i);
  });

  it("is for landlord accounts only", async () => {
    const { officer, admin } = await organisationWithStaff(db.current);
    const { call } = createTestApp(db.current);
    expect((await call("GET", "/api/portal/units", { cookie: officer })).status).toBe(403);
    expect((await call("GET", "/api/portal/units", { cookie: admin })).status).toBe(403);
    expect((await call("GET", "/api/portal/units")).status).toBe(401);
  });

  it("shows nothing of another organisation's landlord with the same building", async () => {
    const first = await organisationWithStaff(db.current);
    const second = await organisationWithStaff(db.current);
    const { call } = createTestApp(db.current);
    const building = await createBuilding(db.current.db, {
      organisationId: first.org.id,
      landlordId: first.landlord.id,
    });
    await createUnit(db.current.db, { organisationId: first.org.id, buildingId: building.id });
    const { json } = await call("GET", "/api/portal/units", { cookie: second.landlordUser });
    expect(json.items).toEqual([]);
  });
});

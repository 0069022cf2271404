import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "../../db/schema";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { createLandlordRecord, createOrganisation, createUser, sessionCookieFor } from "../support/factories";

const db = useTestDatabase();

async function organisationWith(role: "admin" | "housing_officer" | "finance" | "landlord") {
  const app = createTestApp(db.current);
  const org = await createOrganisation(db.current.db);
  const landlordId =
    role === "landlord" ? (await createLandlordRecord(db.current.db, { organisationId: org.id })).id : null;
  const user = await createUser(db.current.db, { organisationId: org.id, role, landlordId });
  return { ...app, org, cookie: await sessionCookieFor(db.current.db, user, app.clock.now()) };
}

describe("organisation parameters", () => {
  it("are read by the staff roles, with the programme defaults", async () => {
    for (const role of ["admin", "housing_officer", "finance"] as const) {
      const { call, cookie, org } = await organisationWith(role);
      const response = await call("GET", "/api/organisation", { cookie });
      expect(response.status).toBe(200);
      expect(response.json).toMatchObject({
        id: org.id,
        buildingCapBasisPoints: 2000,
        firstOfferDeadlineWeeks: 8,
        minimumPanelSize: 3,
        residualRentCeilingBasisPoints: 3000,
        neighbourhoodCapMode: "off",
      });
    }
    const landlord = await organisationWith("landlord");
    expect((await landlord.call("GET", "/api/organisation", { cookie: landlord.cookie })).status).toBe(403);
  });

  it("are changed by an admin, audited field by field", async () => {
    const { call, cookie, org } = await organisationWith("admin");
    const response = await call("PATCH", "/api/organisation", {
      cookie,
      body: { buildingCapBasisPoints: 1500, neighbourhoodCapMode: "share", neighbourhoodCapValue: 2500 },
    });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ buildingCapBasisPoints: 1500, neighbourhoodCapValue: 2500 });
    const off = await call("PATCH", "/api/organisation", { cookie, body: { neighbourhoodCapMode: "off" } });
    expect(off.json).toMatchObject({ neighbourhoodCapMode: "off", neighbourhoodCapValue: null });
    const rows = await db.current.db.select().from(auditLog).where(eq(auditLog.entityId, org.id));
    expect(rows.map((r) => r.action)).toEqual(["organisation.update", "organisation.update"]);
    expect(rows[0]!.changes).toEqual({
      buildingCapBasisPoints: { before: 2000, after: 1500 },
      neighbourhoodCapMode: { before: "off", after: "share" },
      neighbourhoodCapValue: { before: null, after: 2500 },
    });
  });

  it("refuses to loosen the national rules of a programme site (422 with the fields), keeps a local commitment as such, leaves IML operators free", async () => {
    const { call, cookie } = await organisationWith("admin");
    const looser = await call("PATCH", "/api/organisation", {
      cookie,
      body: {
        buildingCapBasisPoints: 5000,
        residualRentCeilingBasisPoints: 5000,
        firstOfferDeadlineWeeks: 26,
        minimumPanelSize: 1,
      },
    });
    expect(looser.status).toBe(422);
    expect(looser.json.errors.map((e: { path: string }) => e.path)).toEqual([
      "json.buildingCapBasisPoints",
      "json.residualRentCeilingBasisPoints",
      "json.firstOfferDeadlineWeeks",
      "json.minimumPanelSize",
    ]);
    expect((await call("GET", "/api/organisation", { cookie })).json).toMatchObject({
      buildingCapBasisPoints: 2000,
      residualRentCeilingBasisPoints: 3000,
      firstOfferDeadlineWeeks: 8,
      minimumPanelSize: 3,
    });
    const stricter = await call("PATCH", "/api/organisation", {
      cookie,
      body: {
        buildingCapBasisPoints: 1500,
        firstOfferDeadlineWeeks: 6,
        minimumPanelSize: 3,
        reofferDeadlineWeeks: 3,
        localCommitment: "Deux logements correspondant aux choix de la personne",
        openedOn: "2025-09-01",
      },
    });
    expect(stricter.status).toBe(200);
    expect(stricter.json).toMatchObject({
      buildingCapBasisPoints: 1500,
      minimumPanelSize: 3,
      reofferDeadlineWeeks: 3,
      localCommitment: "Deux logements correspondant aux choix de la personne",
      openedOn: "2025-09-01",
    });

    const iml = createTestApp(db.current);
    const association = await createOrganisation(db.current.db, { kind: "iml_association", capacity: 40 });
    const admin = await createUser(db.current.db, { organisationId: association.id, role: "admin" });
    const imlCookie = await sessionCookieFor(db.current.db, admin, iml.clock.now());
    const free = await iml.call("PATCH", "/api/organisation", {
      cookie: imlCookie,
      body: { buildingCapBasisPoints: 5000, residualRentCeilingBasisPoints: 5000, minimumPanelSize: 1 },
    });
    expect(free.status).toBe(200);
  });

  it("refuses inconsistent or out-of-range values with 422 and changes nothing", async () => {
    const { call, cookie } = await organisationWith("admin");
    const capacity = await call("PATCH", "/api/organisation", { cookie, body: { capacity: 150 } });
    expect(capacity.status).toBe(422);
    expect(capacity.json.errors[0].path).toBe("json.capacity");
    const range = await call("PATCH", "/api/organisation", {
      cookie,
      body: { buildingCapBasisPoints: 12_000 },
    });
    expect(range.status).toBe(422);
    const share = await call("PATCH", "/api/organisation", {
      cookie,
      body: { neighbourhoodCapMode: "share" },
    });
    expect(share.status).toBe(422);
    expect(share.json.errors[0].path).toBe("json.neighbourhoodCapValue");
    const after = await call("GET", "/api/organisation", { cookie });
    expect(after.json).toMatchObject({
      capacity: 100,
      buildingCapBasisPoints: 2000,
      neighbourhoodCapMode: "off",
    });
  });

  it("are changed by admins only", async () => {
    for (const role of ["housing_officer", "finance", "landlord"] as const) {
      const { call, cookie } = await organisationWith(role);
      expect((await call("PATCH", "/api/organisation", { cookie, body: { city: "Beaune" } })).status).toBe(
        403,
      );
    }
    const { call } = createTestApp(db.current);
    expect((await call("PATCH", "/api/organisation", { body: { city: "Beaune" } })).status).toBe(401);
  });
});

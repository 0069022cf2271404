import { describe, expect, it } from "vitest";
import { unitTransitions } from "../../db/schema";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import {
  createBuilding,
  createOrganisation,
  createUnit,
  createUser,
  sessionCookieFor,
} from "../support/factories";

const db = useTestDatabase();

describe("capture targets (cahier des charges §8.9.1: 50 flats the first year, 100 by the end of the second)", () => {
  it("counts the captured stock from the pipeline's history against the targets, with the funnel", async () => {
    const app = createTestApp(db.current, { now: "2026-11-23T10:00:00+01:00" });
    const org = await createOrganisation(db.current.db, { capacity: 90 });
    const admin = await createUser(db.current.db, { organisationId: org.id, role: "admin" });
    const officer = await createUser(db.current.db, { organisationId: org.id, role: "housing_officer" });
    const adminCookie = await sessionCookieFor(db.current.db, admin, app.clock.now());
    const cookie = await sessionCookieFor(db.current.db, officer, app.clock.now());

    const before = await app.call("GET", "/api/programme/capture", { cookie });
    expect(before.status).toBe(200);
    expect(before.json).toMatchObject({ openedOn: null, capturedNow: 0, milestones: [] });

    // the admin records the opening; the officer never could
    expect(
      (await app.call("PATCH", "/api/organisation", { cookie, body: { openedOn: "2025-10-01" } })).status,
    ).toBe(403);
    const patched = await app.call("PATCH", "/api/organisation", {
      cookie: adminCookie,
      body: { openedOn: "2025-10-01" },
    });
    expect(patched.status).toBe(200);

    const building = await createBuilding(db.current.db, { organisationId: org.id, totalDwellings: 400 });
    const steps: { status: "agreed" | "let" | "withdrawn" | "prospect"; on: string }[][] = [];
    // 30 flats agreed in the first year, 2 of them let later; 5 more in the second; one withdrawn
    for (let i = 0; i < 30; i++)
      steps.push(
        i < 2
          ? [
              { status: "agreed", on: "2026-03-01" },
              { status: "let", on: "2026-05-01" },
            ]
          : [{ status: "agreed", on: "2026-03-01" }],
      );
    for (let i = 0; i < 5; i++) steps.push([{ status: "agreed", on: "2026-10-15" }]);
    steps.push([
      { status: "agreed", on: "2026-02-01" },
      { status: "withdrawn", on: "2026-04-01" },
    ]);
    steps.push([{ status: "prospect", on: "2026-11-01" }]);
    for (const history of steps) {
      const last = history.at(-1)!;
      const unit = await createUnit(db.current.db, {
        organisationId: org.id,
        buildingId: building.id,
        status: last.status === "agreed" ? "agreed" : last.status,
        statusSince: last.on,
      });
      await db.current.db.insert(unitTransitions).values(
        history.map((step) => ({
          organisationId: org.id,
          unitId: unit.id,
          toStatus: step.status,
          effectiveDate: step.on,
        })),
      );
    }

    const capture = await app.call("GET", "/api/programme/capture", { cookie });
    expect(capture.status).toBe(200);
    expect(capture.json.openedOn).toBe("2025-10-01");
    expect(capture.json.capturedNow).toBe(35);
    expect(capture.json.milestones).toEqual([
      { flats: 50, dueOn: "2026-10-01", capturedOn: 30, state: "missed" },
      { flats: 100, dueOn: "2027-10-01", capturedOn: 35, state: "behind" },
    ]);
    expect(capture.json.series.at(-1)).toMatchObject({ month: "2026-11", captured: 35 });
    const funnel = Object.fromEntries(
      capture.json.funnel.map((f: { step: string; units: number }) => [f.step, f.units]),
    );
    expect(funnel).toMatchObject({ agreed: 33, let: 2, withdrawn: 1, prospect: 1 });

    // a landlord account reads nothing of it
    const landlordUser = await createUser(db.current.db, { organisationId: org.id, role: "landlord" });
    const landlordCookie = await sessionCookieFor(db.current.db, landlordUser, app.clock.now());
    expect((await app.call("GET", "/api/programme/capture", { cookie: landlordCookie })).status).toBe(403);
  });
});

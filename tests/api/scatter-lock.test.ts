import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { auditLog, units } from "../../db/schema";
import { fixedClock } from "../../server/lib/clock";
import { AppError } from "../../server/lib/errors";
import { inAuditedTransaction } from "../../server/modules/audit/audit.service";
import { scatterReport } from "../../server/modules/scatter/scatter.report";
import { assertScatterAllows } from "../../server/modules/scatter/scatter.service";
import { useTestDatabase } from "../support/db";
import { createBuilding, createNeighbourhood, createOrganisation, createUnit } from "../support/factories";

const db = useTestDatabase();
const clock = fixedClock("2026-11-23");

/** Reserves units the way panels and lease signatures do: scatter check, then status change. */
function reserve(database: Db, organisationId: string, unitIds: string[]) {
  const context = {
    actor: { kind: "system" as const, organisationId, label: "test" },
    requestId: null,
    clock,
  };
  return inAuditedTransaction(database, context, async (tx, audit) => {
    await assertScatterAllows(tx, organisationId, unitIds, audit);
    for (const id of unitIds) {
      await tx
        .update(units)
        .set({ status: "reserved" })
        .where(and(eq(units.organisationId, organisationId), eq(units.id, id)));
    }
  });
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe("scatter check inside the reserving transaction", () => {
  it("lets a building of 10 dwellings hold 2 programme units, not 3", async () => {
    const org = await createOrganisation(db.current.db);
    const building = await createBuilding(db.current.db, { organisationId: org.id, totalDwellings: 10 });
    const [a, b, c] = await Promise.all(
      [1, 2, 3].map(() => createUnit(db.current.db, { organisationId: org.id, buildingId: building.id })),
    );
    await reserve(db.current.db, org.id, [a!.id, b!.id]);
    await expect(codeOf(reserve(db.current.db, org.id, [c!.id]))).resolves.toBe("SCATTER_CAP_EXCEEDED");
    // re-checking units already reserved adds nothing (reserved → let)
    await expect(codeOf(reserve(db.current.db, org.id, [a!.id]))).resolves.toBe("OK");
  });

  it("never lets 20 concurrent reservations exceed a building's room of 2", async () => {
    const org = await createOrganisation(db.current.db);
    const building = await createBuilding(db.current.db, { organisationId: org.id, totalDwellings: 12 });
    const candidates = [];
    for (let i = 0; i < 20; i++) {
      candidates.push(await createUnit(db.current.db, { organisationId: org.id, buildingId: building.id }));
    }
    const outcomes = await Promise.all(
      candidates.map((unit) => codeOf(reserve(db.current.db, org.id, [unit.id]))),
    );
    expect(outcomes.filter((o) => o === "OK")).toHaveLength(2);
    expect(outcomes.filter((o) => o === "SCATTER_CAP_EXCEEDED")).toHaveLength(18);
    const reserved = await db.current.db
      .select()
      .from(units)
      .where(and(eq(units.buildingId, building.id), eq(units.status, "reserved")));
    expect(reserved).toHaveLength(2);
  });

  it("allows one unit in a 4-dwelling building only under the small-building exception, and audits it", async () => {
    const strictOrg = await createOrganisation(db.current.db);
    const strictBuilding = await createBuilding(db.current.db, {
      organisationId: strictOrg.id,
      totalDwellings: 4,
    });
    const strictUnit = await createUnit(db.current.db, {
      organisationId: strictOrg.id,
      buildingId: strictBuilding.id,
    });
    await expect(codeOf(reserve(db.current.db, strictOrg.id, [strictUnit.id]))).resolves.toBe(
      "SCATTER_CAP_EXCEEDED",
    );

    const org = await createOrganisation(db.current.db, { smallBuildingException: true });
    const building = await createBuilding(db.current.db, { organisationId: org.id, totalDwellings: 4 });
    const unit = await createUnit(db.current.db, { organisationId: org.id, buildingId: building.id });
    await reserve(db.current.db, org.id, [unit.id]);
    const audits = await db.current.db.select().from(auditLog).where(eq(auditLog.organisationId, org.id));
    expect(audits.map((row) => row.action)).toContain("scatter.small_building_exception_used");
  });

  it("applies the neighbourhood cap when the site turns it on", async () => {
    const org = await createOrganisation(db.current.db, {
      neighbourhoodCapMode: "count",
      neighbourhoodCapValue: 1,
    });
    const neighbourhood = await createNeighbourhood(db.current.db, { organisationId: org.id });
    const first = await createBuilding(db.current.db, {
      organisationId: org.id,
      neighbourhoodId: neighbourhood.id,
    });
    const second = await createBuilding(db.current.db, {
      organisationId: org.id,
      neighbourhoodId: neighbourhood.id,
    });
    const u1 = await createUnit(db.current.db, { organisationId: org.id, buildingId: first.id });
    const u2 = await createUnit(db.current.db, { organisationId: org.id, buildingId: second.id });
    await reserve(db.current.db, org.id, [u1.id]);
    await expect(codeOf(reserve(db.current.db, org.id, [u2.id]))).resolves.toBe("SCATTER_CAP_EXCEEDED");
  });

  it("applies the neighbourhood cap by commune to the buildings outside every contour", async () => {
    const org = await createOrganisation(db.current.db, {
      neighbourhoodCapMode: "count",
      neighbourhoodCapValue: 1,
    });
    const outside = (inseeCode: string | null) =>
      createBuilding(db.current.db, { organisationId: org.id, neighbourhoodId: null, inseeCode });
    const [dijonA, dijonB, talant, unknown] = await Promise.all([
      outside("21231"),
      outside("21231"),
      outside("21617"),
      outside(null),
    ]);
    const unitIn = (building: { id: string }) =>
      createUnit(db.current.db, { organisationId: org.id, buildingId: building.id });
    const [a, b, t, u] = await Promise.all([
      unitIn(dijonA!),
      unitIn(dijonB!),
      unitIn(talant!),
      unitIn(unknown!),
    ]);
    await reserve(db.current.db, org.id, [a.id]);
    const refused = await reserve(db.current.db, org.id, [b.id]).catch((error: AppError) => error);
    expect(refused).toMatchObject({
      code: "SCATTER_CAP_EXCEEDED",
      extra: expect.objectContaining({ scope: "commune", inseeCode: "21231", programmeUnits: 1 }),
    });
    // another commune is another area; a building with no commune is in none
    await reserve(db.current.db, org.id, [t.id]);
    await reserve(db.current.db, org.id, [u.id]);
    const report = await scatterReport(db.current.db, org.id);
    expect(report.neighbourhoods).toEqual([
      expect.objectContaining({ inseeCode: "21231", programmeUnits: 1, maxProgrammeUnits: 1, headroom: 0 }),
      expect.objectContaining({ inseeCode: "21617", programmeUnits: 1, maxProgrammeUnits: 1, headroom: 0 }),
      expect.objectContaining({ inseeCode: null, programmeUnits: 1, maxProgrammeUnits: null }),
    ]);
  });

  it("does not see another organisation's units", async () => {
    const org = await createOrganisation(db.current.db);
    const other = await createOrganisation(db.current.db);
    const building = await createBuilding(db.current.db, { organisationId: other.id });
    const unit = await createUnit(db.current.db, { organisationId: other.id, buildingId: building.id });
    await expect(codeOf(reserve(db.current.db, org.id, [unit.id]))).resolves.toBe("NOT_FOUND");
  });
});

import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { seedDemoContracts } from "../../db/seed/demo-contracts";
import { documents, leaseReviews, leases, mandates } from "../../db/schema";
import { fixedClock } from "../../server/lib/clock";
import { addDays } from "../../server/lib/dates";
import { inAuditedTransaction } from "../../server/modules/audit/audit.service";
import { useTestDatabase } from "../support/db";
import {
  createBuilding,
  createLandlord,
  createOrganisation,
  createPerson,
  createUnit,
} from "../support/factories";

const db = useTestDatabase();
const clock = fixedClock("2026-11-23T10:00:00+01:00");

describe("demo contracts seed", () => {
  it("gives the housed people contracts of every kind, sliding reviews due, mandates signed and one awaiting", async () => {
    const organisation = await createOrganisation(db.current.db);
    const demoLandlord = await createLandlord(db.current.db, {
      organisationId: organisation.id,
      displayName: "Paul Propriétaire",
      postalAddress: "3 allée des Tilleuls, 21000 Dijon",
    });
    const otherLandlord = await createLandlord(db.current.db, {
      organisationId: organisation.id,
      kind: "company",
    });
    for (let i = 0; i < 7; i++) {
      const landlord = i % 2 === 0 ? demoLandlord : otherLandlord;
      const building = await createBuilding(db.current.db, {
        organisationId: organisation.id,
        landlordId: landlord.id,
      });
      await createUnit(db.current.db, {
        organisationId: organisation.id,
        buildingId: building.id,
        landlordId: landlord.id,
        status: "let",
        reference: `DEMO-${i}`,
      });
      await createPerson(db.current.db, {
        organisationId: organisation.id,
        status: "housed",
        lastName: `Personne ${i}`,
      });
    }
    const context = {
      actor: { kind: "system" as const, organisationId: organisation.id, label: "test" },
      requestId: null,
      clock,
    };
    const options = { organisationId: organisation.id, demoLandlordId: demoLandlord.id };
    const result = await inAuditedTransaction(db.current.db, context, (tx, audit) =>
      seedDemoContracts(tx, clock, audit, options),
    );
    expect(result.mandates).toBeGreaterThanOrEqual(4);

    const rows = await db.current.db.select().from(leases).where(eq(leases.organisationId, organisation.id));
    expect(new Set(rows.map((row) => row.kind))).toEqual(
      new Set(["head_lease", "sublease", "sliding_sublease", "direct_lease", "temporary_occupancy"]),
    );
    expect(rows.every((row) => row.status === "signed")).toBe(true);
    const reviews = await db.current.db
      .select()
      .from(leaseReviews)
      .where(eq(leaseReviews.organisationId, organisation.id));
    const due = reviews.filter(
      (review) => review.heldOn === null && review.scheduledOn <= addDays(clock.today(), 31),
    );
    expect(due.length).toBeGreaterThan(0);

    const mandateRows = await db.current.db
      .select()
      .from(mandates)
      .where(eq(mandates.organisationId, organisation.id));
    const demoMandates = mandateRows.filter((row) => row.landlordId === demoLandlord.id);
    expect(demoMandates.filter((row) => row.status === "awaiting_signature")).toHaveLength(1);
    expect(mandateRows.filter((row) => row.status === "signed").length).toBe(mandateRows.length - 1);
    expect(mandateRows.map((row) => row.number).sort((a, b) => a - b)).toEqual(
      mandateRows.map((_, i) => i + 1),
    );
    const documentRows = await db.current.db
      .select({ id: documents.id })
      .from(documents)
      .where(and(eq(documents.organisationId, organisation.id), eq(documents.signed, true)));
    expect(documentRows.length).toBe(mandateRows.length - 1);

    // idempotent: a second run adds nothing
    const again = await inAuditedTransaction(db.current.db, context, (tx, audit) =>
      seedDemoContracts(tx, clock, audit, options),
    );
    expect(again).toEqual({ leases: 0, mandates: 0 });
  });
});

import { describe, expect, it } from "vitest";
import { publishedIrl } from "../../server/modules/ledger/revision.rules";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { createOrganisation, createTenancy, createUser, sessionCookieFor } from "../support/factories";

const db = useTestDatabase();

describe("IRL revision with a table behind INSEE's publications (loi 89-462 art. 17-1)", () => {
  it("refuses with IRL_INDEX_MISSING instead of reusing last year's index", async () => {
    const organisation = await createOrganisation(db.current.db);
    const user = await createUser(db.current.db, { organisationId: organisation.id, role: "finance" });
    const { call, clock } = createTestApp(db.current, { now: "2026-12-15T10:00:00+01:00" });
    const cookie = await sessionCookieFor(db.current.db, user, clock.now());
    // the shipped values stop at 2025 T3
    expect(
      (await call("PUT", "/api/ledger/irl-indices", { cookie, body: { indices: publishedIrl } })).status,
    ).toBe(200);
    const { lease } = await createTenancy(db.current.db, organisation.id, {
      startDate: "2025-12-01",
      rentCents: 50_000,
      irlReferenceQuarter: "T2",
    });
    const proposal = await call("POST", `/api/ledger/leases/${lease.id}/revision-proposals`, { cookie });
    expect(proposal.status).toBe(422);
    expect(proposal.json).toMatchObject({ code: "IRL_INDEX_MISSING", irlYear: 2026, irlQuarter: 2 });
    expect(proposal.json.errors[0].path).toBe("irlIndices");
  });
});

import { describe, expect, it } from "vitest";
import { publishedIrl } from "../../server/modules/ledger/revision.rules";
import { useTestDatabase } from "../support/db";
import { pdfText } from "../support/pdf-text";
import { leaseFixture } from "../support/lease-fixture";

const db = useTestDatabase();

/** A flat of `landlordKind` and a person to house, seen by an officer and by finance. */
async function setup(
  landlordKind: "social_landlord" | "private_person",
  now = "2026-11-23T10:00:00+01:00",
  since = "2026-10-01",
) {
  const fixture = await leaseFixture(db.current, {
    now,
    since,
    landlordKind,
    landlord: {
      displayName: landlordKind === "social_landlord" ? "Grand Dijon Habitat" : "Paul Propriétaire",
      postalAddress: "2 rue Maréchal Leclerc, 21000 Dijon",
    },
    energyClass: "C",
    unit: { rentCents: 40_000, chargesCents: 6_000 },
    person: { firstName: "Karim", lastName: "Benali", birthDate: "1979-05-02" },
  });
  const { call, clock, unit, person, landlord, officer } = fixture;
  const finance = await fixture.createStaff("finance");
  const directLease = {
    kind: "direct_lease",
    unitId: unit.id,
    personId: person.id,
    landlordId: landlord.id,
    startDate: "2026-12-01",
    rentCents: 40_000,
    chargesCents: 6_000,
    depositCents: 40_000,
    paymentFrequency: "monthly",
    paymentDay: 5,
    housingBenefitCents: 25_000,
    housingBenefitPaidToOperator: false,
    irlReferenceQuarter: "T3",
  };
  return {
    call,
    clock,
    unit,
    person,
    landlord,
    directLease,
    officer: fixture.callAs(officer),
    finance: fixture.callAs(finance),
  };
}

async function pdfOf(context: Awaited<ReturnType<typeof setup>>, documentId: string) {
  const pdf = await context.officer("GET", `/api/documents/${documentId}.pdf`);
  expect(pdf.status).toBe(200);
  return (await pdfText(new Uint8Array(await pdf.response.arrayBuffer()))).text;
}

describe("a social landlord's direct lease has no fixed term (loi 89-462 art. 40; CCH L.442-6)", () => {
  it("is drafted and signed without an end date, and its contract says so", async () => {
    const context = await setup("social_landlord");
    const created = await context.officer("POST", "/api/leases", context.directLease);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ fixedTerm: false, endDate: null });
    const signed = await context.officer("POST", `/api/leases/${created.json.id}/sign`, {});
    expect(signed.status).toBe(200);
    expect(signed.json.lease).toMatchObject({ status: "signed", fixedTerm: false, endDate: null });
    const detail = await context.officer("GET", `/api/leases/${created.json.id}`);
    expect(detail.json).toMatchObject({ fixedTerm: false, endDate: null });
    expect(detail.json.noticeTerms).toMatchObject({ termDate: null, lessorNoticeDeadline: null });
    const contract = signed.json.documents.find((d: { templateId: string }) => d.templateId === "sublease");
    const text = await pdfOf(context, contract.id);
    expect(text).toContain("Bail sans durée déterminée (bailleur social)");
    expect(text).toContain("révisé chaque année au 1er janvier");
    expect(text).not.toContain("soit jusqu'au");
  });

  it("a private landlord's direct lease keeps its term (art. 10: three years)", async () => {
    const context = await setup("private_person");
    const created = await context.officer("POST", "/api/leases", context.directLease);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ fixedTerm: true, durationMonths: 36, endDate: "2029-11-30" });
  });

  it("refuses a duration with LEASE_NO_FIXED_TERM, the field named, nothing written", async () => {
    const context = await setup("social_landlord");
    const refused = await context.officer("POST", "/api/leases", {
      ...context.directLease,
      durationMonths: 72,
    });
    expect(refused.status).toBe(422);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect(refused.json.code).toBe("LEASE_NO_FIXED_TERM");
    expect(refused.json.errors).toEqual([
      expect.objectContaining({ path: "durationMonths", code: "no_fixed_term" }),
    ]);
    const leases = await context.officer("GET", `/api/leases?personId=${context.person.id}`);
    expect(leases.json.items).toEqual([]);
  });

  it("refuses the lessor's notice for a term it does not have; the tenant may still leave", async () => {
    const context = await setup("social_landlord");
    const created = await context.officer("POST", "/api/leases", context.directLease);
    await context.officer("POST", `/api/leases/${created.json.id}/sign`, {});
    context.clock.set("2027-03-01");
    const lessor = await context.officer("POST", `/api/leases/${created.json.id}/notice`, {
      givenBy: "lessor",
      givenOn: "2027-03-01",
      effectiveDate: "2032-11-30",
      reason: "departure",
      lessorMotive: "legitimate_serious_reason",
      motiveDetail: "Manquements répétés",
    });
    expect(lessor.status).toBe(422);
    expect(lessor.json.code).toBe("LEASE_NO_FIXED_TERM");
    expect(lessor.json.errors[0]).toMatchObject({ path: "givenBy", code: "no_fixed_term" });
    expect((await context.officer("GET", `/api/leases/${created.json.id}`)).json.status).toBe("signed");
    const tenant = await context.officer("POST", `/api/leases/${created.json.id}/notice`, {
      givenBy: "tenant",
      givenOn: "2027-03-01",
      reason: "departure",
      tenantReason: "none",
    });
    expect(tenant.status).toBe(200);
    expect(tenant.json).toMatchObject({ status: "notice_given", endDate: "2027-06-01" });
  });

  it("proposes the revision on 1 January, on IRL T2 of the previous year (CCH L.442-1), not at the anniversary", async () => {
    const context = await setup("social_landlord", "2026-12-02T10:00:00+01:00", "2025-02-01");
    expect((await context.finance("PUT", "/api/ledger/irl-indices", { indices: publishedIrl })).status).toBe(
      200,
    );
    const created = await context.officer("POST", "/api/leases", {
      ...context.directLease,
      startDate: "2025-03-15",
    });
    expect(created.status).toBe(201);
    const signed = await context.officer("POST", `/api/leases/${created.json.id}/sign`, {});
    expect(signed.json).toMatchObject({ lease: { status: "signed" } });
    const proposal = await context.finance(
      "POST",
      `/api/ledger/leases/${created.json.id}/revision-proposals`,
    );
    expect(proposal.status).toBe(201);
    expect(proposal.json).toMatchObject({
      anniversaryOn: "2026-01-01",
      irlYear: 2025,
      irlQuarter: 2,
      previousRentCents: 40_000,
      newRentCents: 40_416,
    });
  });
});

describe("the glissement towards a social landlord gives a lease without a term", () => {
  it("creates the direct lease without an end date and the amendment says so", async () => {
    const context = await setup("social_landlord");
    const head = await context.officer("POST", "/api/leases", {
      ...context.directLease,
      kind: "head_lease",
      personId: undefined,
      startDate: "2026-11-01",
      durationMonths: 72,
      depositCents: 0,
      housingBenefitCents: 0,
    });
    expect(head.status).toBe(201);
    expect(head.json.fixedTerm).toBe(true);
    expect((await context.officer("POST", `/api/leases/${head.json.id}/sign`, {})).status).toBe(200);
    const sliding = await context.officer("POST", "/api/leases", {
      ...context.directLease,
      kind: "sliding_sublease",
      landlordId: undefined,
      housingBenefitPaidToOperator: true,
      sliding: {
        targetDate: "2027-12-01",
        conditions: ["paiement régulier du loyer pendant douze mois"],
        reviewDates: ["2027-06-01"],
      },
    });
    expect(sliding.status).toBe(201);
    expect(sliding.json.fixedTerm).toBe(true);
    expect((await context.officer("POST", `/api/leases/${sliding.json.id}/sign`, {})).status).toBe(200);
    context.clock.set("2027-06-10");
    await context.officer("POST", `/api/leases/${sliding.json.id}/reviews`, {
      heldOn: "2027-06-03",
      outcome: "favourable",
    });
    const withTerm = await context.officer("POST", `/api/leases/${sliding.json.id}/glissement`, {
      effectiveDate: "2027-07-01",
      durationMonths: 72,
    });
    expect(withTerm.status).toBe(422);
    expect(withTerm.json.code).toBe("LEASE_NO_FIXED_TERM");
    const slid = await context.officer("POST", `/api/leases/${sliding.json.id}/glissement`, {
      effectiveDate: "2027-07-01",
    });
    expect(slid.status).toBe(200);
    expect(slid.json.directLease).toMatchObject({ kind: "direct_lease", fixedTerm: false, endDate: null });
    const text = await pdfOf(context, slid.json.document.id);
    expect(text).toContain("Bail sans durée déterminée (bailleur social)");
  });
});

import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { leases, persons, unitTransitions, units } from "../../db/schema";
import { useTestDatabase } from "../support/db";
import { createBuilding, createPerson, createUnit, createUser, sessionCookieFor } from "../support/factories";
import { type LeaseFixtureOptions, leaseFixture, subleaseBody } from "../support/lease-fixture";
import { pdfText } from "../support/pdf-text";

const db = useTestDatabase();

const setup = (options: LeaseFixtureOptions = {}) => leaseFixture(db.current, options);

describe("tenant contracts", () => {
  it("lists contracts with the tenant's name, the landlord and the address", async () => {
    const { call, cookie, unit, person, building } = await setup();
    await call("POST", "/api/leases", { cookie, body: subleaseBody(unit.id, person.id) });
    const head = await call("POST", "/api/leases", {
      cookie,
      body: { ...subleaseBody(unit.id, person.id), kind: "head_lease", personId: undefined },
    });
    expect(head.status).toBe(201);
    const list = await call("GET", "/api/leases", { cookie });
    expect(list.status).toBe(200);
    const address = `${building.street}, ${building.postcode} ${building.city}`;
    expect(list.json).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect(list.json.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "sublease", tenantName: "Jeanne Dupont", address }),
        expect.objectContaining({
          kind: "head_lease",
          tenantName: null,
          landlordName: "Paul Propriétaire",
          address,
        }),
      ]),
    );
  });

  it("refuses to sign a lease missing mandatory mentions, naming the fields (422)", async () => {
    const { call, cookie, unit, person } = await setup();
    const { irlReferenceQuarter: _irl, paymentDay: _day, ...incomplete } = subleaseBody(unit.id, person.id);
    const created = await call("POST", "/api/leases", { cookie, body: incomplete });
    expect(created.status).toBe(201);
    const signed = await call("POST", `/api/leases/${created.json.id}/sign`, { cookie, body: {} });
    expect(signed.status).toBe(422);
    expect(signed.json.code).toBe("LEASE_MANDATORY_MENTIONS_MISSING");
    expect(signed.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "irlReferenceQuarter",
      "paymentDay",
    ]);
    const [row] = await db.current.db.select().from(leases).where(eq(leases.id, created.json.id));
    expect(row!.status).toBe("draft");
  });

  it("caps the deposit at one month of rent unfurnished, two furnished", async () => {
    const { call, cookie, unit, person } = await setup();
    const over = await call("POST", "/api/leases", {
      cookie,
      body: subleaseBody(unit.id, person.id, { depositCents: 52_001 }),
    });
    expect(over.status).toBe(422);
    expect(over.json.code).toBe("LEASE_TERMS_NOT_ALLOWED");
    expect(over.json.errors[0].path).toBe("depositCents");
    const furnished = await call("POST", "/api/leases", {
      cookie,
      body: subleaseBody(unit.id, person.id, { furnished: true, durationMonths: 12, depositCents: 104_000 }),
    });
    expect(furnished.status).toBe(201);
  });

  it("applies the minimum duration of the landlord's kind (3 years natural person, 6 legal person)", async () => {
    const natural = await setup();
    const ok = await natural.call("POST", "/api/leases", {
      cookie: natural.cookie,
      body: subleaseBody(natural.unit.id, natural.person.id, { durationMonths: 36 }),
    });
    expect(ok.status).toBe(201);
    expect(ok.json.endDate).toBe("2029-11-30");
    const legal = await setup({ landlordKind: "company" });
    const short = await legal.call("POST", "/api/leases", {
      cookie: legal.cookie,
      body: subleaseBody(legal.unit.id, legal.person.id, { durationMonths: 36 }),
    });
    expect(short.status).toBe(422);
    expect(short.json.errors[0]).toMatchObject({ path: "durationMonths", code: "duration_too_short" });
    const defaulted = await legal.call("POST", "/api/leases", {
      cookie: legal.cookie,
      body: subleaseBody(legal.unit.id, legal.person.id),
    });
    expect(defaulted.json.durationMonths).toBe(72);
  });

  it("signs: unit let with its transition, person housed, contract PDF with the key facts", async () => {
    const { call, cookie, unit, person, organisation } = await setup();
    const created = await call("POST", "/api/leases", { cookie, body: subleaseBody(unit.id, person.id) });
    const signed = await call("POST", `/api/leases/${created.json.id}/sign`, { cookie, body: {} });
    expect(signed.status).toBe(200);
    expect(signed.json.lease).toMatchObject({ status: "signed", signedOn: "2026-11-23" });
    const [unitRow] = await db.current.db.select().from(units).where(eq(units.id, unit.id));
    expect(unitRow!.status).toBe("let");
    const transitions = await db.current.db
      .select()
      .from(unitTransitions)
      .where(and(eq(unitTransitions.organisationId, organisation.id), eq(unitTransitions.unitId, unit.id)));
    // the pipeline reaches "let" only from "reserved": signed without a panel, the flat is reserved
    // for the person on the signature day, then let from the start date
    expect(transitions.sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate))).toMatchObject([
      { fromStatus: "available", toStatus: "reserved", effectiveDate: "2026-11-23" },
      { fromStatus: "reserved", toStatus: "let", effectiveDate: "2026-12-01" },
    ]);
    const [personRow] = await db.current.db.select().from(persons).where(eq(persons.id, person.id));
    expect(personRow!.status).toBe("housed");
    const pdf = await call(
      "GET",
      signed.json.documents[0].url ?? `/api/documents/${signed.json.documents[0].id}.pdf`,
      { cookie },
    );
    expect(pdf.status).toBe(200);
    const { text } = await pdfText(new Uint8Array(await pdf.response.arrayBuffer()));
    expect(text).toContain("Jeanne Dupont");
    expect(text).toContain("520,00 €");
    expect(text).toContain("tous les 15 jours");
    // a second tenant contract on the let unit is refused
    const second = await call("POST", "/api/leases", { cookie, body: subleaseBody(unit.id, person.id) });
    const again = await call("POST", `/api/leases/${second.json.id}/sign`, { cookie, body: {} });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe("UNIT_NOT_LETTABLE");
  });

  it("a court decision ends a let contract without notice: the unit goes straight to vacant (let → vacant)", async () => {
    const { call, cookie, unit, person, organisation } = await setup();
    const created = await call("POST", "/api/leases", { cookie, body: subleaseBody(unit.id, person.id) });
    expect((await call("POST", `/api/leases/${created.json.id}/sign`, { cookie, body: {} })).status).toBe(
      200,
    );
    const early = await call("POST", `/api/leases/${created.json.id}/terminate`, {
      cookie,
      body: { endedOn: "2026-11-20", reason: "court_decision" },
    });
    expect(early.status).toBe(422);
    const ended = await call("POST", `/api/leases/${created.json.id}/terminate`, {
      cookie,
      body: { endedOn: "2027-04-30", reason: "court_decision" },
    });
    expect(ended.status, JSON.stringify(ended.json)).toBe(200);
    const [unitRow] = await db.current.db.select().from(units).where(eq(units.id, unit.id));
    expect(unitRow).toMatchObject({ status: "vacant", statusSince: "2027-05-01" });
    const transitions = await db.current.db
      .select()
      .from(unitTransitions)
      .where(and(eq(unitTransitions.organisationId, organisation.id), eq(unitTransitions.unitId, unit.id)));
    expect(transitions.map((t) => `${t.fromStatus}→${t.toStatus}@${t.effectiveDate}`).sort()).toEqual([
      "available→reserved@2026-11-23",
      "let→vacant@2027-05-01",
      "reserved→let@2026-12-01",
    ]);
    const [personRow] = await db.current.db.select().from(persons).where(eq(persons.id, person.id));
    expect(personRow!.relocationRequested).toBe(true);
  });

  it("re-checks the DPE gate at signature (class G from 2025)", async () => {
    const { call, cookie, unit, person } = await setup({ energyClass: "G" });
    const created = await call("POST", "/api/leases", { cookie, body: subleaseBody(unit.id, person.id) });
    const signed = await call("POST", `/api/leases/${created.json.id}/sign`, { cookie, body: {} });
    expect(signed.status).toBe(422);
    expect(signed.json.code).toBe("ENERGY_CLASS_NOT_ALLOWED");
  });

  it("re-checks the building's 20% cap at signature", async () => {
    const { call, cookie, organisation, building, person, landlord } = await setup();
    // 10 dwellings: 2 programme units at most; two are already let
    for (let i = 0; i < 2; i++) {
      await createUnit(db.current.db, {
        organisationId: organisation.id,
        buildingId: building.id,
        status: "let",
      });
    }
    const third = await createUnit(db.current.db, {
      organisationId: organisation.id,
      buildingId: building.id,
      landlordId: landlord.id,
    });
    const created = await call("POST", "/api/leases", { cookie, body: subleaseBody(third.id, person.id) });
    const signed = await call("POST", `/api/leases/${created.json.id}/sign`, { cookie, body: {} });
    expect(signed.status).toBe(409);
    expect(signed.json.code).toBe("SCATTER_CAP_EXCEEDED");
  });

  it("forbidden: finance cannot write (403); another organisation's lease → 404", async () => {
    const { call, cookie, unit, person, organisation, clock } = await setup();
    const created = await call("POST", "/api/leases", { cookie, body: subleaseBody(unit.id, person.id) });
    const finance = await createUser(db.current.db, { organisationId: organisation.id, role: "finance" });
    const financeCookie = await sessionCookieFor(db.current.db, finance, clock.now());
    expect(
      (await call("POST", `/api/leases/${created.json.id}/sign`, { cookie: financeCookie, body: {} })).status,
    ).toBe(403);
    const other = await setup();
    expect((await call("GET", `/api/leases/${created.json.id}`, { cookie: other.cookie })).status).toBe(404);
    expect(
      (await call("POST", `/api/leases/${created.json.id}/sign`, { cookie: other.cookie, body: {} })).status,
    ).toBe(404);
  });
});

describe("sliding lease, glissement, notice and relocation", () => {
  const sliding = {
    targetDate: "2028-12-01",
    conditions: ["paiement régulier du loyer pendant douze mois"],
    reviewDates: ["2027-06-01", "2027-12-01"],
  };

  async function signedSlidingLease() {
    const context = await setup();
    const created = await context.call("POST", "/api/leases", {
      cookie: context.cookie,
      body: subleaseBody(context.unit.id, context.person.id, { kind: "sliding_sublease", sliding }),
    });
    const signed = await context.call("POST", `/api/leases/${created.json.id}/sign`, {
      cookie: context.cookie,
      body: {},
    });
    expect(signed.status).toBe(200);
    // the sub-lease and the tripartite agreement
    expect(signed.json.documents.map((d: { templateId: string }) => d.templateId)).toEqual([
      "sublease",
      "sliding_lease_agreement",
    ]);
    return { ...context, leaseId: created.json.id as string };
  }

  it("refuses the glissement until the last review concluded favourably, then slides", async () => {
    const { call, cookie, leaseId, unit, landlord, person } = await signedSlidingLease();
    const none = await call("POST", `/api/leases/${leaseId}/glissement`, {
      cookie,
      body: { effectiveDate: "2028-12-01" },
    });
    expect(none.status).toBe(422);
    expect(none.json.code).toBe("GLISSEMENT_NOT_ALLOWED");

    await call("POST", `/api/leases/${leaseId}/reviews`, {
      cookie,
      body: { heldOn: "2027-06-03", outcome: "favourable" },
    });
    await call("POST", `/api/leases/${leaseId}/reviews`, {
      cookie,
      body: { heldOn: "2027-12-02", outcome: "unfavourable" },
    });
    const refused = await call("POST", `/api/leases/${leaseId}/glissement`, {
      cookie,
      body: { effectiveDate: "2028-12-01" },
    });
    expect(refused.status).toBe(422);
    expect(refused.json.code).toBe("GLISSEMENT_NOT_ALLOWED");

    const review = await call("POST", `/api/leases/${leaseId}/reviews`, {
      cookie,
      body: { heldOn: "2028-06-02", outcome: "favourable", notes: "Loyers payés depuis 18 mois" },
    });
    expect(review.status).toBe(201);
    const slid = await call("POST", `/api/leases/${leaseId}/glissement`, {
      cookie,
      body: { effectiveDate: "2028-12-01" },
    });
    expect(slid.status).toBe(200);
    expect(slid.json.endedLease).toMatchObject({
      status: "ended",
      endReason: "glissement",
      endedOn: "2028-11-30",
    });
    expect(slid.json.directLease).toMatchObject({
      kind: "direct_lease",
      status: "signed",
      unitId: unit.id,
      landlordId: landlord.id,
      personId: person.id,
      startDate: "2028-12-01",
      durationMonths: 36,
      previousLeaseId: leaseId,
    });
    const [unitRow] = await db.current.db.select().from(units).where(eq(units.id, unit.id));
    expect(unitRow!.status).toBe("let");
    const again = await call("POST", `/api/leases/${leaseId}/glissement`, {
      cookie,
      body: { effectiveDate: "2028-12-01" },
    });
    expect(again.status).toBe(409);
  });

  it("notice then termination start the vacancy; relocation keeps the history", async () => {
    const { call, cookie, leaseId, unit, organisation, landlord } = await signedSlidingLease();
    const notice = await call("POST", `/api/leases/${leaseId}/notice`, {
      cookie,
      body: { givenOn: "2027-01-10", effectiveDate: "2027-02-10", reason: "relocation" },
    });
    expect(notice.status).toBe(200);
    expect(notice.json.status).toBe("notice_given");
    const other = await createUnit(db.current.db, {
      organisationId: organisation.id,
      buildingId: (
        await createBuilding(db.current.db, { organisationId: organisation.id, landlordId: landlord.id })
      ).id,
      landlordId: landlord.id,
    });
    const moved = await call("POST", `/api/leases/${leaseId}/relocation`, {
      cookie,
      body: { toUnitId: other.id, effectiveDate: "2027-02-11", kind: "sublease" },
    });
    expect(moved.status).toBe(200);
    expect(moved.json.endedLease).toMatchObject({
      status: "ended",
      endReason: "relocation",
      endedOn: "2027-02-10",
    });
    expect(moved.json.newLease).toMatchObject({
      status: "draft",
      unitId: other.id,
      previousLeaseId: leaseId,
    });
    const transitions = await db.current.db
      .select({ to: unitTransitions.toStatus })
      .from(unitTransitions)
      .where(and(eq(unitTransitions.organisationId, organisation.id), eq(unitTransitions.unitId, unit.id)))
      .orderBy(unitTransitions.recordedAt);
    expect(transitions.map((t) => t.to)).toEqual(["reserved", "let", "notice_given", "vacant"]);
    // the ended contract stays readable, and the new one points back to it
    const ended = await call("GET", `/api/leases/${leaseId}`, { cookie });
    expect(ended.json).toMatchObject({ status: "ended", endReason: "relocation", unitId: unit.id });
    const next = await call("GET", `/api/leases/${moved.json.newLease.id}`, { cookie });
    expect(next.json).toMatchObject({ previousLeaseId: leaseId, personId: ended.json.personId });
    const history = await call("GET", `/api/leases?personId=${moved.json.newLease.personId}`, { cookie });
    expect(history.json.total).toBe(2);
    expect(history.json.items.map((l: { id: string }) => l.id).sort()).toEqual(
      [leaseId, moved.json.newLease.id].sort(),
    );
  });
});

describe("notices (loi 89-462 art. 15) and the winter truce (CPCE L.412-6)", () => {
  async function signedSublease(extra: Record<string, unknown> = {}) {
    const context = await setup();
    const created = await context.call("POST", "/api/leases", {
      cookie: context.cookie,
      body: subleaseBody(context.unit.id, context.person.id, extra),
    });
    const signed = await context.call("POST", `/api/leases/${created.json.id}/sign`, {
      cookie: context.cookie,
      body: {},
    });
    expect(signed.status, JSON.stringify(signed.json)).toBe(200);
    return { ...context, leaseId: created.json.id as string };
  }

  it("the end of support is never a reason to end a lease (notice and termination refused)", async () => {
    const { call, cookie, leaseId } = await signedSublease();
    const notice = await call("POST", `/api/leases/${leaseId}/notice`, {
      cookie,
      body: { givenOn: "2026-12-01", effectiveDate: "2026-12-01", reason: "end_of_support" },
    });
    expect(notice.status).toBe(422);
    expect(notice.json.errors.map((e: { path: string }) => e.path)).toContain("json.reason");
    const ended = await call("POST", `/api/leases/${leaseId}/terminate`, {
      cookie,
      body: { endedOn: "2027-06-01", reason: "end_of_support" },
    });
    expect(ended.status).toBe(422);
  });

  it("tenant's notice: 3 months without a reason; an earlier end is refused with the earliest date", async () => {
    const { call, cookie, leaseId } = await signedSublease();
    const early = await call("POST", `/api/leases/${leaseId}/notice`, {
      cookie,
      body: { givenOn: "2027-01-10", effectiveDate: "2027-02-10" },
    });
    expect(early.status).toBe(422);
    expect(early.json).toMatchObject({
      code: "NOTICE_PERIOD_NOT_RESPECTED",
      noticePeriodMonths: 3,
      earliestEndDate: "2027-04-10",
    });
    expect(early.json.errors[0].path).toBe("effectiveDate");
    const notice = await call("POST", `/api/leases/${leaseId}/notice`, {
      cookie,
      body: { givenOn: "2027-01-10" },
    });
    expect(notice.status, JSON.stringify(notice.json)).toBe(200);
    expect(notice.json).toMatchObject({
      status: "notice_given",
      endDate: "2027-04-10",
      noticeGivenBy: "tenant",
      noticePeriodMonths: 3,
      noticeReason: "none",
    });
  });

  it("a justified RSA/AAH reason gives one month and the acknowledgement letter says so; unjustified gives three", async () => {
    const { call, cookie, leaseId } = await signedSublease();
    const unjustified = await call("POST", `/api/leases/${leaseId}/notice`, {
      cookie,
      body: { givenOn: "2027-09-14", effectiveDate: "2027-10-14", tenantReason: "rsa_or_aah" },
    });
    expect(unjustified.status).toBe(422);
    expect(unjustified.json.detail).toContain("non justifié");
    const notice = await call("POST", `/api/leases/${leaseId}/notice`, {
      cookie,
      body: { givenOn: "2027-09-14", tenantReason: "rsa_or_aah", justificationReceived: true },
    });
    expect(notice.status, JSON.stringify(notice.json)).toBe(200);
    expect(notice.json).toMatchObject({ endDate: "2027-10-14", noticePeriodMonths: 1 });
    expect(notice.json.document.templateId).toBe("tenant_notice_receipt");
    const pdf = await call("GET", `/api/documents/${notice.json.document.id}.pdf`, { cookie });
    const { text } = await pdfText(new Uint8Array(await pdf.response.arrayBuffer()));
    expect(text).toContain("14 octobre 2027");
    expect(text).toContain("RSA");
    // the end of the notice stands out in bold, never with the template's markers
    expect(text).toContain("Fin du préavis 14 octobre 2027");
    expect(text).not.toContain("**");
  });

  it("zone tendue from the commune list kept by the admins: one month without a reason", async () => {
    const { call, cookie, leaseId, organisation, clock } = await signedSublease();
    const source = "Annexe du décret n° 2013-392 du 10 mai 2013, modifiée (version du 22/12/2024)";
    const refused = await call("PUT", "/api/tight-market-communes", {
      cookie,
      body: { source, communes: [{ inseeCode: "21231", name: "Dijon" }] },
    });
    expect(refused.status).toBe(403);
    const admin = await createUser(db.current.db, { organisationId: organisation.id, role: "admin" });
    const adminCookie = await sessionCookieFor(db.current.db, admin, clock.now());
    const bad = await call("PUT", "/api/tight-market-communes", {
      cookie: adminCookie,
      body: { source, communes: [{ inseeCode: "2123", name: "Dijon" }] },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].path).toBe("json.communes.0.inseeCode");
    const saved = await call("PUT", "/api/tight-market-communes", {
      cookie: adminCookie,
      body: { source, communes: [{ inseeCode: "21231", name: "Dijon" }] },
    });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    const detail = await call("GET", `/api/leases/${leaseId}`, { cookie });
    expect(detail.json.noticeTerms).toMatchObject({ tightMarket: true, termDate: "2029-11-30" });
    const notice = await call("POST", `/api/leases/${leaseId}/notice`, {
      cookie,
      body: { givenOn: "2027-01-10" },
    });
    expect(notice.json).toMatchObject({ endDate: "2027-02-10", noticePeriodMonths: 1 });
  });

  it("art. 15 III: no lessor's notice to a tenant over 65 of modest means without a dwelling offered", async () => {
    const { call, cookie, leaseId, person } = await signedSublease();
    await db.current.db.update(persons).set({ birthDate: "1962-03-01" }).where(eq(persons.id, person.id));
    const body = {
      givenBy: "lessor",
      givenOn: "2029-05-02",
      lessorMotive: "legitimate_serious_reason",
      motiveDetail: "Manquements répétés à l'obligation d'user paisiblement des locaux",
    };
    // 67 at the term of 30/11/2029; the operator (a legal person) cannot claim the lessor's exemption
    const refused = await call("POST", `/api/leases/${leaseId}/notice`, {
      cookie,
      body: { ...body, lessorExempt: true },
    });
    expect(refused.status).toBe(422);
    expect(refused.json.code).toBe("LESSOR_NOTICE_NOT_ALLOWED");
    expect(refused.json.errors).toEqual([expect.objectContaining({ code: "elderly_tenant_protected" })]);
    await db.current.db.update(persons).set({ birthDate: null }).where(eq(persons.id, person.id));
    const unknown = await call("POST", `/api/leases/${leaseId}/notice`, { cookie, body });
    expect(unknown.json.errors[0].code).toBe("tenant_age_unknown");
    await db.current.db.update(persons).set({ birthDate: "1962-03-01" }).where(eq(persons.id, person.id));
    const offered = await call("POST", `/api/leases/${leaseId}/notice`, {
      cookie,
      body: { ...body, relocationOffered: true },
    });
    expect(offered.status, JSON.stringify(offered.json)).toBe(200);
  });

  it("lessor's notice only for the term, 6 months ahead, motivated; the winter truce is shown", async () => {
    const { call, cookie, leaseId } = await signedSublease();
    const midTerm = await call("POST", `/api/leases/${leaseId}/notice`, {
      cookie,
      body: {
        givenBy: "lessor",
        givenOn: "2027-06-01",
        effectiveDate: "2027-12-31",
        lessorMotive: "legitimate_serious_reason",
        motiveDetail: "Troubles de voisinage répétés",
      },
    });
    expect(midTerm.status).toBe(422);
    expect(midTerm.json.code).toBe("LESSOR_NOTICE_NOT_ALLOWED");
    expect(midTerm.json.errors.map((e: { path: string }) => e.path)).toEqual(["effectiveDate"]);
    const late = await call("POST", `/api/leases/${leaseId}/notice`, {
      cookie,
      body: { givenBy: "lessor", givenOn: "2029-07-01", lessorMotive: "repossession" },
    });
    expect(late.status).toBe(422);
    expect(late.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "givenOn",
      "lessorMotive",
      "motiveDetail",
    ]);
    const notice = await call("POST", `/api/leases/${leaseId}/notice`, {
      cookie,
      body: {
        givenBy: "lessor",
        givenOn: "2029-05-02",
        lessorMotive: "legitimate_serious_reason",
        motiveDetail: "Manquements répétés à l'obligation d'user paisiblement des locaux",
      },
    });
    expect(notice.status, JSON.stringify(notice.json)).toBe(200);
    expect(notice.json).toMatchObject({
      endDate: "2029-11-30",
      noticeGivenBy: "lessor",
      winterTruce: { from: "2029-11-01", to: "2030-03-31" },
    });
    expect(notice.json.document.templateId).toBe("lessor_notice");
    const detail = await call("GET", `/api/leases/${leaseId}`, { cookie });
    expect(detail.json.winterTruce).toEqual({ from: "2029-11-01", to: "2030-03-31" });
    // no eviction by court decision in the truce
    const evicted = await call("POST", `/api/leases/${leaseId}/terminate`, {
      cookie,
      body: { endedOn: "2029-12-15", reason: "court_decision" },
    });
    expect(evicted.status).toBe(409);
    expect(evicted.json).toMatchObject({
      code: "EVICTION_DURING_WINTER_TRUCE",
      winterTruce: { from: "2029-11-01", to: "2030-03-31" },
    });
    expect(evicted.json.errors[0].path).toBe("endedOn");
  });

  it("past its term without notice, runs on (tacit renewal, art. 10): the lessor's notice is for the end of the renewed term, not the passed one", async () => {
    const { call, cookie, leaseId } = await signedSublease();
    const notice = await call("POST", `/api/leases/${leaseId}/notice`, {
      cookie,
      body: {
        givenBy: "lessor",
        givenOn: "2030-01-10",
        lessorMotive: "legitimate_serious_reason",
        motiveDetail: "Manquements répétés à l'obligation d'user paisiblement des locaux",
      },
    });
    expect(notice.status, JSON.stringify(notice.json)).toBe(200);
    expect(notice.json.endDate).toBe("2032-11-30");
  });
});

describe("checks at signature: head lease, DPE, mandate, previous rent, month ends", () => {
  async function headLeaseOn(context: Awaited<ReturnType<typeof setup>>, rentCents: number) {
    const head = await context.call("POST", "/api/leases", {
      cookie: context.cookie,
      body: {
        kind: "head_lease",
        unitId: context.unit.id,
        startDate: "2026-11-01",
        rentCents,
        chargesCents: 4_500,
        depositCents: 0,
        paymentDay: 1,
        irlReferenceQuarter: "T2",
      },
    });
    expect(head.status, JSON.stringify(head.json)).toBe(201);
    const signed = await context.call("POST", `/api/leases/${head.json.id}/sign`, {
      cookie: context.cookie,
      body: {},
    });
    expect(signed.status, JSON.stringify(signed.json)).toBe(200);
    return head.json as { id: string; endDate: string };
  }

  it("refuses a sub-rent above the head rent per m² (art. 8) and a sub-lease beyond its head lease", async () => {
    const context = await setup();
    const head = await headLeaseOn(context, 40_000);
    const refused = await context.call("POST", "/api/leases", {
      cookie: context.cookie,
      body: subleaseBody(context.unit.id, context.person.id, { rentCents: 50_000, depositCents: 50_000 }),
    });
    expect(refused.status).toBe(422);
    expect(refused.json.code).toBe("LEASE_TERMS_NOT_ALLOWED");
    expect(refused.json.errors.map((e: { path: string; code: string }) => e.code)).toEqual([
      "sub_rent_above_head_rent",
    ]);
    // the sub-lease's term follows the head lease's (36 months from 2026-11-01 → 2029-10-31)
    const created = await context.call("POST", "/api/leases", {
      cookie: context.cookie,
      body: subleaseBody(context.unit.id, context.person.id, { rentCents: 40_000, depositCents: 40_000 }),
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json.endDate <= head.endDate).toBe(true);
    expect(created.json.endDate).toBe("2029-10-31");
    const beyond = await context.call("POST", "/api/leases", {
      cookie: context.cookie,
      body: subleaseBody(context.unit.id, context.person.id, {
        rentCents: 40_000,
        depositCents: 40_000,
        durationMonths: 48,
      }),
    });
    expect(beyond.status).toBe(422);
    expect(beyond.json.errors[0].code).toBe("sublease_beyond_head_lease");
  });

  it("refuses to sign on an expired DPE (made in 2019: expired on 31 Dec 2024)", async () => {
    const context = await setup();
    await db.current.db
      .update(units)
      .set({ energyDiagnosisDate: "2019-06-15" })
      .where(eq(units.id, context.unit.id));
    const created = await context.call("POST", "/api/leases", {
      cookie: context.cookie,
      body: subleaseBody(context.unit.id, context.person.id),
    });
    const signed = await context.call("POST", `/api/leases/${created.json.id}/sign`, {
      cookie: context.cookie,
      body: {},
    });
    expect(signed.status).toBe(422);
    expect(signed.json).toMatchObject({ code: "DPE_NOT_VALID", validUntil: "2024-12-31" });
    expect(signed.json.errors[0].path).toBe("unit.energyDiagnosisDate");
  });

  it("judges the previous rent at the signature date, not the start", async () => {
    const context = await setup();
    const other = await createPerson(db.current.db, {
      organisationId: context.organisation.id,
      status: "housed",
    });
    // the previous tenant left on 2025-05-31: 18 months run to 2026-11-30; signed on 2026-11-23
    await db.current.db.insert(leases).values({
      organisationId: context.organisation.id,
      kind: "sublease",
      status: "ended",
      unitId: context.unit.id,
      landlordId: context.landlord.id,
      personId: other.id,
      startDate: "2023-06-01",
      durationMonths: 36,
      rentCents: 50_000,
      endedOn: "2025-05-31",
      endReason: "departure",
    });
    const created = await context.call("POST", "/api/leases", {
      cookie: context.cookie,
      body: subleaseBody(context.unit.id, context.person.id, { startDate: "2026-12-15" }),
    });
    const signed = await context.call("POST", `/api/leases/${created.json.id}/sign`, {
      cookie: context.cookie,
      body: {},
    });
    expect(signed.status).toBe(422);
    expect(signed.json.errors.map((e: { path: string }) => e.path)).toEqual(["previousRentCents"]);
  });

  it("ends a lease starting on 29 February on 28 February (not the 27th)", async () => {
    const context = await setup();
    const created = await context.call("POST", "/api/leases", {
      cookie: context.cookie,
      body: subleaseBody(context.unit.id, context.person.id, {
        startDate: "2028-02-29",
        furnished: true,
        durationMonths: 12,
      }),
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json.endDate).toBe("2029-02-28");
  });
});

import { expectArchivalPdf } from "../support/pdf-archival";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import {
  createDraftLease,
  createLandlord,
  createOrganisation,
  createUser,
  sessionCookieFor,
} from "../support/factories";
import { pdfText } from "../support/pdf-text";

const db = useTestDatabase();

async function setup() {
  const app = createTestApp(db.current, { now: "2026-11-23T10:00:00+01:00" });
  const org = await createOrganisation(db.current.db, { capacity: 90 });
  const officer = await createUser(db.current.db, { organisationId: org.id, role: "housing_officer" });
  const cookie = await sessionCookieFor(db.current.db, officer, app.clock.now());
  const landlord = await createLandlord(db.current.db, {
    organisationId: org.id,
    displayName: "Habitat Dijon",
  });
  const other = await createLandlord(db.current.db, {
    organisationId: org.id,
    displayName: "Autre bailleur",
  });
  const lease = await createDraftLease(db.current.db, {
    organisationId: org.id,
    landlordId: landlord.id,
    status: "signed",
    startDate: "2026-03-01",
    signedOn: "2026-02-20",
  });
  const otherLease = await createDraftLease(db.current.db, {
    organisationId: org.id,
    landlordId: other.id,
    status: "signed",
    startDate: "2026-03-01",
    signedOn: "2026-02-20",
  });
  return { ...app, org, cookie, landlord, other, lease, otherLease };
}

describe("tenancy keeping: the risk register, prevention, partner meetings, relocation (seed 004, §8.5.1)", () => {
  it("records a risk with actions and prevention steps, raises the overdue alert, then closes it", async () => {
    const { call, cookie, lease } = await setup();
    const created = await call("POST", `/api/leases/${lease.id}/tenancy-risks`, {
      cookie,
      body: {
        kind: "unpaid_rent",
        noticedOn: "2026-10-05",
        reportedBy: "landlord",
        facts: "2 mois de loyer dus : 1 040 €",
      },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ kind: "unpaid_rent", alert: "open", landlordName: "Habitat Dijon" });
    const riskId = created.json.id;

    // an action whose due date has passed is overdue; the register counts it
    const action = await call("POST", `/api/tenancy-risks/${riskId}/actions`, {
      cookie,
      body: { action: "Monter le dossier FSL", owner: "Chargée de gestion locative", dueOn: "2026-11-15" },
    });
    expect(action.status).toBe(201);
    expect(action.json.alert).toBe("overdue");
    expect(action.json.actions[0]).toMatchObject({ overdue: true, doneOn: null });
    const register = await call("GET", "/api/keeping/risks?open=true", { cookie });
    expect(register.json.overdueActions).toBe(1);
    // and the officers' alerts inbox says so, with the action and its date
    const alerts = await call("GET", "/api/alerts", { cookie });
    expect(alerts.json.items.filter((a: { kind: string }) => a.kind === "tenancy_risk_overdue")).toEqual([
      expect.objectContaining({
        severity: "critical",
        dueDate: "2026-11-15",
        message: expect.stringContaining("« Monter le dossier FSL » prévue le 15/11/2026"),
      }),
    ]);

    // loi 89-462 art. 24 I: six weeks after the commandement de payer
    const step = await call("POST", `/api/tenancy-risks/${riskId}/prevention-steps`, {
      cookie,
      body: { kind: "payment_order_received", stepOn: "2026-11-20", deadlineOn: "2026-11-25" },
    });
    expect(step.status).toBe(201);
    expect(step.json.steps[0]).toMatchObject({ kind: "payment_order_received", deadlineOn: "2027-01-01" });

    const done = await call("POST", `/api/risk-actions/${action.json.actions[0].id}/done`, {
      cookie,
      body: { doneOn: "2026-11-22" },
    });
    expect(done.status).toBe(200);
    expect(done.json.actions[0].overdue).toBe(false);

    const closed = await call("POST", `/api/tenancy-risks/${riskId}/close`, {
      cookie,
      body: { closedOn: "2026-11-23", outcome: "resolved" },
    });
    expect(closed.json).toMatchObject({ alert: "closed", outcome: "resolved" });
    const quiet = await call("GET", "/api/alerts", { cookie });
    expect(quiet.json.items.some((a: { kind: string }) => a.kind.startsWith("tenancy_risk_"))).toBe(false);
    const again = await call("POST", `/api/tenancy-risks/${riskId}/actions`, {
      cookie,
      body: { action: "x", owner: "y", dueOn: "2026-12-01" },
    });
    expect(again.status).toBe(409);
  });

  it("refuses a risk dated in the future or before the contract, or on a draft contract", async () => {
    const { call, cookie, lease, org, landlord } = await setup();
    const future = await call("POST", `/api/leases/${lease.id}/tenancy-risks`, {
      cookie,
      body: { kind: "damage", noticedOn: "2026-11-24", reportedBy: "neighbour" },
    });
    expect(future.status).toBe(422);
    expect(future.json.errors[0]).toMatchObject({ path: "json.noticedOn" });
    const before = await call("POST", `/api/leases/${lease.id}/tenancy-risks`, {
      cookie,
      body: { kind: "damage", noticedOn: "2026-02-01", reportedBy: "neighbour" },
    });
    expect(before.status).toBe(422);
    const draft = await createDraftLease(db.current.db, { organisationId: org.id, landlordId: landlord.id });
    const onDraft = await call("POST", `/api/leases/${draft.id}/tenancy-risks`, {
      cookie,
      body: { kind: "damage", noticedOn: "2026-11-01", reportedBy: "neighbour" },
    });
    expect(onDraft.status).toBe(409);
  });

  it("keeps a meeting's agenda to the landlord's flats; the landlord reads its minutes, never another's", async () => {
    const { call, cookie, lease, otherLease, landlord, org, clock } = await setup();
    const risk = await call("POST", `/api/leases/${lease.id}/tenancy-risks`, {
      cookie,
      body: { kind: "neighbour_trouble", noticedOn: "2026-11-02", reportedBy: "landlord" },
    });
    const foreign = await call("POST", `/api/leases/${otherLease.id}/tenancy-risks`, {
      cookie,
      body: { kind: "damage", noticedOn: "2026-11-02", reportedBy: "landlord" },
    });
    const refused = await call("POST", "/api/keeping/meetings", {
      cookie,
      body: {
        heldOn: "2026-11-20",
        landlordId: landlord.id,
        attendees: ["Habitat Dijon (gardien)"],
        riskIds: [risk.json.id, foreign.json.id],
        decisions: "x",
      },
    });
    expect(refused.status).toBe(422);
    const meeting = await call("POST", "/api/keeping/meetings", {
      cookie,
      body: {
        heldOn: "2026-11-20",
        landlordId: landlord.id,
        attendees: ["Habitat Dijon (gardien)", "Chargée de gestion locative"],
        riskIds: [risk.json.id],
        decisions:
          "Médiation avec le voisin du dessous proposée par le bailleur.\nPoint à la prochaine réunion.",
      },
    });
    expect(meeting.status).toBe(201);
    expect(meeting.json.agenda).toHaveLength(1);

    const minutes = await call("GET", `/api/keeping/meetings/${meeting.json.id}/minutes`, { cookie });
    expect(minutes.status).toBe(200);
    expect(minutes.headers.get("content-type")).toBe("application/pdf");
    expect(minutes.headers.get("content-disposition")).toMatch(
      /^inline; filename=compte-rendu-reunion-\d{4}-\d\d-\d\d-[0-9A-F]{8}\.pdf; filename\*=UTF-8''compte-rendu-r%C3%A9union-/,
    );
    const minutesPdf = new Uint8Array(await minutes.response.arrayBuffer());
    await expectArchivalPdf(minutesPdf, expect, ["Document", "H1", "H2", "P"]);
    const { text } = await pdfText(minutesPdf);
    expect(text).toContain("Compte rendu de la réunion de maintien dans le logement");
    expect(text).toContain("Troubles de voisinage");
    expect(text).toContain("Médiation avec le voisin du dessous");

    const owner = await createUser(db.current.db, {
      organisationId: org.id,
      role: "landlord",
      landlordId: landlord.id,
    });
    const ownerCookie = await sessionCookieFor(db.current.db, owner, clock.now());
    const portal = await call("GET", "/api/portal/meetings", { cookie: ownerCookie });
    expect(portal.status).toBe(200);
    expect(portal.json.items).toHaveLength(1);
    expect(JSON.stringify(portal.json)).not.toMatch(/resources|rsa|facts/);
    expect(
      (await call("GET", `/api/portal/meetings/${meeting.json.id}/minutes`, { cookie: ownerCookie })).status,
    ).toBe(200);

    const stranger = await createUser(db.current.db, { organisationId: org.id, role: "landlord" });
    const strangerCookie = await sessionCookieFor(db.current.db, stranger, clock.now());
    expect((await call("GET", "/api/portal/meetings", { cookie: strangerCookie })).json.items).toEqual([]);
    expect(
      (await call("GET", `/api/portal/meetings/${meeting.json.id}/minutes`, { cookie: strangerCookie }))
        .status,
    ).toBe(404);
    expect((await call("GET", "/api/keeping/risks", { cookie: ownerCookie })).status).toBe(403);
  });

  it("asks for a relocation that keeps the person's choices and carries the PDALHPD priority", async () => {
    const { call, cookie, lease } = await setup();
    const requested = await call("POST", `/api/leases/${lease.id}/relocation-requests`, {
      cookie,
      body: {
        requestedOn: "2026-11-10",
        reason: "Logement trop bruyant, conflit de voisinage",
        pdalhpdPriorityOn: "2026-11-18",
      },
    });
    expect(requested.status).toBe(201);
    expect(requested.json).toMatchObject({
      status: "requested",
      pdalhpdPriority: true,
      pdalhpdPriorityOn: "2026-11-18",
    });
    const person = await call("GET", `/api/persons/${lease.personId}`, { cookie });
    expect(person.json.relocationRequested).toBe(true);
    const twice = await call("POST", `/api/leases/${lease.id}/relocation-requests`, {
      cookie,
      body: { requestedOn: "2026-11-12", reason: "encore" },
    });
    expect(twice.status).toBe(409);
  });

  it("lets finance read the register but not write to it", async () => {
    const { call, lease, org, clock } = await setup();
    const finance = await createUser(db.current.db, { organisationId: org.id, role: "finance" });
    const financeCookie = await sessionCookieFor(db.current.db, finance, clock.now());
    expect((await call("GET", "/api/keeping/risks", { cookie: financeCookie })).status).toBe(200);
    const write = await call("POST", `/api/leases/${lease.id}/tenancy-risks`, {
      cookie: financeCookie,
      body: { kind: "damage", noticedOn: "2026-11-02", reportedBy: "landlord" },
    });
    expect(write.status).toBe(403);
  });
});

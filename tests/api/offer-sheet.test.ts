import { and, eq } from "drizzle-orm";
import { expectArchivalPdf } from "../support/pdf-archival";
import { describe, expect, it } from "vitest";
import { auditLog, documents } from "../../db/schema";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import {
  createBuilding,
  createLandlord,
  createOrganisation,
  createPerson,
  createUnit,
  createUser,
  sessionCookieFor,
} from "../support/factories";
import { pdfText } from "../support/pdf-text";

const db = useTestDatabase();

async function setup(role: "housing_officer" | "finance" = "housing_officer") {
  const app = createTestApp(db.current, { now: "2026-11-23T10:00:00+01:00" });
  const org = await createOrganisation(db.current.db);
  const user = await createUser(db.current.db, { organisationId: org.id, role });
  const cookie = await sessionCookieFor(db.current.db, user, app.clock.now());
  return { ...app, org, user, cookie };
}

async function panelOfThree(setupResult: Awaited<ReturnType<typeof setup>>) {
  const { call, cookie, org } = setupResult;
  const unitIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const building = await createBuilding(db.current.db, { organisationId: org.id });
    unitIds.push(
      (
        await createUnit(db.current.db, {
          organisationId: org.id,
          buildingId: building.id,
          statusSince: "2026-10-01",
        })
      ).id,
    );
  }
  const person = await createPerson(db.current.db, { organisationId: org.id });
  const panel = await call("POST", `/api/persons/${person.id}/panels`, { cookie, body: { unitIds } });
  expect(panel.status).toBe(201);
  return { person, panel: panel.json };
}

describe("GET /api/panels/{id}/offer-sheet.pdf", () => {
  it("produces the offer sheet once, with the person and the three offers, then serves the stored one", async () => {
    const context = await setup();
    const { person, panel } = await panelOfThree(context);
    const first = await context.call("GET", `/api/panels/${panel.id}/offer-sheet.pdf`, {
      cookie: context.cookie,
    });
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("application/pdf");
    // the date of the proposal and a short reference; no uuid, no name
    const disposition = first.headers.get("content-disposition") ?? "";
    expect(disposition).toMatch(/^attachment; filename=fiche-proposition-\d{4}-\d\d-\d\d-[0-9A-F]{8}\.pdf$/);
    expect(disposition).not.toContain(panel.id);
    const bytes = Buffer.from(await first.response.arrayBuffer());
    await expectArchivalPdf(bytes, expect);
    const { text } = await pdfText(bytes);
    expect(text).toContain(`${person.firstName} ${person.lastName}`);
    for (const offer of panel.offers) expect(text).toContain(offer.unit.address.street);

    const second = await context.call("GET", `/api/panels/${panel.id}/offer-sheet.pdf`, {
      cookie: context.cookie,
    });
    expect(Buffer.from(await second.response.arrayBuffer()).equals(bytes)).toBe(true);
    expect(second.headers.get("x-document-id")).toBe(first.headers.get("x-document-id"));
    const stored = await db.current.db
      .select()
      .from(documents)
      .where(and(eq(documents.organisationId, context.org.id), eq(documents.templateId, "offer_sheet")));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      subjectType: "panel",
      subjectId: panel.id,
      personId: person.id,
      landlordVisible: false,
    });
    const generated = await db.current.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.organisationId, context.org.id), eq(auditLog.action, "document.generate")));
    expect(generated).toHaveLength(1);
  });

  it("is 404 for an unknown panel or another organisation's, 403 for landlords", async () => {
    const owner = await setup();
    const { panel } = await panelOfThree(owner);
    const stranger = await setup();
    expect(
      (await stranger.call("GET", `/api/panels/${panel.id}/offer-sheet.pdf`, { cookie: stranger.cookie }))
        .status,
    ).toBe(404);
    expect(
      (
        await owner.call("GET", "/api/panels/00000000-0000-4000-8000-000000000000/offer-sheet.pdf", {
          cookie: owner.cookie,
        })
      ).status,
    ).toBe(404);
    // a landlord of the same organisation: the sheet shows the person's resources
    const landlordRecord = await createLandlord(db.current.db, { organisationId: owner.org.id });
    const landlordUser = await createUser(db.current.db, {
      organisationId: owner.org.id,
      role: "landlord",
      landlordId: landlordRecord.id,
    });
    const landlordCookie = await sessionCookieFor(db.current.db, landlordUser, owner.clock.now());
    expect(
      (await owner.call("GET", `/api/panels/${panel.id}/offer-sheet.pdf`, { cookie: landlordCookie })).status,
    ).toBe(403);
  });
});

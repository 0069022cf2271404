import { expectArchivalPdf } from "../support/pdf-archival";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../server/modules/documents/documents.rules";
import { generateDocument } from "../../server/modules/documents/documents.service";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { documentSamples } from "../support/document-samples";
import { createLandlord, createOrganisation, createUser, sessionCookieFor } from "../support/factories";

const db = useTestDatabase();
const createdAt = new Date("2026-11-23T09:00:00Z");

async function setup() {
  const organisation = await createOrganisation(db.current.db);
  const landlord = await createLandlord(db.current.db, { organisationId: organisation.id });
  const mandate = await generateDocument(db.current.db, {
    organisationId: organisation.id,
    templateId: "management_mandate",
    data: documentSamples.management_mandate,
    links: { landlordId: landlord.id },
    createdAt,
  });
  const sublease = await generateDocument(db.current.db, {
    organisationId: organisation.id,
    templateId: "sublease",
    data: documentSamples.sublease,
    links: { landlordId: landlord.id },
    createdAt,
  });
  const officer = await createUser(db.current.db, {
    organisationId: organisation.id,
    role: "housing_officer",
  });
  const landlordUser = await createUser(db.current.db, {
    organisationId: organisation.id,
    role: "landlord",
    landlordId: landlord.id,
  });
  return { organisation, landlord, mandate, sublease, officer, landlordUser };
}

describe("GET /api/documents/{id}.pdf", () => {
  it("serves the stored PDF with its hash to the organisation's staff", async () => {
    const { mandate, officer } = await setup();
    const { call, clock } = createTestApp(db.current);
    const cookie = await sessionCookieFor(db.current.db, officer, clock.now());
    const { status, headers, response } = await call("GET", `/api/documents/${mandate.documentId}.pdf`, {
      cookie,
    });
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("application/pdf");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(sha256Hex(bytes)).toBe(mandate.sha256);
    expect(headers.get("x-document-sha256")).toBe(mandate.sha256);
    // a French file name with the mandate number (RFC 6266), no template id nor uuid
    expect(headers.get("content-disposition")).toMatch(/^inline; filename=mandat-gestion-\d+\.pdf$/);
    await expectArchivalPdf(bytes, expect);
  });

  it("stores template id, version, data and hash; the row cannot be changed afterwards", async () => {
    const { mandate, organisation } = await setup();
    const rows = await db.current.query<{
      template_id: string;
      template_version: number;
      sha256: string;
      data: { mandate: { number: number } };
    }>(
      "select template_id, template_version, sha256, data from documents where organisation_id = $1 and id = $2",
      [organisation.id, mandate.documentId],
    );
    expect(rows[0]).toMatchObject({
      template_id: "management_mandate",
      template_version: 1,
      sha256: mandate.sha256,
    });
    expect(rows[0]!.data.mandate.number).toBe(17);
    await expect(
      db.current.query("update documents set title = 'x' where id = $1", [mandate.documentId]),
    ).rejects.toThrow(/immutable/);
  });

  it("a landlord reads their mandate but not a tenant document nor another landlord's", async () => {
    const { mandate, sublease, landlordUser, organisation } = await setup();
    const other = await createLandlord(db.current.db, { organisationId: organisation.id });
    const otherUser = await createUser(db.current.db, {
      organisationId: organisation.id,
      role: "landlord",
      landlordId: other.id,
    });
    const { call, clock } = createTestApp(db.current);
    const cookie = await sessionCookieFor(db.current.db, landlordUser, clock.now());
    expect((await call("GET", `/api/documents/${mandate.documentId}.pdf`, { cookie })).status).toBe(200);
    expect((await call("GET", `/api/documents/${sublease.documentId}.pdf`, { cookie })).status).toBe(404);
    const otherCookie = await sessionCookieFor(db.current.db, otherUser, clock.now());
    expect(
      (await call("GET", `/api/documents/${mandate.documentId}.pdf`, { cookie: otherCookie })).status,
    ).toBe(404);
    const list = await call("GET", "/api/documents", { cookie });
    expect(list.json.items.map((item: { id: string }) => item.id)).toEqual([mandate.documentId]);
  });

  it("another organisation's document → 404; a malformed name → 422; anonymous → 401", async () => {
    const { mandate } = await setup();
    const stranger = await createOrganisation(db.current.db);
    const strangerUser = await createUser(db.current.db, { organisationId: stranger.id, role: "admin" });
    const { call, clock } = createTestApp(db.current);
    const cookie = await sessionCookieFor(db.current.db, strangerUser, clock.now());
    const foreign = await call("GET", `/api/documents/${mandate.documentId}.pdf`, { cookie });
    expect(foreign.status).toBe(404);
    expect((await call("GET", "/api/documents/not-a-document.pdf", { cookie })).status).toBe(422);
    expect((await call("GET", `/api/documents/${mandate.documentId}.pdf`)).status).toBe(401);
  });
});

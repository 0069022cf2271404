import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "../../db/schema";
import { useTestDatabase } from "../support/db";
import { createBuilding } from "../support/factories";
import { staffWithApp } from "../support/stock-fixture";

const db = useTestDatabase();
const IBAN = "FR76 3000 6000 0112 3456 7890 189";

describe("landlords", () => {
  it("creates an SCI with a valid IBAN; finance and admin see it in clear, officers only masked", async () => {
    const { call, officer, finance, admin, org } = await staffWithApp(db.current);
    const created = await call("POST", "/api/landlords", {
      cookie: officer,
      body: { kind: "sci", displayName: "SCI des Tanneries", email: "sci@exemple.fr", iban: IBAN },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      kind: "sci",
      hasIban: true,
      iban: null,
      ibanMasked: "FR•• •••• •••• 0189",
    });
    const id = created.json.id;
    for (const cookie of [finance, admin]) {
      const { json } = await call("GET", `/api/landlords/${id}`, { cookie });
      expect(json.iban).toBe("FR7630006000011234567890189");
    }
    const asOfficer = await call("GET", `/api/landlords/${id}`, { cookie: officer });
    expect(asOfficer.json.iban).toBeNull();
    expect(JSON.stringify((await call("GET", "/api/landlords", { cookie: officer })).json)).not.toContain(
      "3000600001",
    );
    // the audit trail never holds the IBAN in clear either
    const audits = await db.current.db.select().from(auditLog).where(eq(auditLog.organisationId, org.id));
    expect(JSON.stringify(audits)).not.toContain("30006000011234567890189");
  });

  it("refuses an IBAN whose mod-97 key is wrong, and other invalid fields", async () => {
    const { call, officer } = await staffWithApp(db.current);
    const wrongKey = await call("POST", "/api/landlords", {
      cookie: officer,
      body: { kind: "private_person", displayName: "Mme Martin", iban: "FR7630006000011234567890188" },
    });
    expect(wrongKey.status).toBe(422);
    expect(wrongKey.json.errors).toEqual([
      { path: "iban", message: "Clé de contrôle de l'IBAN incorrecte", code: "checksum" },
    ]);
    const bad = await call("POST", "/api/landlords", {
      cookie: officer,
      body: { kind: "landlord", displayName: "", email: "nope" },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "json.displayName",
      "json.email",
      "json.kind",
    ]);
  });

  it("updates and deletes a landlord; refuses to delete one that still owns a building", async () => {
    const { call, officer, org } = await staffWithApp(db.current);
    const { json: created } = await call("POST", "/api/landlords", {
      cookie: officer,
      body: { kind: "social_landlord", displayName: "Grand Dijon Habitat" },
    });
    const patched = await call("PATCH", `/api/landlords/${created.id}`, {
      cookie: officer,
      body: { phone: "03 80 00 00 00", iban: IBAN },
    });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ phone: "03 80 00 00 00", hasIban: true });
    await createBuilding(db.current.db, { organisationId: org.id, landlordId: created.id });
    const refused = await call("DELETE", `/api/landlords/${created.id}`, { cookie: officer });
    expect(refused.status).toBe(409);
    const { json: free } = await call("POST", "/api/landlords", {
      cookie: officer,
      body: { kind: "company", displayName: "Foncière Bourgogne" },
    });
    expect((await call("DELETE", `/api/landlords/${free.id}`, { cookie: officer })).status).toBe(204);
    expect((await call("GET", `/api/landlords/${free.id}`, { cookie: officer })).status).toBe(404);
  });

  it("is forbidden to landlords and to finance for writes; another organisation gets 404", async () => {
    const { call, landlordUser, finance, landlord } = await staffWithApp(db.current);
    expect((await call("GET", "/api/landlords", { cookie: landlordUser })).status).toBe(403);
    const write = await call("POST", "/api/landlords", {
      cookie: finance,
      body: { kind: "sci", displayName: "SCI" },
    });
    expect(write.status).toBe(403);
    const other = await staffWithApp(db.current);
    expect((await call("GET", `/api/landlords/${landlord.id}`, { cookie: other.officer })).status).toBe(404);
    const patch = await call("PATCH", `/api/landlords/${landlord.id}`, {
      cookie: other.officer,
      body: { phone: "1" },
    });
    expect(patch.status).toBe(404);
  });
});

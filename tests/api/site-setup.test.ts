import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "../../db/schema";
import { setUpSite } from "../../server/modules/organisations/organisations.service";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";

const db = useTestDatabase();

const site = {
  name: "Un Chez-soi d'abord — Besançon",
  kind: "chez_soi_site" as const,
  city: "Besançon",
  capacity: 100,
  adminEmail: "direction@chezsoi-besancon.fr",
  adminFullName: "Claire Directrice",
};

describe("setting up a new site", () => {
  it("creates the organisation at the national rules and invites its first administrator", async () => {
    const { call, clock } = createTestApp(db.current);
    const created = await setUpSite({ db: db.current.db, clock }, site, "https://logement.example.fr");
    expect(created.organisation).toMatchObject({
      name: site.name,
      kind: "chez_soi_site",
      capacity: 100,
      buildingCapBasisPoints: 2000,
      residualRentCeilingBasisPoints: 3000,
      firstOfferDeadlineWeeks: 8,
      minimumPanelSize: 3,
    });
    expect(created.admin).toMatchObject({ role: "admin", hasPassword: false, email: site.adminEmail });
    expect(created.invitation.url).toMatch(/^https:\/\/logement\.example\.fr\/set-password#token=/);

    const token = decodeURIComponent(created.invitation.url!.split("#token=")[1]!);
    const password = "trois chevaux bleus traversent la Saône";
    expect((await call("POST", "/api/auth/set-password", { body: { token, password } })).status).toBe(204);
    const login = await call("POST", "/api/auth/login", { body: { email: site.adminEmail, password } });
    expect(login.status).toBe(200);
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const organisation = await call("GET", "/api/organisation", { cookie });
    expect(organisation.json).toMatchObject({ id: created.organisation.id, name: site.name });

    // the organisation's audit chain starts with its own creation, made by the system
    const rows = await db.current.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.organisationId, created.organisation.id))
      .orderBy(auditLog.sequence);
    expect(rows.map((r) => r.action).slice(0, 3)).toEqual([
      "organisation.create",
      "user.create",
      "user.invitation_issued",
    ]);
  });

  it("refuses a second organisation of the same name and an e-mail already in use, writing nothing", async () => {
    const { clock } = createTestApp(db.current);
    const doubs = {
      ...site,
      name: "IML du Doubs",
      kind: "iml_association" as const,
      adminEmail: "iml@doubs.fr",
    };
    await setUpSite({ db: db.current.db, clock }, doubs, "http://localhost:3000");
    await expect(
      setUpSite({ db: db.current.db, clock }, { ...doubs, adminEmail: "autre@exemple.fr" }, "http://x"),
    ).rejects.toMatchObject({ code: "DUPLICATE" });
    await expect(
      setUpSite({ db: db.current.db, clock }, { ...doubs, name: "IML 25" }, "http://x"),
    ).rejects.toMatchObject({ code: "DUPLICATE" });
    const [counted] = await db.current.query<{ n: number }>(
      "select count(*)::int as n from organisations where name = 'IML 25'",
    );
    expect(counted!.n).toBe(0);
  });

  it("says in French which option is wrong, before opening any database", async () => {
    const run = promisify(execFile)(process.execPath, [
      "--import",
      "tsx",
      "server/cli/site-setup.ts",
      "--name",
      "IML Doubs",
      "--kind",
      "bailleur",
      "--city",
      "Besançon",
      "--capacity",
      "zéro",
      "--admin-email",
      "pas-une-adresse",
      "--admin-name",
      "Claire",
    ]);
    const failure = await run.then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(/--kind : /);
    expect(failure?.stderr).toMatch(/--capacity : /);
    expect(failure?.stderr).toMatch(/--admin-email : /);
  }, 60_000);
});

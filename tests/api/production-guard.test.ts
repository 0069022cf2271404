import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiTokens, sessions, users } from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../db/seed/demo-accounts";
import { defaultEnv } from "../../server/env";
import { fixedClock } from "../../server/lib/clock";
import { refuseDemoAccountsInProduction } from "../../server/modules/auth/production-guard";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";

const db = useTestDatabase();

describe("demo accounts", () => {
  it("one per role, usable with the demo password outside production", { timeout: 120_000 }, async () => {
    await seedDemo(db.current, fixedClock("2026-11-23"));
    const { call } = createTestApp(db.current);
    const roles = [];
    for (const account of DEMO_ACCOUNTS) {
      const login = await call("POST", "/api/auth/login", {
        body: { email: account.email, password: DEMO_PASSWORD },
      });
      expect(login.status).toBe(200);
      roles.push(login.json.role);
    }
    expect(roles.sort()).toEqual(["admin", "finance", "housing_officer", "landlord"]);
    await expect(
      refuseDemoAccountsInProduction(db.current, defaultEnv({ NODE_ENV: "development" })),
    ).resolves.toBe(undefined);
  });

  it("stop the server from starting in production until every one is gone", async () => {
    await seedDemo(db.current, fixedClock("2026-11-23")); // idempotent: the file's demo site
    const production = defaultEnv({ NODE_ENV: "production" });
    const removeAccount = async (email: string) => {
      const [user] = await db.current.db.select().from(users).where(eq(users.email, email));
      await db.current.db.delete(sessions).where(eq(sessions.userId, user!.id));
      await db.current.db.delete(apiTokens).where(eq(apiTokens.createdByUserId, user!.id));
      await db.current.db.delete(users).where(eq(users.id, user!.id));
    };
    await expect(refuseDemoAccountsInProduction(db.current, production)).rejects.toThrow(/admin@demo\.fr/);
    for (const account of DEMO_ACCOUNTS.slice(0, -1)) {
      await removeAccount(account.email);
    }
    // one left is one too many
    await expect(refuseDemoAccountsInProduction(db.current, production)).rejects.toThrow(
      /proprietaire@demo\.fr/,
    );
    await removeAccount(DEMO_ACCOUNTS.at(-1)!.email);
    await expect(refuseDemoAccountsInProduction(db.current, production)).resolves.toBe(undefined);
  });
});

import { inArray, sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { DEMO_ACCOUNTS } from "../../../db/seed/demo-accounts";
import { users } from "../../../db/schema";
import type { Env } from "../../env";

/** In production the server refuses to start while a demo account exists. */
export async function refuseDemoAccountsInProduction(database: Database, env: Env): Promise<void> {
  if (env.NODE_ENV !== "production") return;
  const emails = DEMO_ACCOUNTS.map((account) => account.email);
  const found = await database.db
    .select({ email: users.email })
    .from(users)
    .where(inArray(sql`lower(${users.email})`, emails));
  if (found.length > 0) {
    throw new Error(
      `comptes de démonstration présents en production (${found.map((u) => u.email).join(", ")}) : supprimez-les avant de démarrer`,
    );
  }
}

import { pathToFileURL } from "node:url";
import type { Clock } from "../../server/lib/clock";
import { inAuditedTransaction } from "../../server/modules/audit/audit.service";
import type { Database } from "../client";
import { DEMO_ORGANISATION_ID, seedDemoOrganisation } from "./demo-organisation";

/**
 * Seeds the demo site on an empty database, in one audited transaction. Idempotent: the demo
 * organisation has a fixed id and is inserted first with ON CONFLICT DO NOTHING; when it was
 * already there nothing else is written, so a restart never duplicates anything.
 * @returns true when data was written
 */
export async function seedDemo(
  database: Database,
  clock: Clock,
  /** told how long each part took (npm run bench:seed) */
  onPhase?: (phase: string, ms: number) => void,
): Promise<boolean> {
  const context = {
    actor: {
      kind: "system" as const,
      organisationId: DEMO_ORGANISATION_ID,
      label: "données de démonstration",
    },
    requestId: null,
    clock,
  };
  return inAuditedTransaction(database.db, context, (tx, audit) =>
    seedDemoOrganisation(tx, clock, audit, onPhase),
  );
}

// `npm run db:seed`
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { loadEnv } = await import("../../server/env");
  const { systemClock } = await import("../../server/lib/clock");
  const { openConfiguredDatabase } = await import("../open-configured");
  const { migrate } = await import("../migrate");
  const database = await openConfiguredDatabase(loadEnv());
  try {
    await migrate(database);
    console.log((await seedDemo(database, systemClock)) ? "demo data seeded" : "demo data already present");
  } finally {
    await database.close();
  }
}

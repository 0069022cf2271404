/**
 * `npm run ledger:rent-calls -- 2026-11 [organisationId]`: the monthly rent-call run from a
 * scheduler (cron). Idempotent like the API: a lease and period already called is skipped.
 */
import { pathToFileURL } from "node:url";
import { organisations } from "../../../db/schema";
import { createRentCallsForMonth } from "./ledger.service";
import { MonthSchema } from "../../lib/date-schemas";

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [month, organisationId] = process.argv.slice(2);
  if (!month || !MonthSchema.safeParse(month).success) {
    console.error("usage: npm run ledger:rent-calls -- AAAA-MM [organisationId]");
    process.exit(2);
  }
  const { loadEnv } = await import("../../env");
  const { systemClock } = await import("../../lib/clock");
  const { openConfiguredDatabase } = await import("../../../db/open-configured");
  const { migrate } = await import("../../../db/migrate");
  const database = await openConfiguredDatabase(loadEnv());
  try {
    await migrate(database);
    const targets = organisationId
      ? [organisationId]
      : (await database.db.select({ id: organisations.id }).from(organisations)).map((o) => o.id);
    for (const id of targets) {
      const context = {
        actor: { kind: "system" as const, organisationId: id, label: "appel de loyers (CLI)" },
        requestId: null,
        clock: systemClock,
      };
      const { body: result } = await createRentCallsForMonth({ ...context, db: database.db }, month);
      console.log(JSON.stringify({ organisationId: id, ...result }));
    }
  } finally {
    await database.close();
  }
}

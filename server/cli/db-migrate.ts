import { latestAppliedMigration, migrate } from "../../db/migrate";
import { openConfiguredDatabase } from "../../db/open-configured";
import { loadEnv } from "../env";

// The compiled `db:migrate` (dist/server/db-migrate.js): what a production image runs before
// starting a new version on PostgreSQL, without a TypeScript runner.
const database = await openConfiguredDatabase(loadEnv());
try {
  await migrate(database);
  console.log(`migrated (${database.kind}): ${await latestAppliedMigration(database)}`);
} finally {
  await database.close();
}

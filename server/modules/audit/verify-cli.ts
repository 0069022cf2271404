/**
 * `npm run audit:verify`: walks each organisation's audit chain of the configured database
 * (DATABASE_URL, or the embedded folder DATA_DIR) and prints the first broken link.
 * Exit code 0 when every chain is intact, 1 when a link is broken, 2 when it could not run.
 */
import { openConfiguredDatabase } from "../../../db/open-configured";
import { loadEnv } from "../../env";
import { describeBrokenLink } from "./audit.rules";
import { verifyAuditChains } from "./audit.service";

async function main(): Promise<number> {
  const database = await openConfiguredDatabase(loadEnv());
  try {
    const reports = await verifyAuditChains(database.db);
    let broken = 0;
    for (const report of reports) {
      if (report.broken) {
        broken++;
        console.error(`CHAÎNE ROMPUE — ${describeBrokenLink(report.broken)}`);
      } else {
        const pending =
          report.pendingReads > 0
            ? ` ; ${report.pendingReads} consultation(s) pas encore enchaînée(s) (le serveur les enchaîne chaque seconde et à son démarrage)`
            : "";
        console.log(
          `ok — organisation ${report.organisationId} : ${report.checked} lignes vérifiées${pending}`,
        );
      }
    }
    console.log(
      broken === 0
        ? `Journal d'audit intact (${reports.length} organisation(s)).`
        : `${broken} chaîne(s) rompue(s) sur ${reports.length}.`,
    );
    return broken === 0 ? 0 : 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `audit:verify n'a pas pu s'exécuter : ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(2);
  },
);

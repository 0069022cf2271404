import { resolve } from "node:path";
import { restoreEmbedded, restoreServer } from "../../db/backup";
import { loadEnv } from "../env";

// `npm run db:restore -- <archive> [--to <folder>]` (compiled: `node dist/server/db-restore.js`):
// checks the archive against its `.sha256`, then restores it. Embedded: into --to or DATA_DIR,
// which must not exist or be empty. PostgreSQL (DATABASE_URL): pg_restore into that database,
// which must hold no table. Exit code 0 when restored, 2 when refused or failed.

async function main(): Promise<void> {
  const env = loadEnv();
  const args = process.argv.slice(2);
  const toIndex = args.indexOf("--to");
  const to = toIndex >= 0 ? args[toIndex + 1] : undefined;
  const archive = args.find((arg, index) => !arg.startsWith("--") && (toIndex < 0 || index !== toIndex + 1));
  if (!archive || (toIndex >= 0 && !to))
    throw new Error("usage : npm run db:restore -- <archive> [--to <dossier>]");
  if (env.DATABASE_URL) {
    await restoreServer(env.DATABASE_URL, resolve(archive));
    console.log(`restauré dans la base PostgreSQL de DATABASE_URL depuis ${archive}`);
    return;
  }
  const folder = resolve(to ?? env.DATA_DIR);
  const { migration } = await restoreEmbedded(resolve(archive), folder);
  console.log(`restauré dans ${folder} (dernière migration : ${migration ?? "aucune"})`);
}

main().catch((error: unknown) => {
  console.error(`db:restore a échoué : ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});

import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { backupEmbedded, backupServer } from "../../db/backup";
import { loadEnv } from "../env";

// `npm run db:backup [-- <archive>]` (compiled: `node dist/server/db-backup.js`): a consistent
// snapshot of the configured database, with `<archive>.sha256` beside it. Embedded (DATA_DIR):
// made by the running server when one holds the folder, else by opening the folder here.
// PostgreSQL (DATABASE_URL): pg_dump --format=custom.
// Exit code 0 when written, 2 when it could not be made.

function defaultArchive(kind: "embedded" | "server"): string {
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(":", "-");
  return join("backups", `chez-soi-${stamp}.${kind === "embedded" ? "tar.gz" : "dump"}`);
}

async function main(): Promise<void> {
  const env = loadEnv();
  const kind = env.DATABASE_URL ? "server" : "embedded";
  const archive = resolve(process.argv[2] ?? defaultArchive(kind));
  mkdirSync(dirname(archive), { recursive: true });
  const started = performance.now();
  const result = env.DATABASE_URL
    ? { ...(await backupServer(env.DATABASE_URL, archive)), via: "pg_dump" }
    : await backupEmbedded(env.DATA_DIR, archive);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `sauvegarde écrite : ${archive} (${(result.bytes / 1e6).toFixed(1)} Mo, ${seconds} s, ${result.via})\n` +
      `sha256 ${result.sha256} (${archive}.sha256)`,
  );
}

main().catch((error: unknown) => {
  console.error(`db:backup a échoué : ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});

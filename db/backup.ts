import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { createConnection, createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { type Database, openDatabase } from "./client";
import { DataDirLockedError } from "./lock";
import { latestAppliedMigration } from "./migrate";

/**
 * Backups of both backends, each archive written with a `<archive>.sha256` beside it in
 * `sha256sum` format (`sha256sum -c` checks it too).
 *
 * Embedded: the archive is PGlite's `dumpDataDir` (a gzipped tar of the data folder). PGlite
 * holds its query lock while it reads the files, so no statement runs during the copy: the
 * archive is the folder as of one instant between two statements, what a crash at that instant
 * would leave. Every committed transaction is in the WAL by then (flushed at commit), and opening
 * the restored folder runs PostgreSQL's crash recovery, which keeps exactly the transactions
 * committed before that instant; a CHECKPOINT first makes that recovery short. Only the process
 * holding the folder's lock (db/lock.ts) may open it, so while the server runs the backup is made
 * by the server itself, asked through an owner-only Unix socket named after the folder; when no
 * server runs, the tool takes the lock and opens the folder.
 *
 * PostgreSQL: `pg_dump --format=custom`, a snapshot in one repeatable-read transaction, restored
 * by `pg_restore` into an empty database.
 */

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export const checksumPath = (archive: string) => `${archive}.sha256`;

/** Writes the archive and its checksum, each through a temporary file: never half an archive. */
export function writeArchive(archive: string, bytes: Uint8Array): string {
  const digest = sha256(bytes);
  writeFileSync(`${archive}.tmp`, bytes, { mode: 0o600 });
  renameSync(`${archive}.tmp`, archive);
  writeFileSync(checksumPath(archive), `${digest}  ${basename(archive)}\n`, { mode: 0o600 });
  return digest;
}

/** Reads an archive after checking it against its `.sha256` file; refuses a missing or wrong one. */
export function readVerifiedArchive(archive: string) {
  if (!existsSync(archive)) throw new BackupError(`archive introuvable : ${archive}`);
  const sumFile = checksumPath(archive);
  if (!existsSync(sumFile))
    throw new BackupError(
      `somme de contrôle absente (${sumFile}) : archive non vérifiable, restauration refusée`,
    );
  const expected = /^([0-9a-f]{64})\b/i.exec(readFileSync(sumFile, "utf8").trim())?.[1]?.toLowerCase();
  if (!expected) throw new BackupError(`somme de contrôle illisible dans ${sumFile}`);
  const bytes = readFileSync(archive);
  const actual = sha256(bytes);
  if (actual !== expected)
    throw new BackupError(
      `l'archive ne correspond pas à sa somme de contrôle (attendu ${expected}, lu ${actual}) : ` +
        "archive altérée ou incomplète, restauration refusée",
    );
  return bytes;
}

/** A consistent archive of an open embedded database (see above). */
export async function snapshotEmbedded(pglite: PGlite): Promise<Uint8Array> {
  await pglite.query("CHECKPOINT");
  const archive = await pglite.dumpDataDir("gzip");
  return new Uint8Array(await archive.arrayBuffer());
}

/**
 * The socket through which the server holding a data folder makes its backups: in the temporary
 * folder (not in the data folder, whose every file goes into the archive), named after the data
 * folder's real path so that the tool finds the server of the folder it is given.
 */
export function backupSocketPath(dataDir: string): string {
  const key = createHash("sha256")
    .update(realpathSync(resolve(dataDir)))
    .digest("hex")
    .slice(0, 16);
  return join(tmpdir(), `chez-soi-backup-${key}.sock`);
}

/**
 * Serves backups of the open embedded database on its folder's socket: a client writes
 * `backup\n` and reads one JSON line (`{"bytes":…,"sha256":…}` or `{"error":…}`) then the bytes.
 */
export async function serveBackupSocket(
  database: Database,
  dataDir: string,
  log: (message: string, fields?: Record<string, unknown>) => void = () => {},
): Promise<{ close(): Promise<void> }> {
  const pglite = database.pglite;
  if (!pglite) throw new Error("backups through the socket are for the embedded database");
  const path = backupSocketPath(dataDir);
  // we hold the folder's lock: a socket file left for it is from a run that was killed
  if (existsSync(path)) unlinkSync(path);
  const server: Server = createServer((socket) => {
    socket.once("data", async (request) => {
      if (request.toString("utf8").trim() !== "backup") {
        socket.end(`${JSON.stringify({ error: "requête inconnue" })}\n`);
        return;
      }
      const started = performance.now();
      try {
        const bytes = await snapshotEmbedded(pglite);
        const digest = sha256(bytes);
        socket.write(`${JSON.stringify({ bytes: bytes.byteLength, sha256: digest })}\n`);
        socket.end(bytes);
        log("backup served", {
          bytes: bytes.byteLength,
          durationMs: Math.round(performance.now() - started),
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : JSON.stringify(error);
        log("backup failed", { error: message });
        socket.end(`${JSON.stringify({ error: message })}\n`);
      }
    });
    socket.on("error", () => {});
  });
  const previousMask = process.umask(0o177); // the socket file: owner read/write only
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(path, () => resolve());
    });
  } finally {
    process.umask(previousMask);
  }
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if (existsSync(path)) unlinkSync(path);
      }),
  };
}

/** Asks the server holding the folder for a backup through its socket. */
export function requestBackupFromServer(dataDir: string): Promise<Uint8Array> {
  const path = backupSocketPath(dataDir);
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    const chunks: Buffer[] = [];
    socket.on("connect", () => socket.write("backup\n"));
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", (error) =>
      reject(
        new BackupError(
          `le serveur qui tient ${dataDir} ne répond pas sur ${path} (${error.message}) : ` +
            "redémarrez-le avec cette version, ou arrêtez-le et relancez la sauvegarde",
        ),
      ),
    );
    socket.on("end", () => {
      const all = Buffer.concat(chunks);
      const newline = all.indexOf(10);
      if (newline < 0) return reject(new BackupError("réponse du serveur illisible"));
      const header = JSON.parse(all.subarray(0, newline).toString("utf8")) as {
        bytes?: number;
        sha256?: string;
        error?: string;
      };
      if (header.error) return reject(new BackupError(`le serveur n'a pas pu sauvegarder : ${header.error}`));
      const bytes = all.subarray(newline + 1);
      if (bytes.byteLength !== header.bytes || sha256(bytes) !== header.sha256)
        return reject(new BackupError("archive reçue incomplète ou altérée en transit"));
      resolve(new Uint8Array(bytes));
    });
  });
}

/** A data folder holds a database once initdb ran in it. */
const holdsDatabase = (dataDir: string) => existsSync(join(dataDir, "PG_VERSION"));

/**
 * Backs up the embedded database of `dataDir` into `archive`: opened here when no process holds
 * the folder, asked of the running server otherwise. Returns the archive's SHA-256.
 */
export async function backupEmbedded(
  dataDir: string,
  archive: string,
): Promise<{ sha256: string; bytes: number; via: "folder" | "server" }> {
  if (!holdsDatabase(dataDir)) throw new BackupError(`aucune base embarquée dans ${dataDir}`);
  let database: Database;
  try {
    database = await openDatabase({ kind: "embedded", dataDir });
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    const bytes = await requestBackupFromServer(dataDir);
    return { sha256: writeArchive(archive, bytes), bytes: bytes.byteLength, via: "server" };
  }
  try {
    if (!database.pglite) throw new BackupError("base embarquée sans instance PGlite");
    const bytes = await snapshotEmbedded(database.pglite);
    return { sha256: writeArchive(archive, bytes), bytes: bytes.byteLength, via: "folder" };
  } finally {
    await database.close();
  }
}

/**
 * Restores an embedded archive into a folder that does not exist or is empty, after checking
 * its checksum. Never into a folder with anything in it: a restore does not merge, and a
 * mistaken DATA_DIR must not cost the database already there.
 */
export async function restoreEmbedded(
  archive: string,
  dataDir: string,
): Promise<{ migration: string | null }> {
  const bytes = readVerifiedArchive(archive);
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0)
    throw new BackupError(
      `le dossier ${dataDir} n'est pas vide : restauration refusée (choisissez un dossier neuf ou vide)`,
    );
  const database = await openDatabase({ kind: "embedded", dataDir, loadDataDir: new Blob([bytes]) });
  try {
    return { migration: await latestAppliedMigration(database) };
  } finally {
    await database.close();
  }
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", (error) =>
      reject(
        new BackupError(
          (error as NodeJS.ErrnoException).code === "ENOENT"
            ? `${command} introuvable : installez le client PostgreSQL (Debian : postgresql-client)`
            : error.message,
        ),
      ),
    );
    child.on("close", (code) =>
      code === 0
        ? resolve()
        : reject(new BackupError(`${command} a échoué (code ${code}) : ${stderr.trim()}`)),
    );
  });
}

/** `pg_dump --format=custom` of the database at `url` into `archive`, with its checksum. */
export async function backupServer(url: string, archive: string): Promise<{ sha256: string; bytes: number }> {
  const partial = `${archive}.partial`;
  await run("pg_dump", [
    "--format=custom",
    "--no-owner",
    "--no-privileges",
    `--file=${partial}`,
    `--dbname=${url}`,
  ]);
  const bytes = readFileSync(partial);
  unlinkSync(partial);
  return { sha256: writeArchive(archive, bytes), bytes: bytes.byteLength };
}

/** `pg_restore` of a checked archive into the database at `url`, which must hold no table yet. */
export async function restoreServer(url: string, archive: string): Promise<void> {
  const bytes = readVerifiedArchive(archive);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ tables: number }[]>`
      select count(*)::int as tables from pg_tables
      where schemaname not in ('pg_catalog', 'information_schema')`;
    if ((row?.tables ?? 0) > 0)
      throw new BackupError(
        `la base cible contient déjà ${row?.tables} table(s) : restauration refusée (créez une base vide)`,
      );
  } finally {
    await sql.end();
  }
  // pg_restore reads a file: the checked bytes, not the archive path that could change meanwhile
  const folder = mkdtempSync(join(tmpdir(), "iml-restore-"));
  const checked = join(folder, basename(archive));
  writeFileSync(checked, bytes, { mode: 0o600 });
  try {
    await run("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", `--dbname=${url}`, checked]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

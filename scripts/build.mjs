// The production build, in plain JavaScript so that `npm start` can check it and rebuild what is
// stale without starting a TypeScript runner:
// - dist/web: the browser app (vite);
// - dist/server: the server bundled ahead of time (esbuild), run by `node`;
// - dist/pglite-template.tar.gz: an initialised and migrated embedded data folder that a first
//   start restores instead of running initdb and every migration;
// - dist/pglite-template-demo.tar.gz: the same with the demo seeded as of the build's day, that a
//   first start restores on that day instead of seeding the demo (db/embedded-template.ts).
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { brotliCompressSync, gzipSync, constants as zlibConstants } from "node:zlib";

export const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const dist = join(repoRoot, "dist");
export const webIndex = join(dist, "web/index.html");
export const serverEntries = {
  index: "server/index.ts",
  "db-migrate": "server/cli/db-migrate.ts",
  "db-backup": "server/cli/db-backup.ts",
  "db-restore": "server/cli/db-restore.ts",
  "site-setup": "server/cli/site-setup.ts",
  "db-templates": "server/cli/db-templates.ts",
};
export const serverBundle = join(dist, "server/index.js");
export const templateArchive = join(dist, "pglite-template.tar.gz");
export const templateMeta = join(dist, "pglite-template.json");
export const demoTemplateArchive = join(dist, "pglite-template-demo.tar.gz");
export const demoTemplateMeta = join(dist, "pglite-template-demo.json");
const migrationsFolder = join(repoRoot, "db/migrations");
const require = createRequire(import.meta.url);

function newestMtime(dir, accept = () => true) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path, accept));
    else if (accept(entry.name, path)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

const thisScript = fileURLToPath(import.meta.url);
const lockfile = join(repoRoot, "package-lock.json");

/** True when dist/web is missing or older than a source it is built from (web/, the shared server modules). */
export function webIsStale() {
  if (!existsSync(webIndex)) return true;
  const sources = Math.max(
    newestMtime(join(repoRoot, "web")),
    newestMtime(join(repoRoot, "server/modules"), (name) => name.endsWith(".schemas.ts")),
    mtime(join(repoRoot, "server/modules/auth/permissions.ts")),
    newestMtime(join(repoRoot, "server/lib"), (name) => name.endsWith(".ts")),
    mtime(lockfile),
  );
  return sources > mtime(webIndex);
}

export async function buildWeb() {
  const { build } = await import("vite");
  await build({ configFile: join(repoRoot, "web/vite.config.ts"), logLevel: "warn" });
  compressWebAssets();
}

/** What the browser gets compressed: scripts, styles, JSON, SVG (images and fonts are already). */
const COMPRESSIBLE_ASSET = /\.(?:js|mjs|css|json|svg|map)$/;

/**
 * Next to each compressible file of dist/web/assets, its Brotli (.br) and gzip (.gz) forms, made
 * once by the build: the server sends the one the browser accepts (serveStatic's
 * `precompressed`) instead of compressing 2.6 MB of scripts at each first visit. Brotli at quality
 * 10: within 2 % of quality 11 on MapLibre, in half the time.
 */
function compressWebAssets() {
  const assets = join(dist, "web/assets");
  if (!existsSync(assets)) return;
  for (const name of readdirSync(assets)) {
    if (!COMPRESSIBLE_ASSET.test(name)) continue;
    const file = join(assets, name);
    const bytes = readFileSync(file);
    if (bytes.length < 1024) continue;
    writeFileSync(
      `${file}.br`,
      brotliCompressSync(bytes, {
        params: {
          [zlibConstants.BROTLI_PARAM_QUALITY]: 10,
          [zlibConstants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      }),
    );
    writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
  }
}

/** True when a bundle is missing or older than the TypeScript of server/ or db/ (or this script). */
export function serverIsStale() {
  const built = Math.min(...Object.keys(serverEntries).map((name) => mtime(join(dist, `server/${name}.js`))));
  if (built === 0) return true;
  const sources = Math.max(
    newestMtime(join(repoRoot, "server"), (name) => name.endsWith(".ts")),
    newestMtime(join(repoRoot, "db"), (name, path) => name.endsWith(".ts") && !path.includes("migrations")),
    mtime(thisScript),
    mtime(lockfile),
  );
  return sources > built;
}

/**
 * Modules find files beside their source (`new URL("./migrations", import.meta.url)`), and a
 * module run as a script checks `import.meta.url` against `process.argv[1]`. In one bundle every
 * module would share the bundle's URL: both would break (a bundled seed module would believe it
 * is the script being run). Each module's `import.meta.url` is therefore rewritten to its source
 * file's URL, computed from the bundle's own location, so the layout of the repository (db/,
 * templates/, dist/) is all that has to travel with dist/server.
 */
function sourceUrlPlugin(outdir) {
  return {
    name: "source-import-meta-url",
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes("node_modules")) return undefined;
        const text = readFileSync(args.path, "utf8");
        if (!text.includes("import.meta.url")) return { contents: text, loader: "ts" };
        const fromBundle = relative(outdir, args.path).split("\\").join("/");
        const expression = `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`;
        return { contents: text.replaceAll("import.meta.url", expression), loader: "ts" };
      });
    },
  };
}

export async function buildServer() {
  const { build } = await import("esbuild");
  const outdir = join(dist, "server");
  await build({
    absWorkingDir: repoRoot,
    entryPoints: Object.fromEntries(
      Object.entries(serverEntries).map(([name, source]) => [name, join(repoRoot, source)]),
    ),
    outdir,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // the packages stay in node_modules: PGlite finds its WebAssembly beside its own files
    packages: "external",
    sourcemap: "linked",
    legalComments: "none",
    logLevel: "warning",
    plugins: [sourceUrlPlugin(outdir)],
  });
}

/** The installed PGlite's version (its package.json is not exported: found above its entry file). */
export function pgliteVersion() {
  let dir = dirname(require.resolve("@electric-sql/pglite"));
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).version;
}

function latestMigrationTag() {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, "meta/_journal.json"), "utf8"));
  return journal.entries.at(-1)?.tag ?? null;
}

/** The template's description: the PGlite that wrote it and the last migration it carries. */
export function expectedTemplateMeta() {
  return { pglite: pgliteVersion(), migration: latestMigrationTag() };
}

/** Today in Europe/Paris, the demo's calendar (server/lib/clock.ts). */
function parisToday() {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());
}

/**
 * True when a template is missing, was made by another PGlite or for other migrations, or when
 * the demo template is of another day or older than the compiled seed that would make it.
 */
export function templateIsStale() {
  for (const path of [templateArchive, templateMeta, demoTemplateArchive, demoTemplateMeta])
    if (!existsSync(path)) return true;
  const expected = expectedTemplateMeta();
  for (const path of [templateMeta, demoTemplateMeta]) {
    const meta = JSON.parse(readFileSync(path, "utf8"));
    if (meta.pglite !== expected.pglite || meta.migration !== expected.migration) return true;
  }
  const demo = JSON.parse(readFileSync(demoTemplateMeta, "utf8"));
  return (
    demo.seededOn !== parisToday() || mtime(demoTemplateArchive) < mtime(join(dist, "server/db-templates.js"))
  );
}

/**
 * initdb, every migration and the demo seed once, at build time, by the compiled
 * db/build-templates.ts in a process of its own: a first start restores one of its archives.
 */
export async function buildTemplate() {
  const result = spawnSync(process.execPath, [join(dist, "server/db-templates.js")], {
    cwd: repoRoot,
    stdio: "inherit",
  });
  if (result.status !== 0)
    throw new Error(`preparing the embedded templates failed (${result.status ?? result.signal})`);
}

/** Rebuilds whatever is stale; `template: false` leaves the embedded template alone. */
export async function ensureBuilt({ force = false, template = true, log = () => {} } = {}) {
  if (force || webIsStale()) {
    log("building the browser app (dist/web)");
    // vite sets NODE_ENV=production for its build: the server started next in this process
    // must see the operator's own value
    const nodeEnv = process.env.NODE_ENV;
    try {
      await buildWeb();
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
  }
  if (force || serverIsStale()) {
    log("compiling the server (dist/server)");
    await buildServer();
  }
  if (template && (force || templateIsStale())) {
    log("preparing the embedded database templates (dist/pglite-template*.tar.gz)");
    await buildTemplate();
  }
}

// `node scripts/build.mjs [--force]` (npm run build, and `prepare` at npm install)
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  await ensureBuilt({
    force: process.argv.includes("--force"),
    log: (line) => console.log(`build: ${line}`),
  });
  console.log(`build: dist/ up to date in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

import { defineConfig } from "vitest/config";

/**
 * Test projects:
 * - unit: pure rules, no database;
 * - api (embedded): app.request against a migrated PGlite restored per test file;
 * - api (server): the same files against PostgreSQL when TEST_DATABASE_URL is set,
 *   each file in its own database cloned from a migrated template.
 * - e2e: a real browser (Debian chromium), see tests/e2e/README.md.
 * - process: the built server as `npm start` and the Docker image run it (signals, restarts).
 */
const serverUrl = process.env.TEST_DATABASE_URL;

const apiProject = (backend: "embedded" | "server") => ({
  extends: true as const,
  test: {
    name: `api:${backend}`,
    include: ["tests/api/**/*.test.ts"],
    env: { TEST_BACKEND: backend },
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    pool: "forks",
    reporters: ["default", "./tests/support/summary-reporter.ts"],
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      apiProject("embedded"),
      ...(serverUrl ? [apiProject("server")] : []),
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup.ts", "web/build.ts"],
          env: { TEST_BACKEND: "embedded" },
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: "process",
          include: ["tests/process/**/*.test.ts"],
          globalSetup: ["tests/process/build-setup.ts"],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

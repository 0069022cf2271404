import { defineConfig } from "drizzle-kit";

// Migrations are generated from db/schema and committed; they are never pushed.
// The same SQL files migrate the embedded PGlite and a PostgreSQL server (keep it PG15-compatible).
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  casing: "snake_case",
});

import type { Database } from "../../db/client";
import { createTestApp } from "./app";

/** A database that fails any use: the OpenAPI document is built from the routes alone. */
const unopened = new Proxy({} as Database, {
  get: (_target, key) => {
    if (key === "then") return undefined;
    throw new Error(`the OpenAPI document must not need the database (touched ${String(key)})`);
  },
});

/** /api/openapi.json as the app serves it, read without opening a database. */
export async function servedOpenApiDocument(): Promise<unknown> {
  return (await createTestApp(unopened).call("GET", "/api/openapi.json")).json;
}

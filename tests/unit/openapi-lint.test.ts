/**
 * The API contract passes Redocly's lint (redocly.yaml: the recommended rules, a few made
 * stricter) with zero errors and zero warnings: security on every operation, operationIds,
 * declared tags, problem+json on every 4xx, valid patterns and examples.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { servedOpenApiDocument } from "../support/openapi-spec";

const root = fileURLToPath(new URL("../../", import.meta.url));
const cli = join(root, "node_modules/@redocly/cli/bin/cli.js");

type Problem = { ruleId: string; severity: string; message: string; location: { pointer?: string }[] };

const folder = mkdtempSync(join(tmpdir(), "openapi-lint-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Redocly's findings on a document, with the project's redocly.yaml. */
async function lint(document: unknown): Promise<Problem[]> {
  const file = join(folder, `openapi-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(document));
  const run = await promisify(execFile)(
    process.execPath,
    [cli, "lint", file, "--config", join(root, "redocly.yaml"), "--format", "json"],
    {
      cwd: root,
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
      maxBuffer: 64 * 1024 * 1024,
    },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }));
  const report = JSON.parse(run.stdout.slice(run.stdout.indexOf("{"))) as { problems: Problem[] };
  return report.problems;
}

const summary = (problems: Problem[]) =>
  problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ""}: ${p.message}`);

const spec = (await servedOpenApiDocument()) as {
  paths: Record<string, Record<string, Record<string, unknown>>>;
};

describe("the OpenAPI document under Redocly's lint", () => {
  it("has no error and no warning", async () => {
    expect(summary(await lint(spec))).toEqual([]);
  }, 30_000);

  it("would fail on an operation without security, operationId or declared tag (the lint runs)", async () => {
    const broken = structuredClone(spec);
    const operation = broken.paths["/api/health"]!.get!;
    delete operation.security;
    delete operation.operationId;
    operation.tags = ["Étiquette inconnue"];
    const rules = (await lint(broken)).filter((p) => p.severity === "error").map((p) => p.ruleId);
    expect(rules).toEqual(
      expect.arrayContaining(["security-defined", "operation-operationId", "operation-tag-defined"]),
    );
  }, 30_000);
});

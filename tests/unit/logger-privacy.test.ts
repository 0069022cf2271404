import { describe, expect, it } from "vitest";
import { createLogger, withoutPersonalFields } from "../../server/lib/logger";

function linesOf(write: (logger: ReturnType<typeof createLogger>) => void): Record<string, unknown>[] {
  const lines: string[] = [];
  write(createLogger({ LOG_LEVEL: "debug" }, { write: (line: string) => lines.push(line) }));
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("personal fields never reach the log", () => {
  it.each([
    ["a top-level field", { email: "a@b.fr", status: 200 }, { status: 200 }],
    ["a nested field", { input: { lastName: "Dupont", rooms: 2 } }, { input: { rooms: 2 } }],
    ["three levels down", { a: { b: { iban: "FR76…", kind: "x" } } }, { a: { b: { kind: "x" } } }],
    ["inside an array", { errors: [{ path: "email", detail: "invalide" }] }, { errors: [{ path: "email" }] }],
    ["deeper than before", { a: { b: { c: { d: { phone: "06" } } } } }, { a: { b: { c: { d: {} } } } }],
  ])("%s is removed", (_name, input, expected) => {
    expect(withoutPersonalFields(input)).toEqual(expected);
  });

  it("answers the same object when nothing is personal (the request line costs no copy)", () => {
    const line = { method: "GET", path: "/api/units", status: 200, durationMs: 3 };
    expect(withoutPersonalFields(line)).toBe(line);
  });

  it("does not change the object it was given", () => {
    const input = { input: { email: "a@b.fr" } };
    withoutPersonalFields(input);
    expect(input.input.email).toBe("a@b.fr");
  });

  it("cleans an error's own properties, such as a database error's parameters", () => {
    const error = Object.assign(new Error("duplicate key"), {
      code: "23505",
      parameters: ["FR7630006000011234567890189"],
      detail: "Key (email)=(a@b.fr) already exists.",
    });
    const [line] = linesOf((logger) => logger.error({ err: error }, "refused"));
    const text = JSON.stringify(line);
    expect(text).toContain("duplicate key");
    expect(text).toContain("23505");
    expect(text).not.toContain("FR7630006000011234567890189");
    expect(text).not.toContain("a@b.fr");
  });

  it("cleans a child logger's lines and an error logged alone", () => {
    const lines = linesOf((logger) => {
      logger.child({ requestId: "r-1" }).info({ status: 200, email: "a@b.fr" }, "request");
      logger.error(Object.assign(new Error("boom"), { firstName: "Jeanne" }));
    });
    expect(lines[0]).toMatchObject({ requestId: "r-1", status: 200, msg: "request" });
    expect(lines[0]).not.toHaveProperty("email");
    expect(JSON.stringify(lines[1])).toContain("boom");
    expect(JSON.stringify(lines[1])).not.toContain("Jeanne");
  });
});

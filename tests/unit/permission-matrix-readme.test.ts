import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { actions, permissionMatrix, roles } from "../../server/modules/auth/permissions";

/** The README's permission table, as {action: roles holding it}. */
function readmeMatrix(): Record<string, string[]> {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const rows = readme.split("\n").filter((line) => /^\|\s*`[a-z]+\.[a-zA-Z]+`\s*\|/.test(line));
  return Object.fromEntries(
    rows.map((line) => {
      const cells = line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim());
      const action = cells[0]!.replaceAll("`", "");
      return [action, roles.filter((_role, i) => cells[i + 1] === "✓")];
    }),
  );
}

describe("the README's permission matrix", () => {
  it("is the one in permissions.ts", () => {
    const fromCode = Object.fromEntries(
      actions.map((action) => [action, roles.filter((role) => permissionMatrix[role].has(action))]),
    );
    expect(readmeMatrix()).toEqual(fromCode);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { actions, permissionMatrix, roles } from "../../server/modules/auth/permissions";

/** The permission table of docs/accounts-and-audit.md, as {action: roles holding it}. */
function documentedMatrix(): Record<string, string[]> {
  const text = readFileSync(new URL("../../docs/accounts-and-audit.md", import.meta.url), "utf8");
  const rows = text.split("\n").filter((line) => /^\|\s*`[a-z]+\.[a-zA-Z]+`\s*\|/.test(line));
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

describe("the documented permission matrix", () => {
  it("is the one in permissions.ts", () => {
    const fromCode = Object.fromEntries(
      actions.map((action) => [action, roles.filter((role) => permissionMatrix[role].has(action))]),
    );
    expect(documentedMatrix()).toEqual(fromCode);
  });
});

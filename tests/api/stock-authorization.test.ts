import { describe, expect, it } from "vitest";
import { can, type Permission, roles } from "../../server/modules/auth/permissions";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { organisationWithStaff } from "../support/stock-fixture";

const db = useTestDatabase();

const STOCK_PREFIXES = [
  "/api/landlords",
  "/api/neighbourhoods",
  "/api/buildings",
  "/api/units",
  "/api/scatter",
  "/api/map",
  "/api/portal/units",
];

type Operation = { method: string; path: string; permission: Permission };

describe("authorization of the housing stock endpoints", () => {
  it("declares a permission on every stock route and enforces it: 401 anonymous, 403 for roles without it", async () => {
    const staff = await organisationWithStaff(db.current);
    const { call } = createTestApp(db.current);
    const { json: doc } = await call("GET", "/api/openapi.json");
    const operations: Operation[] = [];
    for (const [path, item] of Object.entries(
      doc.paths as Record<string, Record<string, { "x-permission"?: Permission }>>,
    )) {
      if (!STOCK_PREFIXES.some((prefix) => path.startsWith(prefix))) continue;
      for (const [method, operation] of Object.entries(item)) {
        expect(operation["x-permission"], `${method} ${path}`).toBeTruthy();
        operations.push({ method: method.toUpperCase(), path, permission: operation["x-permission"]! });
      }
    }
    expect(operations.length).toBe(29);

    const cookies = {
      admin: staff.admin,
      housing_officer: staff.officer,
      finance: staff.finance,
      landlord: staff.landlordUser,
    };
    for (const { method, path, permission } of operations) {
      const url = path.replace("{id}", "00000000-0000-4000-8000-000000000000");
      const anonymous = await call(method, url, { body: method === "GET" ? undefined : {} });
      expect(anonymous.status, `${method} ${path} anonymous`).toBe(401);
      for (const role of roles) {
        if (can(role, permission)) continue;
        const response = await call(method, url, {
          cookie: cookies[role],
          body: method === "GET" ? undefined : {},
        });
        expect(response.status, `${method} ${path} as ${role}`).toBe(403);
      }
    }
  });
});

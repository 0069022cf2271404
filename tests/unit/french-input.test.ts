/**
 * French entry and messages: numbers typed with a decimal comma are read as such (never ×10),
 * and validation messages are French sentences without type names, signs or field names.
 */
import { describe, expect, it } from "vitest";
import { z } from "../../server/lib/openapi";
import { parseFrenchNumber } from "../../web/src/lib/format";

describe("parseFrenchNumber", () => {
  it.each([
    ["25,5", 25.5],
    ["25.5", 25.5],
    [" 1 234,5 ", 1234.5],
    ["1\u202f234,56", 1234.56],
    ["0", 0],
    ["-3", -3],
    ["12", 12],
  ])("reads %j as %d", (text, expected) => {
    expect(parseFrenchNumber(text)).toBe(expected);
  });

  it.each(["25,5,1", "abc", "25 m²", "1.234", "", ",5", "1e3"])("refuses %j", (text) => {
    expect(parseFrenchNumber(text)).toBeNull();
  });
});

describe("validation messages (the API's z, French everywhere)", () => {
  const message = (schema: z.ZodType, input: unknown) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    return result.error?.issues[0]?.message;
  };

  it.each([
    [z.number(), Number.NaN, "Nombre attendu"],
    [z.number(), undefined, "Champ obligatoire"],
    [z.number().int(), 2.5, "Nombre entier attendu"],
    [z.number().max(28), 40, "Au plus 28"],
    [z.number().min(1), 0, "Au moins 1"],
    [z.number().positive(), 0, "Doit être supérieur à 0"],
    [z.string().min(1), "", "Champ obligatoire"],
    [z.string().max(3), "abcd", "Au plus 3 caractères"],
    [z.enum(["a", "b"]), "c", "Choisissez une valeur de la liste"],
    [z.email(), "x", "Adresse électronique invalide"],
    [z.object({ name: z.string() }), {}, "Champ obligatoire"],
  ])("%#: says %j", (schema, input, expected) => {
    expect(message(schema as z.ZodType, input)).toBe(expected);
  });

  it("keeps a schema's own message", () => {
    expect(message(z.string().min(1, "Nom requis"), "")).toBe("Nom requis");
  });

  it("never answers in English", () => {
    const schemas: [z.ZodType, unknown][] = [
      [z.boolean(), "x"],
      [z.array(z.string()), "x"],
      [z.uuid(), "x"],
      [z.literal("x"), "y"],
      [z.union([z.string(), z.number()]), true],
      [z.strictObject({}), { extra: 1 }],
    ];
    for (const [schema, input] of schemas)
      expect(message(schema, input)).not.toMatch(/Invalid|expected|received|Too (big|small)/);
  });
});

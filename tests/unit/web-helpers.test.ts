import { describe, expect, it } from "vitest";
import { ApiError, query } from "../../web/src/lib/api";
import { matchPath } from "../../web/src/lib/router";

describe("web router: matchPath", () => {
  it.each([
    ["/personnes", "/personnes", {}],
    ["/personnes/:id", "/personnes/42", { id: "42" }],
    ["/parc/logements/:id", "/parc/logements/a%20b", { id: "a b" }],
    ["/personnes/:id", "/personnes", null],
    ["/personnes/:id", "/personnes/42/extra", null],
    ["/carte", "/portail", null],
  ])("%s against %s", (pattern, path, expected) => {
    expect(matchPath(pattern, path)).toEqual(expected);
  });
});

describe("web API client: problem+json field errors", () => {
  it("strips the request part (json., query.) so paths name the form's fields", () => {
    const error = new ApiError({
      type: "urn:iml:problem:validation_failed",
      title: "Données invalides",
      status: 422,
      detail: "Certains champs sont invalides",
      code: "VALIDATION_FAILED",
      errors: [
        { path: "json.email", message: "Adresse électronique invalide" },
        { path: "json.unitIds.2", message: "UUID invalide" },
        { path: "query.bbox", message: "bbox invalide" },
        { path: "declineReason", message: "Motif inconnu" },
      ],
    });
    expect(error.fieldErrors().map((field) => field.path)).toEqual([
      "email",
      "unitIds.2",
      "bbox",
      "declineReason",
    ]);
    expect(error.message).toBe("Certains champs sont invalides");
    expect(error.code).toBe("VALIDATION_FAILED");
  });

  it("builds query strings from defined values only", () => {
    expect(query({ bbox: "1,2,3,4", status: undefined, q: "", limit: 5 })).toBe(
      "?bbox=1%2C2%2C3%2C4&limit=5",
    );
    expect(query({})).toBe("");
  });
});

import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../server/modules/documents/documents.rules";
import { renderPdf } from "../../server/modules/documents/documents.service";
import { type DocumentKind, describeKind } from "../../server/modules/documents/documents.templates";
import { documentKeyFacts, documentSamples } from "../support/document-samples";
import { pdfText } from "../support/pdf-text";

const createdAt = new Date("2026-11-23T09:00:00Z");

const kinds = Object.keys(documentSamples) as DocumentKind[];

describe("every document renders with its key facts", () => {
  it.each(kinds)("%s", async (kind) => {
    const pdf = await renderPdf(kind, documentSamples[kind] as never, createdAt);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const { text, pages } = await pdfText(pdf);
    for (const fact of documentKeyFacts[kind]) {
      // a SHA-256 may wrap: compare it without spaces
      if (/^[0-9a-f]{64}$/.test(fact)) expect(text.replace(/ /g, "")).toContain(fact);
      else expect(text).toContain(fact.replace(/’/g, "'"));
    }
    // organisation header and page numbers on every page
    expect(text.split("Un Chez-soi d'abord — Dijon").length - 1).toBeGreaterThanOrEqual(pages);
    expect(text).toContain(`Page ${pages} / ${pages}`);
    // the built-in font's "/" for U+202F would show as "1/234": never
    expect(text).not.toMatch(/\d\/\d{3},\d\d/);
  });
});

describe("determinism", () => {
  it("same data and creation date → same bytes and hash; another date → another hash", async () => {
    const a = await renderPdf("sublease", documentSamples.sublease, createdAt);
    const b = await renderPdf("sublease", documentSamples.sublease, createdAt);
    const c = await renderPdf("sublease", documentSamples.sublease, new Date("2026-11-24T09:00:00Z"));
    expect(sha256Hex(a)).toBe(sha256Hex(b));
    expect(Buffer.compare(a, b)).toBe(0);
    expect(sha256Hex(c)).not.toBe(sha256Hex(a));
  });
});

describe("incomplete data is an error, not a blank", () => {
  it("names the missing fields (422)", async () => {
    const { contract, ...withoutContract } = documentSamples.sublease;
    const broken = { ...withoutContract, contract: { ...contract, rentCents: undefined } };
    await expect(renderPdf("sublease", broken as never, createdAt)).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      status: 422,
      extra: {
        errors: expect.arrayContaining([expect.objectContaining({ path: "data.contract.rentCents" })]),
      },
    });
  });

  it("every kind has a schema and parts whose wording parses", () => {
    for (const kind of kinds) expect(describeKind(kind).parts.length).toBeGreaterThan(0);
  });
});

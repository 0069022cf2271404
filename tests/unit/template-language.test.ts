import { describe, expect, it } from "vitest";
import {
  frenchTypography,
  MissingTemplateValueError,
  parseTemplate,
  renderTemplate,
  TemplateSyntaxError,
} from "../../server/modules/documents/template-language";

const source = (body: string) => `---\nid: t\nversion: 2\ntitle: Essai\n---\n${body}`;

describe("template language", () => {
  it("reads the front matter", () => {
    expect(parseTemplate(source("x"))).toMatchObject({ id: "t", version: 2, title: "Essai" });
    expect(() => parseTemplate("no front matter")).toThrow(TemplateSyntaxError);
  });

  it("interpolates with formats, conditions and loops", () => {
    const template = parseTemplate(
      source(
        [
          "## Loyer",
          ": Loyer | {{rent | euros}}",
          "{{#if kind = sliding}}",
          "Clause : glissement au {{target | longdate}}",
          "{{else}}",
          "Pas de clause",
          "{{/if}}",
          "{{#each reviews}}",
          "- revue {{@number}} : {{this | date}}",
          "{{/each}}",
          "Taux {{fee | percent}}",
        ].join("\n"),
      ),
    );
    const blocks = renderTemplate(template, {
      rent: 123_456,
      kind: "sliding",
      target: "2028-12-01",
      reviews: ["2027-06-01", "2027-12-01"],
      fee: 750,
    });
    expect(blocks).toEqual([
      { type: "heading", text: "Loyer" },
      { type: "fact", label: "Loyer", value: "1\u202f234,56\u00a0€" },
      { type: "paragraph", text: "Clause\u00a0: glissement au 1er décembre 2028" },
      { type: "bullet", text: "revue 1\u00a0: 01/06/2027" },
      { type: "bullet", text: "revue 2\u00a0: 01/12/2027" },
      { type: "paragraph", text: "Taux 7,5\u00a0%" },
    ]);
  });

  it("a missing value is an error naming every missing path, never a blank", () => {
    const template = parseTemplate(source("{{a}} {{b.c}}\n{{#if d}}\nx\n{{/if}}\n{{#each e}}\n{{/each}}"));
    try {
      renderTemplate(template, { b: {} });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MissingTemplateValueError);
      expect((error as MissingTemplateValueError).paths.sort()).toEqual(["a", "b.c", "d", "e"]);
    }
  });

  it("refuses unbalanced blocks", () => {
    expect(() => parseTemplate(source("{{#if a}}\nx"))).toThrow(TemplateSyntaxError);
    expect(() => parseTemplate(source("{{/each}}"))).toThrow(TemplateSyntaxError);
  });

  it("French typography on wording, apostrophes only inside values", () => {
    expect(frenchTypography("Vraiment ? « oui » d'accord; fin!")).toBe(
      "Vraiment\u00a0? «\u00a0oui\u00a0» d’accord\u202f; fin\u202f!",
    );
  });
});

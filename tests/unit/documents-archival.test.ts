import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { documentFileName, leaseReference } from "../../server/modules/documents/documents.rules";
import { paymentReference } from "../../server/modules/ledger/ledger.service";
import { renderPdf } from "../../server/modules/documents/documents.service";
import {
  type DocumentKind,
  describeKind,
  loadTemplate,
  TEMPLATES_DIR,
  templateIds,
} from "../../server/modules/documents/documents.templates";
import { renderBlocksToPdf } from "../../server/modules/documents/pdf-renderer";
import { documentSamples } from "../support/document-samples";
import { expectArchivalPdf } from "../support/pdf-archival";
import { pdfText } from "../support/pdf-text";

const createdAt = new Date("2026-11-23T09:00:00Z");
const kinds = Object.keys(documentSamples) as DocumentKind[];

describe("every document is PDF/A-3b and tagged (ISO 19005-3 level B; ISO 32000-1 §14.8)", () => {
  it.each(kinds)("%s", async (kind) => {
    const pdf = await renderPdf(kind, documentSamples[kind] as never, createdAt);
    const headed = describeKind(kind).parts.some((part) =>
      readFileSync(new URL(`${part}.tpl`, TEMPLATES_DIR), "utf8").match(/^## /m),
    );
    await expectArchivalPdf(pdf, expect, ["Document", "Sect", "H1", ...(headed ? ["H2"] : []), "P"]);
  });

  it("drawn tables, lists and signature boxes are structure too", async () => {
    const pdf = await renderBlocksToPdf(
      [
        [
          { type: "title", text: "Compte rendu de réunion" },
          { type: "heading", text: "Participants" },
          { type: "bullet", text: "Claire Martin" },
          { type: "bullet", text: "Paul Propriétaire" },
          {
            type: "table",
            columns: [
              { label: "Logement", alignRight: false },
              { label: "Montant", alignRight: true },
            ],
            // enough rows to run over a page: the header row is repeated as an artifact
            rows: Array.from({ length: 80 }, (_, index) => [`Logement ${index + 1}`, "1 234,56 €"]),
          },
          { type: "signatures", parties: ["Le bailleur", "Le locataire"] },
        ],
      ],
      {
        organisationName: "Habitat & Logement",
        organisationLines: ["12 rue de la Liberté, 21000 Dijon"],
        documentTitle: "Compte rendu de réunion",
        versionLabel: "réunion du 23/11/2026",
      },
      createdAt,
    );
    const report = await expectArchivalPdf(pdf, expect, [
      "Document",
      "H1",
      "H2",
      "L",
      "LI",
      "LBody",
      "Table",
      "TR",
      "TH",
      "TD",
      "Div",
      "P",
    ]);
    // "&" is markup in the XMP packet: the name reads "et" in both places
    expect(report.xmpTitle).toBe("Compte rendu de réunion");
    const { text, pages } = await pdfText(pdf);
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain("Logement 80");
  });
});

describe("the footer names the document and the date of its wording, not an internal id", () => {
  it.each(kinds)("%s", async (kind) => {
    const pdf = await renderPdf(kind, documentSamples[kind] as never, createdAt);
    const { text } = await pdfText(pdf);
    expect(text).not.toMatch(/\b[a-z]+_[a-z_]+ v\d+\b/);
    expect(text).not.toContain(`${kind} v`);
    expect(text).toMatch(/ — modèle du \d\d\/\d\d\/\d{4}/);
  });

  it("every template states the date of its wording", () => {
    for (const id of templateIds) expect(loadTemplate(id).date, id).toMatch(/^\d{4}-\d\d-\d\d$/);
  });
});

describe("file names are French, with a reference a person can quote (no uuid)", () => {
  const leaseId = "1a2b3c4d-0000-4000-8000-000000000001";
  const id = "9f8e7d6c-5b4a-4000-8000-00000000abcd";
  const name = (kind: DocumentKind, overrides: { leaseId?: string | null } = {}) =>
    documentFileName({
      id,
      templateId: kind,
      leaseId: overrides.leaseId === undefined ? leaseId : overrides.leaseId,
      data: documentSamples[kind] as Record<string, unknown>,
    });

  it.each([
    // a reference that already names the month does not repeat it
    ["rent_receipt", "quittance-Q-2026-12-0042.pdf"],
    ["rent_call", "avis-échéance-AE-2026-12-0042.pdf"],
    ["partial_payment_receipt", "reçu-paiement-partiel-R-2026-12-0042.pdf"],
    ["landlord_statement", "relevé-gérance-RG-2026-12-017.pdf"],
    ["sublease", "bail-sous-location-LOY-1A2B3C4D.pdf"],
    ["head_lease", "bail-principal-LOY-1A2B3C4D.pdf"],
    ["management_mandate", "mandat-gestion-17.pdf"],
    ["signed_management_mandate", "mandat-gestion-17-signé.pdf"],
    ["mandate_signature_certificate", "certificat-signature-mandat-17.pdf"],
    ["inspection_report", "état-des-lieux-sortie-LOY-1A2B3C4D.pdf"],
    ["deposit_return", "restitution-dépôt-garantie-LOY-1A2B3C4D.pdf"],
    ["payment_terms_amendment", "avenant-modalités-paiement-LOY-1A2B3C4D.pdf"],
    ["prefect_information", "information-préfet-LOY-1A2B3C4D.pdf"],
  ] as [DocumentKind, string][])("%s → %s", (kind, expected) => {
    expect(name(kind)).toBe(expected);
  });

  it("a receipt carries the month and the lease's payment reference", () => {
    const data = { ...documentSamples.rent_receipt, reference: "LOY-1A2B3C4D" } as Record<string, unknown>;
    expect(documentFileName({ id, templateId: "rent_receipt", leaseId, data })).toBe(
      "quittance-2026-12-LOY-1A2B3C4D.pdf",
    );
    expect(leaseReference(leaseId)).toBe(paymentReference(leaseId));
  });

  it("a document without lease nor reference is named by the start of its identifier", () => {
    expect(name("offer_sheet", { leaseId: null })).toMatch(
      /^fiche-proposition-\d{4}-\d\d-\d\d-9F8E7D6C\.pdf$/,
    );
  });

  it("no name holds a uuid nor a person's name; every kind has its French name", () => {
    for (const kind of kinds) {
      const fileName = name(kind);
      expect(fileName).not.toMatch(/^document-/);
      expect(fileName).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/i);
      expect(fileName).not.toMatch(/Dupont|Propriétaire/);
      expect(fileName).toMatch(/^[\p{L}\p{N}.-]+\.pdf$/u);
    }
  });
});

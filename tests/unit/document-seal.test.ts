import { describe, expect, it } from "vitest";
import { sealFromEnv, sealPdf } from "../../server/modules/documents/document-seal";
import { renderPdf } from "../../server/modules/documents/documents.service";
import { documentSamples } from "../support/document-samples";
import { expectArchivalPdf } from "../support/pdf-archival";
import { pdfText } from "../support/pdf-text";
import { checkPdfSeal, makeSealCertificate } from "../support/seal-certificate";

const certificate = makeSealCertificate();
const signingTime = new Date("2026-11-23T09:15:00Z");
const signature = {
  signingTime,
  reason: "Mandat de gestion n° 17 signé",
  location: "Dijon",
  name: "Opérateur",
};

describe("the operator's seal on a signed mandate (PAdES, ETSI.CAdES.detached)", () => {
  const seal = sealFromEnv({
    SEAL_P12_PATH: certificate.p12Path,
    SEAL_P12_PASSPHRASE: certificate.passphrase,
  })!;

  it("reads the certificate's holder, issuer and serial number from the PKCS#12 file", () => {
    expect(seal.holder).toBe("Cachet de test Opérateur");
    expect(seal.issuer).toBe("Cachet de test Opérateur");
    expect(seal.serialNumber).toMatch(/^[0-9A-F]+$/);
  });

  it("signs the whole file but the signature value; openssl verifies it and the digest matches", async () => {
    const pdf = await renderPdf(
      "signed_management_mandate",
      documentSamples.signed_management_mandate,
      signingTime,
    );
    const sealed = await sealPdf(pdf, seal, signature);
    // an incremental update: the rendered PDF/A is kept byte for byte
    expect(sealed.subarray(0, pdf.length - 1).equals(pdf.subarray(0, pdf.length - 1))).toBe(true);
    expect(checkPdfSeal(sealed, certificate.certPath)).toEqual({
      subFilter: "ETSI.CAdES.detached",
      coversFile: true,
      digestMatches: true,
      opensslVerifies: true,
      signingCertificateMatches: true,
    });
    // still PDF/A-3b and tagged after the update, and still readable
    await expectArchivalPdf(sealed, expect, ["Document", "H1", "H2", "P"]);
    expect((await pdfText(sealed)).text).toContain("cachet électronique");
    // same file, seal and time: same bytes (so the stored hash can be recomputed)
    expect((await sealPdf(pdf, seal, signature)).equals(sealed)).toBe(true);
  });

  it("a byte changed in the signed range breaks the signature", async () => {
    const pdf = await renderPdf(
      "signed_management_mandate",
      documentSamples.signed_management_mandate,
      signingTime,
    );
    const sealed = await sealPdf(pdf, seal, signature);
    const tampered = Buffer.from(sealed);
    // a byte of the first page's content, well inside the first signed range
    const index = 2000;
    tampered[index] = tampered[index]! ^ 0x01;
    const check = checkPdfSeal(tampered, certificate.certPath);
    expect(check.digestMatches).toBe(false);
    expect(check.opensslVerifies).toBe(false);
  });

  it("no certificate configured: no seal; a wrong passphrase or an unreadable file stops the start", () => {
    expect(sealFromEnv({ SEAL_P12_PATH: undefined, SEAL_P12_PASSPHRASE: "" })).toBeNull();
    expect(() => sealFromEnv({ SEAL_P12_PATH: certificate.p12Path, SEAL_P12_PASSPHRASE: "faux" })).toThrow(
      /SEAL_P12_PATH/,
    );
    expect(() =>
      sealFromEnv({ SEAL_P12_PATH: `${certificate.dir}/absent.p12`, SEAL_P12_PASSPHRASE: "" }),
    ).toThrow(/SEAL_P12_PATH: cannot read/);
  });
});

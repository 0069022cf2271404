import { execFileSync } from "node:child_process";
import { createHash, X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import forge from "node-forge";

/**
 * A self-signed test certificate made with the machine's openssl: its key and certificate in a
 * PKCS#12 file (3DES/SHA-1, which node-forge reads), the certificate as PEM for verification.
 */
export function makeSealCertificate(passphrase = "phrase-de-test"): {
  dir: string;
  p12Path: string;
  certPath: string;
  passphrase: string;
} {
  const dir = mkdtempSync(join(tmpdir(), "seal-"));
  const keyPath = join(dir, "key.pem");
  const certPath = join(dir, "cert.pem");
  const p12Path = join(dir, "seal.p12");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      keyPath,
      "-out",
      certPath,
      "-days",
      "2",
      "-utf8",
      "-subj",
      "/O=Un Chez-soi d'abord — Dijon/CN=Cachet de test Opérateur",
    ],
    { stdio: "ignore" },
  );
  execFileSync(
    "openssl",
    [
      "pkcs12",
      "-export",
      "-inkey",
      keyPath,
      "-in",
      certPath,
      "-out",
      p12Path,
      "-passout",
      `pass:${passphrase}`,
      "-keypbe",
      "PBE-SHA1-3DES",
      "-certpbe",
      "PBE-SHA1-3DES",
      "-macalg",
      "sha1",
    ],
    { stdio: "ignore" },
  );
  return { dir, p12Path, certPath, passphrase };
}

export type SealCheck = {
  subFilter: string | null;
  /** the two ranges cover the whole file but the signature value's <hex> */
  coversFile: boolean;
  /** the message-digest signed attribute is the SHA-256 of the covered bytes */
  digestMatches: boolean;
  /** `openssl cms -verify` against the test certificate */
  opensslVerifies: boolean;
  /** the ESS signing-certificate-v2 signed attribute holds the SHA-256 of the certificate (PAdES) */
  signingCertificateMatches: boolean;
};

/** Reads the last signature of a PDF and checks it covers the file and verifies. */
export function checkPdfSeal(pdf: Buffer, certPath: string): SealCheck {
  const text = pdf.toString("latin1");
  const at = text.lastIndexOf("/ByteRange");
  const range = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text.slice(at))!;
  const [start, firstLength, secondStart, secondLength] = range.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
  ];
  const gap = text.slice(start + firstLength, secondStart);
  const coversFile = start === 0 && secondStart + secondLength === pdf.length && /^<[0-9a-f]+>$/i.test(gap);
  const covered = Buffer.concat([pdf.subarray(0, firstLength), pdf.subarray(secondStart)]);
  const padded = Buffer.from(gap.slice(1, -1), "hex");
  // the value is zero-padded up to the placeholder: keep the DER SEQUENCE's own length
  const der = padded.subarray(0, derLength(padded));
  const subFilter = /\/SubFilter\s*\/([\w.]+)/.exec(text.slice(text.lastIndexOf("/Type /Sig")))?.[1] ?? null;

  const message = forge.pkcs7.messageFromAsn1(
    forge.asn1.fromDer(forge.util.createBuffer(der.toString("binary"))),
  );
  const signerInfo = (message as unknown as { rawCapture: { authenticatedAttributes?: forge.asn1.Asn1[] } })
    .rawCapture.authenticatedAttributes;
  let digest: string | null = null;
  let certificateHash: string | null = null;
  for (const attribute of signerInfo ?? []) {
    const [oid, values] = attribute.value as forge.asn1.Asn1[];
    const type = forge.asn1.derToOid(oid!.value as string);
    const value = (values!.value as forge.asn1.Asn1[])[0]!;
    if (type === forge.pki.oids.messageDigest) digest = forge.util.bytesToHex(value.value as string);
    if (type === "1.2.840.113549.1.9.16.2.47") {
      // SigningCertificateV2 → certs → ESSCertIDv2 → certHash
      const certs = (value.value as forge.asn1.Asn1[])[0]!;
      const certId = (certs.value as forge.asn1.Asn1[])[0]!;
      certificateHash = forge.util.bytesToHex((certId.value as forge.asn1.Asn1[])[0]!.value as string);
    }
  }
  const signingCertificateMatches =
    certificateHash ===
    createHash("sha256")
      .update(new X509Certificate(readFileSync(certPath)).raw)
      .digest("hex");
  const digestMatches = digest === createHash("sha256").update(covered).digest("hex");

  const dir = mkdtempSync(join(tmpdir(), "seal-check-"));
  writeFileSync(join(dir, "signature.der"), der);
  writeFileSync(join(dir, "content.bin"), covered);
  let opensslVerifies = true;
  try {
    execFileSync(
      "openssl",
      [
        "cms",
        "-verify",
        "-binary",
        "-inform",
        "DER",
        "-in",
        join(dir, "signature.der"),
        "-content",
        join(dir, "content.bin"),
        "-CAfile",
        certPath,
        "-purpose",
        "any",
        "-out",
        join(dir, "out.bin"),
      ],
      { stdio: "pipe" },
    );
  } catch (error) {
    if (process.env.SEAL_DEBUG) console.log(dir, String((error as { stderr?: unknown }).stderr));
    opensslVerifies = false;
  }
  return { subFilter, coversFile, digestMatches, opensslVerifies, signingCertificateMatches };
}

function derLength(bytes: Buffer): number {
  if (bytes[0] !== 0x30) return bytes.length;
  const first = bytes[1]!;
  if (first < 0x80) return 2 + first;
  const count = first & 0x7f;
  let length = 0;
  for (let index = 0; index < count; index++) length = length * 256 + bytes[2 + index]!;
  return 2 + count + length;
}

import { readFileSync } from "node:fs";
import { plainAddPlaceholder } from "@signpdf/placeholder-plain";
import { SignPdf } from "@signpdf/signpdf";
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from "@signpdf/utils";
import forge from "node-forge";
import type { Env } from "../../env";

/**
 * The operator's electronic seal on a finished PDF: a PAdES signature (ISO 32000-1 §12.8,
 * SubFilter ETSI.CAdES.detached, ETSI EN 319 142-1) made with the PKCS#12 certificate of
 * SEAL_P12_PATH, added as an incremental update so the PDF/A content is kept byte for byte.
 * The CMS is made with node-forge as @signpdf/signer-p12 makes it (SHA-256 with RSA, the
 * signer's certificate and chain, signed attributes content-type, signing-time and
 * message-digest), the signer named by the certificate's issuer as encoded in the certificate.
 * It carries no timestamp from a third party (no time-stamping authority is reachable from the
 * server).
 */
export type DocumentSeal = {
  key: forge.pki.rsa.PrivateKey;
  certificate: forge.pki.Certificate;
  chain: forge.pki.Certificate[];
  /** the certificate's subject (CN, else O), its issuer's, and its serial number (hex) */
  holder: string;
  issuer: string;
  serialNumber: string;
};

const loaded = new Map<string, DocumentSeal>();

const nameOf = (attributes: forge.pki.CertificateField[]) =>
  String(
    attributes.find((field) => field.shortName === "CN")?.value ??
      attributes.find((field) => field.shortName === "O")?.value ??
      "?",
  );

/** forge reads UTF-8 names as Latin-1 bytes: give them back their accents */
function utf8(text: string): string {
  try {
    return forge.util.decodeUtf8(text);
  } catch {
    return text;
  }
}

/**
 * The seal configured by SEAL_P12_PATH/SEAL_P12_PASSPHRASE, read and checked once; null when none
 * is configured. A file that cannot be read, a wrong passphrase or a key without its certificate
 * stop the start with a message naming the variable.
 */
export function sealFromEnv(env: Pick<Env, "SEAL_P12_PATH" | "SEAL_P12_PASSPHRASE">): DocumentSeal | null {
  const path = env.SEAL_P12_PATH;
  if (!path) return null;
  const cacheKey = `${path}\u0000${env.SEAL_P12_PASSPHRASE}`;
  const cached = loaded.get(cacheKey);
  if (cached) return cached;
  let p12: Buffer;
  let key: forge.pki.rsa.PrivateKey | undefined;
  let certificates: forge.pki.Certificate[] = [];
  try {
    p12 = readFileSync(path);
  } catch (error) {
    throw new Error(`SEAL_P12_PATH: cannot read ${path} (${(error as Error).message})`);
  }
  let certificate: forge.pki.Certificate | undefined;
  try {
    const parsed = forge.pkcs12.pkcs12FromAsn1(
      forge.asn1.fromDer(forge.util.createBuffer(p12.toString("binary"))),
      false,
      env.SEAL_P12_PASSPHRASE,
    );
    const keyBag = forge.pki.oids.pkcs8ShroudedKeyBag as string;
    const certBag = forge.pki.oids.certBag as string;
    key = parsed.getBags({ bagType: keyBag })[keyBag]?.[0]?.key as forge.pki.rsa.PrivateKey | undefined;
    certificates = (parsed.getBags({ bagType: certBag })[certBag] ?? [])
      .map((bag: forge.pkcs12.Bag) => bag.cert)
      .filter((cert): cert is forge.pki.Certificate => cert !== undefined);
    const privateKey = key;
    certificate = privateKey
      ? certificates.find((cert) => {
          const publicKey = cert.publicKey as forge.pki.rsa.PublicKey;
          return publicKey.n.compareTo(privateKey.n) === 0 && publicKey.e.compareTo(privateKey.e) === 0;
        })
      : undefined;
  } catch (error) {
    throw new Error(
      `SEAL_P12_PATH: ${path} is not a PKCS#12 file readable with SEAL_P12_PASSPHRASE (${(error as Error).message})`,
    );
  }
  if (!certificate || !key) {
    throw new Error(`SEAL_P12_PATH: ${path} holds no RSA private key with its certificate`);
  }
  const seal: DocumentSeal = {
    key,
    certificate,
    chain: certificates,
    holder: utf8(nameOf(certificate.subject.attributes)),
    issuer: utf8(nameOf(certificate.issuer.attributes)),
    serialNumber: certificate.serialNumber.toUpperCase(),
  };
  loaded.set(cacheKey, seal);
  return seal;
}

/**
 * Seals a finished PDF: signature dictionary, zero-size printable widget and AcroForm appended as
 * an incremental update, then the CMS over the whole file but the signature value (ByteRange).
 * Same PDF, seal and time → same bytes (RSA PKCS#1 v1.5 signatures are deterministic).
 */
export async function sealPdf(
  pdf: Buffer,
  seal: DocumentSeal,
  signature: { signingTime: Date; reason: string; location: string; name: string },
): Promise<Buffer> {
  const withPlaceholder = withFileId(
    plainAddPlaceholder({
      pdfBuffer: pdf,
      reason: signature.reason,
      contactInfo: "",
      name: signature.name,
      location: signature.location,
      signingTime: signature.signingTime,
      subFilter: SUBFILTER_ETSI_CADES_DETACHED,
      signatureLength: 8192,
    }),
    pdf,
  );
  return new SignPdf().sign(withPlaceholder, new SealSigner(seal), signature.signingTime);
}

/**
 * The detached CMS of @signpdf/signer-p12, from the already parsed key and certificates. forge
 * writes the signer's issuer name from its parsed attributes and encodes UTF-8 values a second
 * time ("Opérateur" becomes "OpÃ©rateur"), so no verifier would find the certificate: the issuer
 * of the signer's identifier is given decoded, which forge encodes back to the certificate's bytes.
 */
class SealSigner extends Signer {
  constructor(private readonly seal: DocumentSeal) {
    super();
  }

  override async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    const oids = forge.pki.oids;
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdfBuffer.toString("binary"));
    for (const certificate of this.seal.chain) p7.addCertificate(certificate);
    const signer = Object.create(this.seal.certificate) as forge.pki.Certificate;
    signer.issuer = {
      ...this.seal.certificate.issuer,
      attributes: this.seal.certificate.issuer.attributes.map((attribute) =>
        (attribute as { valueTagClass?: number }).valueTagClass === forge.asn1.Type.UTF8
          ? { ...attribute, value: utf8(String(attribute.value)) }
          : attribute,
      ),
    };
    p7.addSigner({
      key: this.seal.key,
      certificate: signer,
      digestAlgorithm: oids.sha256 as string,
      // content-type, signing-time, message-digest: the order EU validators expect
      authenticatedAttributes: [
        { type: oids.contentType as string, value: oids.data as string },
        { type: oids.signingTime as string, value: (signingTime ?? new Date()) as unknown as string },
        { type: oids.messageDigest as string },
      ],
    });
    p7.sign({ detached: true });
    withSigningCertificateV2(p7, this.seal);
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), "binary");
  }
}

/**
 * PDF/A wants the file identifier in the trailer of the last update (ISO 19005-3 §6.1.3); the
 * placeholder's update trailer has none: it gets the original's.
 */
function withFileId(updated: Buffer, original: Buffer): Buffer {
  const tail = original.subarray(Math.max(0, original.length - 1024)).toString("latin1");
  const id = /\/ID\s*\[\s*<[0-9a-fA-F]+>\s*<[0-9a-fA-F]+>\s*\]/.exec(tail)?.[0];
  if (!id) throw new Error("the PDF to seal has no file identifier");
  const text = updated.toString("latin1");
  const trailer = text.lastIndexOf("trailer");
  const open = text.indexOf("<<", trailer);
  if (trailer < 0 || open < 0) throw new Error("the sealed PDF has no update trailer");
  return Buffer.concat([updated.subarray(0, open + 2), Buffer.from(`\n${id}`), updated.subarray(open + 2)]);
}

/**
 * PAdES baseline signatures name their certificate in a signed attribute, ESS
 * signing-certificate-v2 (RFC 5035; ETSI EN 319 122-1 §5.2.2): the SHA-256 of the certificate.
 * forge writes only content-type, signing-time and message-digest, so the attribute is appended
 * to the signed attributes and the signature value computed again over them (CMS signs the DER
 * SET OF the signed attributes, RFC 5652 §5.4).
 */
function withSigningCertificateV2(p7: forge.pkcs7.PkcsSignedData, seal: DocumentSeal): void {
  const { asn1 } = forge;
  const signer = (
    p7 as unknown as { signers: { authenticatedAttributesAsn1: forge.asn1.Asn1; signature: string }[] }
  ).signers[0]!;
  const certificateDer = asn1.toDer(forge.pki.certificateToAsn1(seal.certificate)).getBytes();
  const certificateHash = forge.md.sha256.create().update(certificateDer).digest().getBytes();
  const attribute = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(
      asn1.Class.UNIVERSAL,
      asn1.Type.OID,
      false,
      asn1.oidToDer("1.2.840.113549.1.9.16.2.47").getBytes(),
    ),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, [
      // SigningCertificateV2 { certs: [ESSCertIDv2 { certHash }] }, hash algorithm SHA-256 by default
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
          asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
            asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, certificateHash),
          ]),
        ]),
      ]),
    ]),
  ]);
  // DER orders a SET OF by the encodings of its elements (X.690 §11.6): verifiers re-encode so
  const attributes = [...(signer.authenticatedAttributesAsn1.value as forge.asn1.Asn1[]), attribute]
    .map((element) => ({ element, der: asn1.toDer(element).getBytes() }))
    .sort((a, b) => (a.der < b.der ? -1 : a.der > b.der ? 1 : 0))
    .map(({ element }) => element);
  signer.authenticatedAttributesAsn1.value = attributes;
  const signedSet = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, attributes);
  const digest = forge.md.sha256.create().update(asn1.toDer(signedSet).getBytes());
  signer.signature = seal.key.sign(digest);
  // sign() has already written the SignerInfo (it shares the attributes node): its signature value
  // is the last element, an OCTET STRING (no unsigned attributes)
  const signerInfo = (p7 as unknown as { signerInfos: forge.asn1.Asn1[] }).signerInfos[0]!;
  const fields = signerInfo.value as forge.asn1.Asn1[];
  fields[fields.length - 1] = asn1.create(
    asn1.Class.UNIVERSAL,
    asn1.Type.OCTETSTRING,
    false,
    signer.signature,
  );
}

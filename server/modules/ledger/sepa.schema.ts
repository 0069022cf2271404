/**
 * Validation of the SEPA files against the ISO 20022 schemas (schemas/iso20022/, see its README),
 * with libxml2's own validator (xmllint compiled to WebAssembly): the same check a bank's
 * reception runs first. A file is validated each time it is produced, before it is handed out.
 */
import { readFileSync } from "node:fs";
import { validateXML } from "xmllint-wasm";
import { AppError } from "../../lib/errors";

export const SCHEMAS_DIR = new URL("../../../schemas/iso20022/", import.meta.url);

export type SepaMessage = "pain.001.001.09" | "pain.008.001.08";

const loaded = new Map<SepaMessage, string>();
function schemaText(message: SepaMessage): string {
  let text = loaded.get(message);
  if (!text) {
    text = readFileSync(new URL(`${message}.xsd`, SCHEMAS_DIR), "utf8");
    loaded.set(message, text);
  }
  return text;
}

/** libxml2's verdict on the file: valid, or its messages (line and element named). */
export async function validateSepaFile(message: SepaMessage, xml: string) {
  const result = await validateXML({
    xml: [{ fileName: `${message}.xml`, contents: xml }],
    schema: [{ fileName: `${message}.xsd`, contents: schemaText(message) }],
  });
  return { valid: result.valid, errors: result.errors.map((error) => error.rawMessage.trim()) };
}

/** Refuses to hand out a file the schema rejects (422 SEPA_FILE_INVALID with libxml2's messages). */
export async function assertValidSepaFile(message: SepaMessage, xml: string): Promise<string> {
  const { valid, errors } = await validateSepaFile(message, xml);
  if (!valid)
    throw new AppError("SEPA_FILE_INVALID", `Le fichier ${message} ne passe pas le schéma`, { errors });
  return xml;
}

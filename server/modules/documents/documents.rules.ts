import { createHash } from "node:crypto";
import type { Actor } from "../auth/actor";

/** SHA-256 of the PDF bytes, hex: what the documents table keeps and a signature certifies. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Privacy: a landlord reads only the documents addressed to them. */
export function canActorReadDocument(
  actor: Pick<Actor, "role" | "landlordId">,
  document: { landlordId: string | null; landlordVisible: boolean },
): boolean {
  if (actor.role !== "landlord") return true;
  return actor.landlordId !== null && document.landlordVisible && document.landlordId === actor.landlordId;
}

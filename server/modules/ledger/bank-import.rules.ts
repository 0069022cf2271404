/**
 * Bank statement matching, pure. A line is matched to a lease by the transfer reference printed
 * on the rent call ("LOY-1A2B3C4D"), else by amount and name (the tenant's part of the last call
 * and the tenant's last name in the label, one lease only); anything else waits for review.
 */
import type { Cents } from "../../lib/money";

export type MatchCandidate = { leaseId: string; reference: string; lastName: string; expectedCents: Cents };
export type MatchResult = { leaseId: string; by: "reference" | "amount_and_name" } | null;

export function normaliseText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase();
}

export function matchBankLine(
  line: { label: string; amountCents: Cents },
  candidates: readonly MatchCandidate[],
): MatchResult {
  const label = normaliseText(line.label).replace(/\s+/g, " ");
  const byReference = candidates.filter((c) =>
    label.replace(/\s/g, "").includes(c.reference.replace(/\s/g, "")),
  );
  if (byReference.length === 1) return { leaseId: byReference[0]!.leaseId, by: "reference" };
  const byAmountAndName = candidates.filter(
    (c) =>
      c.expectedCents === line.amountCents && new RegExp(`\\b${normaliseText(c.lastName)}\\b`).test(label),
  );
  if (byAmountAndName.length === 1) return { leaseId: byAmountAndName[0]!.leaseId, by: "amount_and_name" };
  return null;
}

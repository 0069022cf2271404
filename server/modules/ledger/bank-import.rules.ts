/**
 * Bank statement matching, pure. A line is matched to a lease by the transfer reference printed
 * on the rent call ("LOY-1A2B3C4D"), else by amount and name (the tenant's part of the last call
 * and the tenant's last name in the label, one lease only); anything else waits for review.
 */
import type { Cents } from "../../lib/money";

export type MatchCandidate = { leaseId: string; reference: string; lastName: string; expectedCents: Cents };
export type MatchResult = { leaseId: string; by: "reference" | "amount_and_name" } | null;
/** Why a credit line waits for review: shown on the review screen next to the line. */
export type UnmatchedReason = "no_match" | "ambiguous_reference" | "ambiguous_amount_and_name";
export type MatchOutcome =
  | { leaseId: string; by: "reference" | "amount_and_name" }
  | { leaseId: null; reason: UnmatchedReason };

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
  const outcome = bankLineMatcher(candidates)(line);
  return outcome.leaseId ? outcome : null;
}

/**
 * The matcher for a set of leases, built once per statement: references and expected amounts
 * are indexed, so a 10 000-line statement is matched in linear time. It returns the match, or the
 * reason there is none (several leases fit: a person decides, never a guess).
 */
export function bankLineMatcher(candidates: readonly MatchCandidate[]) {
  const byReferenceKey = new Map<string, MatchCandidate[]>();
  const byAmount = new Map<Cents, { candidate: MatchCandidate; name: RegExp }[]>();
  for (const candidate of candidates) {
    const key = referenceKey(candidate.reference);
    if (key) byReferenceKey.set(key, [...(byReferenceKey.get(key) ?? []), candidate]);
    const lastName = normaliseText(candidate.lastName).trim();
    if (!lastName) continue;
    const name = new RegExp(`(^|[^A-Z0-9])${escapeRegExp(lastName).replace(/\s+/g, "\\s+")}($|[^A-Z0-9])`);
    byAmount.set(candidate.expectedCents, [
      ...(byAmount.get(candidate.expectedCents) ?? []),
      { candidate, name },
    ]);
  }
  return (line: { label: string; amountCents: Cents }): MatchOutcome => {
    const label = normaliseText(line.label).replace(/\s+/g, " ");
    // "LOY-1A2B3C4D", also written "LOY 1A2B3C4D" or "LOY1A2B3C4D" by the tenant's bank
    const found = new Set<string>();
    for (const match of label.replace(/\s/g, "").matchAll(/LOY-?([0-9A-F]{8})/g)) {
      for (const candidate of byReferenceKey.get(match[1]!) ?? []) found.add(candidate.leaseId);
    }
    if (found.size === 1) return { leaseId: [...found][0]!, by: "reference" };
    if (found.size > 1) return { leaseId: null, reason: "ambiguous_reference" };
    const byName = (byAmount.get(line.amountCents) ?? []).filter(({ name }) => name.test(label));
    const leases = new Set(byName.map(({ candidate }) => candidate.leaseId));
    if (leases.size === 1) return { leaseId: [...leases][0]!, by: "amount_and_name" };
    if (leases.size > 1) return { leaseId: null, reason: "ambiguous_amount_and_name" };
    return { leaseId: null, reason: "no_match" };
  };
}

function referenceKey(reference: string): string | null {
  return /LOY-?([0-9A-F]{8})/.exec(normaliseText(reference).replace(/\s/g, ""))?.[1] ?? null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

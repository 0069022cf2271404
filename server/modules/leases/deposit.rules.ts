/**
 * The security deposit in the operator's books (loi 89-462 art. 22), pure. The deposit of a
 * contract the operator lets (a sub-lease, a sliding sub-lease, a temporary occupancy) is the
 * tenant's money it holds: received at the signature (512 Banque → 165 Dépôts de garantie reçus),
 * it leaves 165 once, whole, when it is returned after the exit inspection or handed over at a
 * glissement. So 165 nets to zero for every contract whose deposit went back. A direct lease is
 * the landlord's: the landlord receives its deposit, the operator's books do not hold it.
 */
import type { DeductionKind } from "./inspection.rules";
import type { LeaseKind } from "./leases.rules";

export type LedgerLine = { accountId: string; debitCents: number; creditCents: number; leaseId: string };

/** Whether the operator holds the contract's deposit: it is the lessor. */
export function operatorHoldsDeposit(kind: LeaseKind): boolean {
  return kind === "sublease" || kind === "sliding_sublease" || kind === "temporary_occupancy";
}

/** The deposit received at the signature: the bank debited, 165 credited. */
export function depositReceiptLines(input: {
  amountCents: number;
  depositAccountId: string;
  bankAccountId: string;
  leaseId: string;
}): LedgerLine[] {
  if (input.amountCents <= 0) return [];
  return [
    { accountId: input.bankAccountId, debitCents: input.amountCents, creditCents: 0, leaseId: input.leaseId },
    {
      accountId: input.depositAccountId,
      debitCents: 0,
      creditCents: input.amountCents,
      leaseId: input.leaseId,
    },
  ];
}

/**
 * The return after the exit inspection: the whole deposit leaves 165; the rent and charges still
 * owed that are kept settle the tenant's account (411); the repairs and keys kept pay back the
 * restoration cost the operator bears (6152); the rest goes back to the tenant from the bank,
 * with the late-return penalty (art. 22: 10 % of the monthly rent per month started), the
 * operator's own expense. Balanced by construction.
 */
export function depositReturnLines(input: {
  heldCents: number;
  deductions: readonly { kind: DeductionKind; amountCents: number }[];
  penaltyCents: number;
  accounts: { deposit: string; bank: string; tenant: string; repairs: string; penalty: string };
  leaseId: string;
}): LedgerLine[] {
  const { accounts, leaseId } = input;
  const sum = (kinds: readonly DeductionKind[]) =>
    input.deductions.filter((d) => kinds.includes(d.kind)).reduce((s, d) => s + d.amountCents, 0);
  const owed = sum(["unpaid_rent", "unpaid_charges"]);
  const restoration = sum(["damage", "missing_keys"]);
  const refund = input.heldCents - owed - restoration + input.penaltyCents;
  const lines: LedgerLine[] = [
    { accountId: accounts.deposit, debitCents: input.heldCents, creditCents: 0, leaseId },
    { accountId: accounts.tenant, debitCents: 0, creditCents: owed, leaseId },
    { accountId: accounts.repairs, debitCents: 0, creditCents: restoration, leaseId },
    { accountId: accounts.penalty, debitCents: input.penaltyCents, creditCents: 0, leaseId },
    { accountId: accounts.bank, debitCents: 0, creditCents: refund, leaseId },
  ];
  return lines.filter((line) => line.debitCents > 0 || line.creditCents > 0);
}

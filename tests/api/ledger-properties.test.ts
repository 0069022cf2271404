import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../server/lib/clock";
import type { SystemActor } from "../../server/modules/auth/actor";
import { recordCost } from "../../server/modules/costs/costs.service";
import { requestFingerprint } from "../../server/modules/ledger/idempotency";
import {
  createRentCallsForMonth,
  leaseLedger,
  recordPayment,
  reverseTransaction,
  trialBalance,
} from "../../server/modules/ledger/ledger.service";
import { useTestDatabase } from "../support/db";
import { createOrganisation, createTenancy } from "../support/factories";

const db = useTestDatabase();

type Command =
  | { kind: "call"; month: number }
  | { kind: "pay"; lease: number; amountCents: number }
  | { kind: "reverse"; pick: number }
  | { kind: "cost"; amountCents: number }
  | { kind: "replay"; lease: number; amountCents: number; concurrent: boolean };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant("call" as const), month: fc.integer({ min: 1, max: 4 }) }),
  fc.record({
    kind: fc.constant("pay" as const),
    lease: fc.integer({ min: 0, max: 1 }),
    amountCents: fc.integer({ min: 1, max: 90_000 }),
  }),
  fc.record({ kind: fc.constant("reverse" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("cost" as const), amountCents: fc.integer({ min: 1, max: 500_000 }) }),
  fc.record({
    kind: fc.constant("replay" as const),
    lease: fc.integer({ min: 0, max: 1 }),
    amountCents: fc.integer({ min: 1, max: 90_000 }),
    concurrent: fc.boolean(),
  }),
);

describe("ledger properties over random sequences (fast-check)", () => {
  it("every transaction balances, the trial balance is zero, tenant balance = calls − payments, a replayed key posts once", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 14 }), async (commands) => {
        const database = db.current.db;
        const organisation = await createOrganisation(database);
        const actor: SystemActor = {
          kind: "system",
          organisationId: organisation.id,
          label: "test de propriétés",
        };
        const context = { actor, requestId: null, clock: fixedClock("2026-06-01") };
        const tenancies = [
          await createTenancy(database, organisation.id, {
            rentCents: 40_000,
            chargesCents: 5_000,
            housingBenefitCents: 20_000,
          }),
          await createTenancy(database, organisation.id, {
            rentCents: 35_000,
            chargesCents: 0,
            paymentFrequency: "fortnightly",
          }),
        ];
        const tenantPart = [25_000, 35_000];
        // the model: tenant-side movements per posted transaction
        const posted: { id: string; lease: number; tenantDelta: number; reversible: boolean }[] = [];
        const expectedBalance = [0, 0];
        let keyCounter = 0;
        for (const cmd of commands) {
          if (cmd.kind === "call") {
            const month = `2026-0${cmd.month}`;
            const { body: run } = await createRentCallsForMonth({ ...context, db: database }, month);
            if (run.created > 0) {
              const rows = await db.current.query<{
                transaction_id: string;
                lease_id: string;
                tenant_part_cents: number;
              }>(
                "select transaction_id, lease_id, tenant_part_cents from rent_calls where organisation_id = $1 and period_start between $2 and $3",
                [organisation.id, `${month}-01`, `${month}-28`],
              );
              for (const row of rows) {
                const lease = row.lease_id === tenancies[0]!.lease.id ? 0 : 1;
                posted.push({
                  id: row.transaction_id,
                  lease,
                  tenantDelta: Number(row.tenant_part_cents),
                  reversible: true,
                });
                expectedBalance[lease]! += Number(row.tenant_part_cents);
              }
              expect(rows.reduce((s, r) => s + Number(r.tenant_part_cents), 0)).toBe(
                tenantPart[0]! + tenantPart[1]!,
              );
            } else {
              expect(run.alreadyCalled).toBe(3);
            }
          } else if (cmd.kind === "pay") {
            const { body: result } = await recordPayment(
              { ...context, db: database },
              {
                leaseId: tenancies[cmd.lease]!.lease.id,
                amountCents: cmd.amountCents,
                method: "transfer",
                receivedOn: "2026-05-01",
              },
            );
            posted.push({
              id: result.transactionId,
              lease: cmd.lease,
              tenantDelta: -cmd.amountCents,
              reversible: true,
            });
            expectedBalance[cmd.lease]! -= cmd.amountCents;
          } else if (cmd.kind === "reverse") {
            const candidates = posted.filter((p) => p.reversible);
            if (candidates.length === 0) continue;
            const target = candidates[cmd.pick % candidates.length]!;
            await reverseTransaction(
              { ...context, db: database },
              { transactionId: target.id, reason: "propriété", on: "2026-05-15" },
            );
            target.reversible = false;
            expectedBalance[target.lease]! -= target.tenantDelta;
          } else if (cmd.kind === "cost") {
            await recordCost(
              { ...context, db: database },
              {
                category: "repairs",
                amountCents: cmd.amountCents,
                occurredOn: "2026-05-02",
                label: "Travaux",
                unitId: tenancies[0]!.unit.id,
              },
            );
          } else {
            const body = {
              leaseId: tenancies[cmd.lease]!.lease.id,
              amountCents: cmd.amountCents,
              method: "cash" as const,
              receivedOn: "2026-05-03",
            };
            const request = {
              key: `replay-${keyCounter++}`,
              fingerprint: requestFingerprint("POST", "/api/ledger/payments", body),
            };
            const once = () => recordPayment({ ...context, db: database }, body, () => request);
            const results = cmd.concurrent
              ? await Promise.all([once(), once(), once()])
              : [await once(), await once()];
            const ids = new Set(results.map((r) => r.body.transactionId));
            expect(ids.size).toBe(1);
            expect(results.filter((r) => !r.replayed)).toHaveLength(1);
            posted.push({
              id: [...ids][0]!,
              lease: cmd.lease,
              tenantDelta: -cmd.amountCents,
              reversible: true,
            });
            expectedBalance[cmd.lease]! -= cmd.amountCents;
          }
        }
        const unbalanced = await db.current.query(
          `select transaction_id from ledger_entries where organisation_id = $1
           group by transaction_id having sum(debit_cents) <> sum(credit_cents) or count(*) < 2`,
          [organisation.id],
        );
        expect(unbalanced).toEqual([]);
        // the balances the database maintains equal the sums of the entries, per account and lease
        // for tenant and CAF accounts, per account for the others
        const drift = await db.current.query(
          `select coalesce(e.account_id, b.account_id) as account_id
             from (select e.account_id,
                          case when a.kind in ('tenant', 'housing_benefit')
                               then coalesce(e.lease_id, '00000000-0000-0000-0000-000000000000'::uuid)
                               else '00000000-0000-0000-0000-000000000000'::uuid end as lease_key,
                          sum(e.debit_cents)::bigint as d, sum(e.credit_cents)::bigint as c
                     from ledger_entries e
                     join ledger_accounts a on a.organisation_id = e.organisation_id and a.id = e.account_id
                    where e.organisation_id = $1 group by 1, 2) e
             full join (select account_id, lease_key, debit_cents as d, credit_cents as c
                          from ledger_balances where organisation_id = $1) b
               on b.account_id = e.account_id and b.lease_key = e.lease_key
            where e.d is distinct from b.d or e.c is distinct from b.c`,
          [organisation.id],
        );
        expect(drift).toEqual([]);
        // so do the month totals, per account, month and kind (a reversal under the kind it reverses)
        const monthDrift = await db.current.query(
          `select coalesce(e.account_id, m.account_id) as account_id, coalesce(e.month, m.month) as month
             from (select e.account_id, t.occurred_on - (extract(day from t.occurred_on)::int - 1) as month,
                          coalesce(o.kind, t.kind) as kind, sum(e.debit_cents)::bigint as d, sum(e.credit_cents)::bigint as c
                     from ledger_entries e
                     join ledger_transactions t on t.organisation_id = e.organisation_id and t.id = e.transaction_id
                     left join ledger_transactions o on o.organisation_id = t.organisation_id and o.id = t.reverses_transaction_id
                    where e.organisation_id = $1 group by 1, 2, 3) e
             full join (select account_id, month, kind, debit_cents as d, credit_cents as c
                          from ledger_month_totals where organisation_id = $1) m
               on m.account_id = e.account_id and m.month = e.month and m.kind = e.kind
            where e.d is distinct from m.d or e.c is distinct from m.c`,
          [organisation.id],
        );
        expect(monthDrift).toEqual([]);
        const trial = await trialBalance(database, organisation.id);
        expect(trial.totalDebitCents).toBe(trial.totalCreditCents);
        expect(trial.accounts.reduce((s, a) => s + a.balanceCents, 0)).toBe(0);
        const count = await db.current.query<{ n: string }>(
          "select count(*)::text as n from ledger_transactions where organisation_id = $1",
          [organisation.id],
        );
        expect(Number(count[0]!.n)).toBe(
          posted.length +
            posted.filter((p) => !p.reversible).length +
            commands.filter((c) => c.kind === "cost").length,
        );
        for (const [i, tenancy] of tenancies.entries()) {
          const ledger = await leaseLedger(database, organisation.id, tenancy.lease.id);
          expect(ledger.tenantBalanceCents).toBe(expectedBalance[i]);
          const calls = ledger.periods.reduce((s, p) => s + p.tenantPartCents, 0);
          const paid = posted
            .filter((p) => p.lease === i && p.tenantDelta < 0 && p.reversible)
            .reduce((s, p) => s - p.tenantDelta, 0);
          expect(ledger.tenantBalanceCents).toBe(calls - paid);
        }
      }),
      { numRuns: 12 },
    );
  });
});

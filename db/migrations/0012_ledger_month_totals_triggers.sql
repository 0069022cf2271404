-- issue 7 (performance): totals per account, month and transaction kind follow every insert of
-- entries in the same transaction, like ledger_balances (one statement-level trigger per INSERT,
-- transition table). A reversal is counted under the kind of the transaction it reverses.
-- Each new entry's transaction is looked up by primary key, once per transaction (LATERAL): the
-- planner has no statistics on a transition table and otherwise hashes every transaction ever
-- written (~1.9 s for one rent-call run at 10 000 leases). The month is computed by date
-- arithmetic (no date_trunc: it goes through timestamptz and the session time zone).
CREATE OR REPLACE FUNCTION ledger_month_totals_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_month_totals (organisation_id, month, account_id, kind, debit_cents, credit_cents)
  SELECT e.organisation_id, t.month, e.account_id, t.kind, sum(e.debit_cents), sum(e.credit_cents)
    FROM ledger_new_entries e
    JOIN (
      SELECT n.organisation_id, n.transaction_id, x.month, x.kind
        FROM (SELECT DISTINCT organisation_id, transaction_id FROM ledger_new_entries) n
        CROSS JOIN LATERAL (
          SELECT t.occurred_on - (extract(day from t.occurred_on)::int - 1) AS month,
                 coalesce((SELECT o.kind FROM ledger_transactions o
                            WHERE o.organisation_id = t.organisation_id AND o.id = t.reverses_transaction_id), t.kind) AS kind
            FROM ledger_transactions t
           WHERE t.organisation_id = n.organisation_id AND t.id = n.transaction_id
        ) x
    ) t ON t.organisation_id = e.organisation_id AND t.transaction_id = e.transaction_id
   GROUP BY 1, 2, 3, 4
   -- one order of row locks between concurrent writers (the primary key's)
   ORDER BY 1, 3, 2, 4
  ON CONFLICT (organisation_id, account_id, month, kind) DO UPDATE
     SET debit_cents = ledger_month_totals.debit_cents + excluded.debit_cents,
         credit_cents = ledger_month_totals.credit_cents + excluded.credit_cents;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_month_totals AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS ledger_new_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_month_totals_apply();
--> statement-breakpoint
-- the totals of the entries written before this migration
INSERT INTO ledger_month_totals (organisation_id, month, account_id, kind, debit_cents, credit_cents)
SELECT e.organisation_id, t.occurred_on - (extract(day from t.occurred_on)::int - 1), e.account_id,
       coalesce(o.kind, t.kind), sum(e.debit_cents), sum(e.credit_cents)
  FROM ledger_entries e
  JOIN ledger_transactions t ON t.organisation_id = e.organisation_id AND t.id = e.transaction_id
  LEFT JOIN ledger_transactions o ON o.organisation_id = t.organisation_id AND o.id = t.reverses_transaction_id
 GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
-- Only the entries' triggers write the maintained tables: they run at trigger depth 1, so their
-- statements arrive here at depth 2; a direct INSERT, UPDATE or DELETE (depth 1) is refused.
-- Checked once per statement: the row-level guard of ledger_balances (migration 0010) ran a
-- PL/pgSQL call for each of the ~35 000 balances a rent-call run updates.
CREATE OR REPLACE FUNCTION ledger_summary_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION '% is maintained by the ledger_entries triggers: direct % refused', TG_TABLE_NAME, TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_month_totals_guard BEFORE INSERT OR UPDATE OR DELETE ON ledger_month_totals
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_summary_guard();
--> statement-breakpoint
CREATE TRIGGER ledger_month_totals_no_truncate BEFORE TRUNCATE ON ledger_month_totals
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
DROP TRIGGER ledger_balances_guard ON ledger_balances;
--> statement-breakpoint
DROP FUNCTION ledger_balances_guard();
--> statement-breakpoint
CREATE TRIGGER ledger_balances_guard BEFORE INSERT OR UPDATE OR DELETE ON ledger_balances
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_summary_guard();

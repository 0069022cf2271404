-- issue 7 (performance): totals per account, month and transaction kind follow every insert of
-- entries in the same transaction, like ledger_balances (one statement-level trigger per INSERT,
-- transition table). A reversal is counted under the kind of the transaction it reverses.
-- The month is computed by date arithmetic (no date_trunc: it goes through timestamptz and the
-- session time zone).
CREATE OR REPLACE FUNCTION ledger_month_totals_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_month_totals (organisation_id, month, account_id, kind, debit_cents, credit_cents)
  SELECT e.organisation_id, t.occurred_on - (extract(day from t.occurred_on)::int - 1), e.account_id,
         coalesce(o.kind, t.kind), sum(e.debit_cents), sum(e.credit_cents)
    FROM ledger_new_entries e
    JOIN ledger_transactions t ON t.organisation_id = e.organisation_id AND t.id = e.transaction_id
    LEFT JOIN ledger_transactions o ON o.organisation_id = t.organisation_id AND o.id = t.reverses_transaction_id
   GROUP BY 1, 2, 3, 4
   -- a stable order of row locks between concurrent writers
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
-- only the trigger above writes the totals (depth 2); a direct write (depth 1) is refused
CREATE OR REPLACE FUNCTION ledger_summary_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION '% is maintained by the ledger_entries triggers: direct % refused', TG_TABLE_NAME, TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_month_totals_guard BEFORE INSERT OR UPDATE OR DELETE ON ledger_month_totals
  FOR EACH ROW EXECUTE FUNCTION ledger_summary_guard();
--> statement-breakpoint
CREATE TRIGGER ledger_month_totals_no_truncate BEFORE TRUNCATE ON ledger_month_totals
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

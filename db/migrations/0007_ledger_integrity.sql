-- Issue 7: the ledger is append-only and every transaction balances, enforced by the database.
-- 1. Σ debits = Σ credits per transaction, with at least two entries, checked at COMMIT by deferred
--    constraint triggers (a transaction's entries are inserted one statement after another).
CREATE OR REPLACE FUNCTION ledger_check_transaction_balanced() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  tx_org uuid;
  tx_id uuid;
  total_debit bigint;
  total_credit bigint;
  entry_count integer;
BEGIN
  IF TG_TABLE_NAME = 'ledger_entries' THEN
    tx_org := NEW.organisation_id;
    tx_id := NEW.transaction_id;
  ELSE
    tx_org := NEW.organisation_id;
    tx_id := NEW.id;
  END IF;
  SELECT coalesce(sum(debit_cents), 0), coalesce(sum(credit_cents), 0), count(*)
    INTO total_debit, total_credit, entry_count
    FROM ledger_entries
   WHERE organisation_id = tx_org AND transaction_id = tx_id;
  IF entry_count < 2 OR total_debit <> total_credit THEN
    RAISE EXCEPTION 'ledger transaction % is not balanced (debits %, credits %, entries %)',
      tx_id, total_debit, total_credit, entry_count
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transaction_balanced';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER ledger_transactions_balanced
  AFTER INSERT ON ledger_transactions
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION ledger_check_transaction_balanced();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER ledger_entries_balanced
  AFTER INSERT ON ledger_entries
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION ledger_check_transaction_balanced();
--> statement-breakpoint
-- 2. Entries, transactions, rent calls and receipts are never updated or deleted: a mistake is
--    corrected by a reversing transaction (C. com. L.123-22: accounting records kept 10 years).
CREATE OR REPLACE FUNCTION ledger_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused (post a reversing transaction)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_transactions_no_truncate BEFORE TRUNCATE ON ledger_transactions
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER rent_calls_append_only BEFORE UPDATE OR DELETE ON rent_calls
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER rent_receipts_append_only BEFORE UPDATE OR DELETE ON rent_receipts
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();

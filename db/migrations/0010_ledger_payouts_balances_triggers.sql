-- issue 7: a mandate payout is a record of money paid, append-only like the ledger
CREATE TRIGGER mandate_payouts_append_only BEFORE UPDATE OR DELETE ON mandate_payouts
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();--> statement-breakpoint
CREATE TRIGGER mandate_payouts_no_truncate BEFORE TRUNCATE ON mandate_payouts
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
-- issue 7 (performance): balances per account and lease follow every insert of entries in the
-- same transaction; one statement-level trigger per INSERT (transition table), not one per row.
CREATE OR REPLACE FUNCTION ledger_balances_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_balances (organisation_id, account_id, lease_key, debit_cents, credit_cents)
  SELECT organisation_id, account_id, coalesce(lease_id, '00000000-0000-0000-0000-000000000000'::uuid),
         sum(debit_cents), sum(credit_cents)
    FROM ledger_new_entries
   GROUP BY 1, 2, 3
  ON CONFLICT (organisation_id, account_id, lease_key) DO UPDATE
     SET debit_cents = ledger_balances.debit_cents + excluded.debit_cents,
         credit_cents = ledger_balances.credit_cents + excluded.credit_cents;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_balances AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS ledger_new_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_balances_apply();
--> statement-breakpoint
-- the balances of the entries written before this migration
INSERT INTO ledger_balances (organisation_id, account_id, lease_key, debit_cents, credit_cents)
SELECT organisation_id, account_id, coalesce(lease_id, '00000000-0000-0000-0000-000000000000'::uuid),
       sum(debit_cents), sum(credit_cents)
  FROM ledger_entries
 GROUP BY 1, 2, 3;
--> statement-breakpoint
-- only the trigger above writes balances (it runs at trigger depth 1, so its writes arrive here
-- at depth 2); a direct INSERT, UPDATE or DELETE (depth 1) is refused
CREATE OR REPLACE FUNCTION ledger_balances_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'ledger_balances is maintained by the ledger_entries trigger: direct % refused', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_balances_guard BEFORE INSERT OR UPDATE OR DELETE ON ledger_balances
  FOR EACH ROW EXECUTE FUNCTION ledger_balances_guard();
--> statement-breakpoint
CREATE TRIGGER ledger_balances_no_truncate BEFORE TRUNCATE ON ledger_balances
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

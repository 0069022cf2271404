-- issue 7 (performance of the monthly rent-call run): every ledger transaction is checked once at
-- COMMIT (≥ 2 entries, Σ debits = Σ credits) by the deferred trigger on ledger_transactions
-- (migration 0007). The deferred trigger on ledger_entries checked the same transaction again for
-- each of its entries (38 000 PL/pgSQL queries at the commit of a rent-call run, against 11 000);
-- it only guarded against entries added later to a transaction recorded by another database
-- transaction. That case is now refused at INSERT, once per statement: a transaction's entries are
-- written with it (postTransactions) and closed after. recorded_at defaults to now(), the start of
-- the database transaction, and the application never sets it.
DROP TRIGGER ledger_entries_balanced ON ledger_entries;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ledger_entries_own_transaction() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  closed uuid;
BEGIN
  SELECT n.transaction_id INTO closed
    FROM (SELECT DISTINCT organisation_id, transaction_id FROM ledger_new_entries) n
    CROSS JOIN LATERAL (
      SELECT t.recorded_at FROM ledger_transactions t
       WHERE t.organisation_id = n.organisation_id AND t.id = n.transaction_id
    ) t
   WHERE t.recorded_at <> now()
   LIMIT 1;
  IF closed IS NOT NULL THEN
    RAISE EXCEPTION 'ledger transaction % was recorded by an earlier database transaction: its entries are closed (post a reversing transaction)', closed
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_own_transaction AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS ledger_new_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_own_transaction();

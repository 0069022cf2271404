-- issue 7 (performance of the monthly rent-call run, ~38 000 entries in one INSERT).
--
-- 1. An entry's transaction and account are checked once per INSERT statement, set-wise, instead
--    of by two row-by-row foreign keys (dropped by the previous migration): one lookup per distinct
--    transaction and per distinct account of the statement. The transaction must also have been
--    recorded by the current database transaction (migration 0014: a transaction's entries are
--    written with it, then closed). Missing transaction or account: foreign_key_violation, as the
--    foreign keys answered.
DROP TRIGGER ledger_entries_own_transaction ON ledger_entries;
--> statement-breakpoint
DROP FUNCTION ledger_entries_own_transaction();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ledger_entries_references() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  faulty uuid;
  recorded timestamptz;
BEGIN
  SELECT n.transaction_id, t.recorded_at INTO faulty, recorded
    FROM (SELECT DISTINCT organisation_id, transaction_id FROM ledger_new_entries) n
    LEFT JOIN LATERAL (
      SELECT t.recorded_at FROM ledger_transactions t
       WHERE t.organisation_id = n.organisation_id AND t.id = n.transaction_id
    ) t ON true
   WHERE t.recorded_at IS DISTINCT FROM now()
   LIMIT 1;
  IF faulty IS NOT NULL AND recorded IS NULL THEN
    RAISE EXCEPTION 'ledger entries refer to ledger transaction %, which does not exist in their organisation', faulty
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF faulty IS NOT NULL THEN
    RAISE EXCEPTION 'ledger transaction % was recorded by an earlier database transaction: its entries are closed (post a reversing transaction)', faulty
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT n.account_id INTO faulty
    FROM (SELECT DISTINCT organisation_id, account_id FROM ledger_new_entries) n
   WHERE NOT EXISTS (SELECT FROM ledger_accounts a WHERE a.organisation_id = n.organisation_id AND a.id = n.account_id)
   LIMIT 1;
  IF faulty IS NOT NULL THEN
    RAISE EXCEPTION 'ledger entries refer to ledger account %, which does not exist in their organisation', faulty
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_references AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS ledger_new_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_references();
--> statement-breakpoint
-- The referenced side of the dropped keys: transactions are append-only (migration 0007) and
-- accounts are permanent — never deleted, re-keyed nor truncated, whether or not they have entries
-- yet: a check for "has entries" would race with a posting not yet committed (a foreign key locks
-- the referenced row for that; refusing outright needs no lock). Renaming an account is allowed.
CREATE OR REPLACE FUNCTION ledger_accounts_permanent() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger accounts are permanent (ledger entries refer to them): % refused', TG_OP
    USING ERRCODE = 'foreign_key_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_accounts_permanent BEFORE DELETE OR UPDATE OF organisation_id, id ON ledger_accounts
  FOR EACH ROW EXECUTE FUNCTION ledger_accounts_permanent();
--> statement-breakpoint
CREATE TRIGGER ledger_accounts_no_truncate BEFORE TRUNCATE ON ledger_accounts
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_accounts_permanent();
--> statement-breakpoint
-- 2. Balances per lease only where a lease's balance is read: tenant (411) and CAF (441) accounts
--    (what a tenant owes, what the CAF owes, per lease: arrears, allocation, receipts). Every other
--    account keeps one balance row for all its entries (lease key NO_LEASE), so Σ of an account's
--    rows is still its balance. A rent-call run upserted ~35 000 rows, now ~15 000.
--    Rows are written in primary-key order: one order of row locks between concurrent writers.
CREATE OR REPLACE FUNCTION ledger_balances_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_balances (organisation_id, account_id, lease_key, debit_cents, credit_cents)
  SELECT e.organisation_id, e.account_id,
         CASE WHEN a.per_lease THEN coalesce(e.lease_id, '00000000-0000-0000-0000-000000000000'::uuid)
              ELSE '00000000-0000-0000-0000-000000000000'::uuid END,
         sum(e.debit_cents), sum(e.credit_cents)
    FROM ledger_new_entries e
    JOIN (
      SELECT n.organisation_id, n.account_id, x.per_lease
        FROM (SELECT DISTINCT organisation_id, account_id FROM ledger_new_entries) n
        CROSS JOIN LATERAL (
          SELECT a.kind IN ('tenant', 'housing_benefit') AS per_lease FROM ledger_accounts a
           WHERE a.organisation_id = n.organisation_id AND a.id = n.account_id
        ) x
    ) a ON a.organisation_id = e.organisation_id AND a.account_id = e.account_id
   GROUP BY 1, 2, 3
   ORDER BY 1, 2, 3
  ON CONFLICT (organisation_id, account_id, lease_key) DO UPDATE
     SET debit_cents = ledger_balances.debit_cents + excluded.debit_cents,
         credit_cents = ledger_balances.credit_cents + excluded.credit_cents;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Room left on each page so that a balance update stays on its page (heap-only tuple: no new
-- index entries); the balances are rewritten below, so every page gets it.
ALTER TABLE ledger_balances SET (fillfactor = 70);
--> statement-breakpoint
ALTER TABLE ledger_balances DISABLE TRIGGER ledger_balances_guard;
--> statement-breakpoint
ALTER TABLE ledger_balances DISABLE TRIGGER ledger_balances_no_truncate;
--> statement-breakpoint
TRUNCATE ledger_balances;
--> statement-breakpoint
INSERT INTO ledger_balances (organisation_id, account_id, lease_key, debit_cents, credit_cents)
SELECT e.organisation_id, e.account_id,
       CASE WHEN a.kind IN ('tenant', 'housing_benefit') THEN coalesce(e.lease_id, '00000000-0000-0000-0000-000000000000'::uuid)
            ELSE '00000000-0000-0000-0000-000000000000'::uuid END,
       sum(e.debit_cents), sum(e.credit_cents)
  FROM ledger_entries e
  JOIN ledger_accounts a ON a.organisation_id = e.organisation_id AND a.id = e.account_id
 GROUP BY 1, 2, 3;
--> statement-breakpoint
ALTER TABLE ledger_balances ENABLE TRIGGER ledger_balances_guard;
--> statement-breakpoint
ALTER TABLE ledger_balances ENABLE TRIGGER ledger_balances_no_truncate;

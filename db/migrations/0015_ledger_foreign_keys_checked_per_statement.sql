ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_organisation_id_transaction_id_ledger_transactions_organisation_id_id_fk";
--> statement-breakpoint
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_organisation_id_account_id_ledger_accounts_organisation_id_id_fk";
--> statement-breakpoint
ALTER TABLE "rent_calls" DROP CONSTRAINT "rent_calls_organisation_id_organisations_id_fk";

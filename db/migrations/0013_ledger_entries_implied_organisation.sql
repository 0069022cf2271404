ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_organisation_id_organisations_id_fk";

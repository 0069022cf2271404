CREATE TABLE "ledger_month_totals" (
	"organisation_id" uuid NOT NULL,
	"month" date NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" "ledger_transaction_kind" NOT NULL,
	"debit_cents" bigint NOT NULL,
	"credit_cents" bigint NOT NULL,
	CONSTRAINT "ledger_month_totals_organisation_id_account_id_month_kind_pk" PRIMARY KEY("organisation_id","account_id","month","kind")
);
--> statement-breakpoint
CREATE INDEX "rent_calls_due_idx" ON "rent_calls" USING btree ("organisation_id","due_on");
ALTER TYPE "public"."ledger_transaction_kind" ADD VALUE 'mandate_settlement' BEFORE 'reversal';--> statement-breakpoint
CREATE TABLE "ledger_balances" (
	"organisation_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"lease_key" uuid NOT NULL,
	"debit_cents" bigint NOT NULL,
	"credit_cents" bigint NOT NULL,
	CONSTRAINT "ledger_balances_organisation_id_account_id_lease_key_pk" PRIMARY KEY("organisation_id","account_id","lease_key")
);
--> statement-breakpoint
CREATE TABLE "mandate_payouts" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"mandate_id" uuid NOT NULL,
	"landlord_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"collected_cents" integer NOT NULL,
	"fee_basis_points" integer NOT NULL,
	"fee_cents" integer NOT NULL,
	"guarantee_cents" integer NOT NULL,
	"net_cents" integer NOT NULL,
	"settlement_transaction_id" uuid,
	"payout_transaction_id" uuid,
	"paid_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mandate_payouts_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "mandate_payouts_amounts" CHECK ("mandate_payouts"."fee_cents" >= 0 and "mandate_payouts"."guarantee_cents" >= 0 and "mandate_payouts"."net_cents" = "mandate_payouts"."collected_cents" - "mandate_payouts"."fee_cents" + "mandate_payouts"."guarantee_cents")
);
--> statement-breakpoint
ALTER TABLE "rent_receipts" ADD COLUMN "due_cents" integer;--> statement-breakpoint
ALTER TABLE "rent_receipts" ADD COLUMN "remaining_cents" integer;--> statement-breakpoint
ALTER TABLE "mandate_payouts" ADD CONSTRAINT "mandate_payouts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandate_payouts" ADD CONSTRAINT "mandate_payouts_organisation_id_mandate_id_mandates_organisation_id_id_fk" FOREIGN KEY ("organisation_id","mandate_id") REFERENCES "public"."mandates"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandate_payouts" ADD CONSTRAINT "mandate_payouts_organisation_id_settlement_transaction_id_ledger_transactions_organisation_id_id_fk" FOREIGN KEY ("organisation_id","settlement_transaction_id") REFERENCES "public"."ledger_transactions"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandate_payouts" ADD CONSTRAINT "mandate_payouts_organisation_id_payout_transaction_id_ledger_transactions_organisation_id_id_fk" FOREIGN KEY ("organisation_id","payout_transaction_id") REFERENCES "public"."ledger_transactions"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_balances_lease_idx" ON "ledger_balances" USING btree ("organisation_id","lease_key");--> statement-breakpoint
CREATE UNIQUE INDEX "mandate_payouts_period_uq" ON "mandate_payouts" USING btree ("organisation_id","mandate_id","period_start");
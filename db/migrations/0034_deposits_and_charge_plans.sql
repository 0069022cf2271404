ALTER TYPE "public"."ledger_transaction_kind" ADD VALUE 'deposit_received';--> statement-breakpoint
ALTER TYPE "public"."ledger_transaction_kind" ADD VALUE 'deposit_return';--> statement-breakpoint
ALTER TABLE "repayment_plans" ADD COLUMN "charge_regularisation_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "repayment_plans_charge_regularisation_uq" ON "repayment_plans" USING btree ("organisation_id","charge_regularisation_id") WHERE "repayment_plans"."charge_regularisation_id" is not null;
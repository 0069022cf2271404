ALTER TYPE "public"."ledger_account_kind" ADD VALUE 'deposit';--> statement-breakpoint
ALTER TYPE "public"."ledger_transaction_kind" ADD VALUE 'deposit_handover';--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "sliding_observation_months" integer;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "sliding_arrears_tolerance_cents" integer;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "prefect_informed_on" date;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "fixed_term" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "deposit_handover" text;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "deposit_handover_cents" integer;--> statement-breakpoint
ALTER TABLE "leases" ADD CONSTRAINT "leases_sliding_terms" CHECK (("leases"."sliding_observation_months" is null or "leases"."sliding_observation_months" between 1 and 60) and ("leases"."sliding_arrears_tolerance_cents" is null or "leases"."sliding_arrears_tolerance_cents" >= 0));
ALTER TABLE "organisations" ADD COLUMN "bank_account_holder" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "bank_iban" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "bank_bic" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "sepa_creditor_identifier" text;
ALTER TYPE "public"."ledger_transaction_kind" ADD VALUE 'deposit_received';--> statement-breakpoint
ALTER TYPE "public"."ledger_transaction_kind" ADD VALUE 'deposit_return';
ALTER TABLE "rent_receipts" ADD COLUMN "due_cents" integer;--> statement-breakpoint
ALTER TABLE "rent_receipts" ADD COLUMN "remaining_cents" integer;
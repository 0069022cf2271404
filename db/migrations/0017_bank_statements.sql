CREATE TABLE "bank_statements" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"file_hash" text NOT NULL,
	"file_name" text,
	"format" text NOT NULL,
	"encoding" text NOT NULL,
	"account_ref" text,
	"line_count" integer NOT NULL,
	"first_booked_on" date,
	"last_booked_on" date,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bank_statements_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "bank_statement_lines" ADD COLUMN "value_on" date;--> statement-breakpoint
ALTER TABLE "bank_statement_lines" ADD COLUMN "bank_reference" text;--> statement-breakpoint
ALTER TABLE "bank_statement_lines" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "bank_statement_lines" ADD COLUMN "fingerprint" text;--> statement-breakpoint
ALTER TABLE "bank_statement_lines" ADD COLUMN "duplicate_of_line_id" uuid;--> statement-breakpoint
ALTER TABLE "bank_statements" ADD CONSTRAINT "bank_statements_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bank_statements_file_hash_idx" ON "bank_statements" USING btree ("organisation_id","file_hash");--> statement-breakpoint
CREATE INDEX "bank_statement_lines_import_idx" ON "bank_statement_lines" USING btree ("organisation_id","import_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bank_statement_lines_fingerprint_idx" ON "bank_statement_lines" USING btree ("organisation_id","fingerprint");
CREATE TYPE "public"."sepa_sequence_type" AS ENUM('FRST', 'RCUR');--> statement-breakpoint
CREATE TABLE "tenant_debit_collections" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"mandate_id" uuid NOT NULL,
	"lease_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"amount_cents" integer NOT NULL,
	"sequence_type" "sepa_sequence_type" NOT NULL,
	"collection_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_debit_collections_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "tenant_debit_collections_amount" CHECK ("tenant_debit_collections"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "tenant_debit_mandates" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lease_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"signed_on" date NOT NULL,
	"debtor_name" text NOT NULL,
	"iban" text NOT NULL,
	"bic" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_debit_mandates_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "tenant_debit_collections" ADD CONSTRAINT "tenant_debit_collections_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_debit_collections" ADD CONSTRAINT "tenant_debit_collections_organisation_id_mandate_id_tenant_debit_mandates_organisation_id_id_fk" FOREIGN KEY ("organisation_id","mandate_id") REFERENCES "public"."tenant_debit_mandates"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_debit_mandates" ADD CONSTRAINT "tenant_debit_mandates_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_debit_mandates" ADD CONSTRAINT "tenant_debit_mandates_organisation_id_lease_id_leases_organisation_id_id_fk" FOREIGN KEY ("organisation_id","lease_id") REFERENCES "public"."leases"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tenant_debit_collections_month_uq" ON "tenant_debit_collections" USING btree ("organisation_id","mandate_id","period_start");--> statement-breakpoint
CREATE INDEX "tenant_debit_collections_period_idx" ON "tenant_debit_collections" USING btree ("organisation_id","period_start");--> statement-breakpoint
CREATE UNIQUE INDEX "tenant_debit_mandates_reference_uq" ON "tenant_debit_mandates" USING btree ("organisation_id","reference");--> statement-breakpoint
CREATE UNIQUE INDEX "tenant_debit_mandates_lease_uq" ON "tenant_debit_mandates" USING btree ("organisation_id","lease_id");
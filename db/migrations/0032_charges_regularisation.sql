ALTER TYPE "public"."ledger_transaction_kind" ADD VALUE 'charges_regularisation' BEFORE 'reversal';--> statement-breakpoint
CREATE TABLE "charge_regularisations" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"statement_id" uuid NOT NULL,
	"lease_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"occupied_from" date NOT NULL,
	"occupied_to" date NOT NULL,
	"actual_cents" integer NOT NULL,
	"provisions_cents" integer NOT NULL,
	"balance_cents" integer NOT NULL,
	"detail" jsonb NOT NULL,
	"proposed_provision_cents" integer NOT NULL,
	"sent_on" date NOT NULL,
	"document_id" uuid,
	"confirmed_on" date,
	"transaction_id" uuid,
	"instalments" jsonb,
	"provision_cents" integer,
	"provision_from" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "charge_regularisations_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "charge_regularisations_amounts" CHECK ("charge_regularisations"."actual_cents" >= 0 and "charge_regularisations"."provisions_cents" >= 0 and "charge_regularisations"."balance_cents" = "charge_regularisations"."actual_cents" - "charge_regularisations"."provisions_cents"),
	CONSTRAINT "charge_regularisations_provision" CHECK (("charge_regularisations"."provision_from" is null) = ("charge_regularisations"."provision_cents" is null) and ("charge_regularisations"."provision_cents" is null or "charge_regularisations"."provision_cents" >= 0))
);
--> statement-breakpoint
CREATE TABLE "charge_statements" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"building_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"total_surface_m_2" double precision,
	"lines" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "charge_statements_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "charge_statements_period" CHECK ("charge_statements"."period_end" >= "charge_statements"."period_start"),
	CONSTRAINT "charge_statements_surface" CHECK ("charge_statements"."total_surface_m_2" is null or "charge_statements"."total_surface_m_2" > 0)
);
--> statement-breakpoint
ALTER TABLE "charge_regularisations" ADD CONSTRAINT "charge_regularisations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charge_regularisations" ADD CONSTRAINT "charge_regularisations_organisation_id_statement_id_charge_statements_organisation_id_id_fk" FOREIGN KEY ("organisation_id","statement_id") REFERENCES "public"."charge_statements"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charge_regularisations" ADD CONSTRAINT "charge_regularisations_organisation_id_lease_id_leases_organisation_id_id_fk" FOREIGN KEY ("organisation_id","lease_id") REFERENCES "public"."leases"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charge_statements" ADD CONSTRAINT "charge_statements_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charge_statements" ADD CONSTRAINT "charge_statements_organisation_id_building_id_buildings_organisation_id_id_fk" FOREIGN KEY ("organisation_id","building_id") REFERENCES "public"."buildings"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "charge_regularisations_statement_lease_uq" ON "charge_regularisations" USING btree ("organisation_id","statement_id","lease_id");--> statement-breakpoint
CREATE INDEX "charge_regularisations_lease_idx" ON "charge_regularisations" USING btree ("organisation_id","lease_id","provision_from");--> statement-breakpoint
CREATE UNIQUE INDEX "charge_statements_building_period_uq" ON "charge_statements" USING btree ("organisation_id","building_id","period_start");
CREATE TYPE "public"."lease_end_reason" AS ENUM('relocation', 'departure', 'end_of_support', 'court_decision', 'glissement', 'head_lease_end');--> statement-breakpoint
CREATE TYPE "public"."review_outcome" AS ENUM('favourable', 'unfavourable', 'postponed');--> statement-breakpoint
CREATE TYPE "public"."mandate_status" AS ENUM('awaiting_signature', 'signed', 'ended', 'cancelled');--> statement-breakpoint
CREATE TABLE "lease_reviews" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lease_id" uuid NOT NULL,
	"scheduled_on" date NOT NULL,
	"held_on" date,
	"outcome" "review_outcome",
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lease_reviews_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "lease_reviews_held_has_outcome" CHECK (("lease_reviews"."held_on" is null) = ("lease_reviews"."outcome" is null))
);
--> statement-breakpoint
CREATE TABLE "mandate_register_counters" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mandates" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"number" integer NOT NULL,
	"status" "mandate_status" DEFAULT 'awaiting_signature' NOT NULL,
	"landlord_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"duration_months" integer NOT NULL,
	"management_fee_basis_points" integer NOT NULL,
	"scope" jsonb NOT NULL,
	"guarantee_enabled" boolean DEFAULT false NOT NULL,
	"guarantee_ceiling_cents" integer,
	"guarantee_months" integer,
	"repair_aid_enabled" boolean DEFAULT false NOT NULL,
	"repair_aid_ceiling_cents" integer,
	"social_watch" boolean DEFAULT false NOT NULL,
	"document_id" uuid,
	"signed_document_id" uuid,
	"signed_at" timestamp with time zone,
	"signer_name" text,
	"signer_ip" text,
	"signer_user_agent" text,
	"signed_document_sha256" text,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mandates_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "mandates_dates" CHECK ("mandates"."end_date" > "mandates"."start_date" and "mandates"."duration_months" > 0),
	CONSTRAINT "mandates_fee_range" CHECK ("mandates"."management_fee_basis_points" between 0 and 10000),
	CONSTRAINT "mandates_guarantee" CHECK (not "mandates"."guarantee_enabled" or ("mandates"."guarantee_ceiling_cents" > 0 and "mandates"."guarantee_months" > 0)),
	CONSTRAINT "mandates_repair_aid" CHECK (not "mandates"."repair_aid_enabled" or "mandates"."repair_aid_ceiling_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"template_id" text NOT NULL,
	"template_version" integer NOT NULL,
	"title" text NOT NULL,
	"data" jsonb NOT NULL,
	"sha256" text NOT NULL,
	"byte_size" integer NOT NULL,
	"pdf" "bytea" NOT NULL,
	"landlord_id" uuid,
	"unit_id" uuid,
	"person_id" uuid,
	"lease_id" uuid,
	"mandate_id" uuid,
	"subject_type" text,
	"subject_id" uuid,
	"landlord_visible" boolean DEFAULT false NOT NULL,
	"supersedes_id" uuid,
	"signed" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "documents_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "postal_address" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "approval_reference" text;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "payment_day" integer;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "previous_rent_cents" integer;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "pays_rent_during_vacancy" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "restoration_at_end" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "head_lease_id" uuid;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "sliding_target_date" date;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "sliding_conditions" jsonb;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "previous_lease_id" uuid;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "notice_given_on" date;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "ended_on" date;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "end_reason" "lease_end_reason";--> statement-breakpoint
ALTER TABLE "lease_reviews" ADD CONSTRAINT "lease_reviews_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lease_reviews" ADD CONSTRAINT "lease_reviews_organisation_id_lease_id_leases_organisation_id_id_fk" FOREIGN KEY ("organisation_id","lease_id") REFERENCES "public"."leases"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandate_register_counters" ADD CONSTRAINT "mandate_register_counters_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_organisation_id_landlord_id_landlords_organisation_id_id_fk" FOREIGN KEY ("organisation_id","landlord_id") REFERENCES "public"."landlords"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_organisation_id_unit_id_units_organisation_id_id_fk" FOREIGN KEY ("organisation_id","unit_id") REFERENCES "public"."units"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_organisation_id_landlord_id_landlords_organisation_id_id_fk" FOREIGN KEY ("organisation_id","landlord_id") REFERENCES "public"."landlords"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_organisation_id_unit_id_units_organisation_id_id_fk" FOREIGN KEY ("organisation_id","unit_id") REFERENCES "public"."units"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_organisation_id_person_id_persons_organisation_id_id_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."persons"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_organisation_id_lease_id_leases_organisation_id_id_fk" FOREIGN KEY ("organisation_id","lease_id") REFERENCES "public"."leases"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_organisation_id_mandate_id_mandates_organisation_id_id_fk" FOREIGN KEY ("organisation_id","mandate_id") REFERENCES "public"."mandates"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_organisation_id_supersedes_id_documents_organisation_id_id_fk" FOREIGN KEY ("organisation_id","supersedes_id") REFERENCES "public"."documents"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lease_reviews_lease_idx" ON "lease_reviews" USING btree ("organisation_id","lease_id","scheduled_on");--> statement-breakpoint
CREATE UNIQUE INDEX "mandates_register_number" ON "mandates" USING btree ("organisation_id","number");--> statement-breakpoint
CREATE INDEX "mandates_landlord_idx" ON "mandates" USING btree ("organisation_id","landlord_id");--> statement-breakpoint
CREATE INDEX "mandates_unit_idx" ON "mandates" USING btree ("organisation_id","unit_id");--> statement-breakpoint
CREATE INDEX "documents_lease_idx" ON "documents" USING btree ("organisation_id","lease_id");--> statement-breakpoint
CREATE INDEX "documents_mandate_idx" ON "documents" USING btree ("organisation_id","mandate_id");--> statement-breakpoint
CREATE INDEX "documents_landlord_idx" ON "documents" USING btree ("organisation_id","landlord_id");--> statement-breakpoint
CREATE INDEX "documents_subject_idx" ON "documents" USING btree ("organisation_id","subject_type","subject_id");--> statement-breakpoint
ALTER TABLE "leases" ADD CONSTRAINT "leases_payment_day" CHECK ("leases"."payment_day" is null or "leases"."payment_day" between 1 and 28);
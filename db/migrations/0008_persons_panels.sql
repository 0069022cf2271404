CREATE TYPE "public"."declined_by" AS ENUM('person', 'landlord', 'operator_withdrew');--> statement-breakpoint
CREATE TYPE "public"."offer_status" AS ENUM('proposed', 'accepted', 'declined', 'released', 'expired');--> statement-breakpoint
CREATE TYPE "public"."panel_status" AS ENUM('open', 'accepted', 'all_declined', 'expired');--> statement-breakpoint
CREATE TYPE "public"."small_panel_reason" AS ENUM('not_enough_matching_stock', 'person_choice_specific', 'market_constraints', 'relocation_urgent');--> statement-breakpoint
CREATE TABLE "offer_panels" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"status" "panel_status" DEFAULT 'open' NOT NULL,
	"proposed_on" date NOT NULL,
	"intended_start_date" date NOT NULL,
	"expires_on" date NOT NULL,
	"closed_on" date,
	"reason_if_fewer" "small_panel_reason",
	"reason_details" text,
	"person_status_before" "person_status" NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offer_panels_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"panel_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"status" "offer_status" DEFAULT 'proposed' NOT NULL,
	"visit_date" date,
	"decided_on" date,
	"declined_by" "declined_by",
	"decline_reason" text,
	"decision_details" text,
	"figures" jsonb NOT NULL,
	"unit_status_before" "unit_status" NOT NULL,
	"unit_status_since_before" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offers_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "offers_decline_coded" CHECK (("offers"."status" = 'declined') = ("offers"."declined_by" is not null and "offers"."decline_reason" is not null))
);
--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "status_before_suspension" "person_status";--> statement-breakpoint
ALTER TABLE "offer_panels" ADD CONSTRAINT "offer_panels_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_panels" ADD CONSTRAINT "offer_panels_organisation_id_person_id_persons_organisation_id_id_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."persons"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_organisation_id_panel_id_offer_panels_organisation_id_id_fk" FOREIGN KEY ("organisation_id","panel_id") REFERENCES "public"."offer_panels"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_organisation_id_person_id_persons_organisation_id_id_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."persons"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_organisation_id_unit_id_units_organisation_id_id_fk" FOREIGN KEY ("organisation_id","unit_id") REFERENCES "public"."units"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offer_panels_person_idx" ON "offer_panels" USING btree ("organisation_id","person_id");--> statement-breakpoint
CREATE INDEX "offer_panels_status_idx" ON "offer_panels" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "offer_panels_one_open_per_person" ON "offer_panels" USING btree ("organisation_id","person_id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "offers_panel_idx" ON "offers" USING btree ("organisation_id","panel_id");--> statement-breakpoint
CREATE INDEX "offers_person_idx" ON "offers" USING btree ("organisation_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "offers_one_proposed_per_unit" ON "offers" USING btree ("organisation_id","unit_id") WHERE status = 'proposed';
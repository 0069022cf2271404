CREATE TYPE "public"."notice_party" AS ENUM('tenant', 'lessor');--> statement-breakpoint
CREATE TABLE "tight_market_communes" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"insee_code" text NOT NULL,
	"name" text NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tight_market_communes_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "tight_market_communes_insee_format" CHECK ("tight_market_communes"."insee_code" ~ '^[0-9][0-9AB][0-9]{3}$')
);
--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "notice_given_by" "notice_party";--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "notice_reason" text;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "notice_motive_detail" text;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "notice_justification_received" boolean;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "notice_period_months" integer;--> statement-breakpoint
ALTER TABLE "tight_market_communes" ADD CONSTRAINT "tight_market_communes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tight_market_communes_insee_idx" ON "tight_market_communes" USING btree ("organisation_id","insee_code");
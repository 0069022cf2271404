CREATE TYPE "public"."inspection_kind" AS ENUM('entry', 'exit');--> statement-breakpoint
CREATE TABLE "lease_inspections" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lease_id" uuid NOT NULL,
	"kind" "inspection_kind" NOT NULL,
	"inspected_on" date NOT NULL,
	"rooms" jsonb NOT NULL,
	"meters" jsonb NOT NULL,
	"keys" jsonb NOT NULL,
	"signed_by_tenant" boolean NOT NULL,
	"signed_by_lessor" boolean NOT NULL,
	"tenant_new_address" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lease_inspections_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "deposit_returned_on" date;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "deposit_deadline" date;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "deposit_deductions" jsonb;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "deposit_refund_cents" integer;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "deposit_late_penalty_cents" integer;--> statement-breakpoint
ALTER TABLE "lease_inspections" ADD CONSTRAINT "lease_inspections_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lease_inspections" ADD CONSTRAINT "lease_inspections_organisation_id_lease_id_leases_organisation_id_id_fk" FOREIGN KEY ("organisation_id","lease_id") REFERENCES "public"."leases"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lease_inspections_lease_kind_idx" ON "lease_inspections" USING btree ("organisation_id","lease_id","kind");
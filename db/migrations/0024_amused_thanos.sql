CREATE TYPE "public"."prevention_step_kind" AS ENUM('repayment_plan', 'fsl_application', 'ccapex_referral', 'payment_order_received');--> statement-breakpoint
CREATE TYPE "public"."relocation_status" AS ENUM('requested', 'rehoused', 'abandoned');--> statement-breakpoint
CREATE TYPE "public"."risk_outcome" AS ENUM('resolved', 'relocation', 'lease_ended', 'no_further_action');--> statement-breakpoint
CREATE TYPE "public"."risk_reporter" AS ENUM('landlord', 'neighbour', 'housing_officer', 'support_team', 'tenant', 'other');--> statement-breakpoint
CREATE TYPE "public"."tenancy_risk_kind" AS ENUM('unpaid_rent', 'neighbour_trouble', 'damage', 'lack_of_upkeep', 'long_absence', 'other');--> statement-breakpoint
CREATE TABLE "keeping_meetings" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"held_on" date NOT NULL,
	"landlord_id" uuid NOT NULL,
	"attendees" jsonb NOT NULL,
	"risk_ids" jsonb NOT NULL,
	"decisions" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "keeping_meetings_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "prevention_steps" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"risk_id" uuid NOT NULL,
	"kind" "prevention_step_kind" NOT NULL,
	"step_on" date NOT NULL,
	"deadline_on" date,
	"reference" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prevention_steps_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "prevention_steps_deadline" CHECK ("prevention_steps"."deadline_on" is null or "prevention_steps"."deadline_on" >= "prevention_steps"."step_on")
);
--> statement-breakpoint
CREATE TABLE "relocations" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"lease_id" uuid NOT NULL,
	"risk_id" uuid,
	"requested_on" date NOT NULL,
	"reason" text NOT NULL,
	"pdalhpd_priority" boolean DEFAULT false NOT NULL,
	"pdalhpd_priority_on" date,
	"status" "relocation_status" DEFAULT 'requested' NOT NULL,
	"closed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relocations_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "relocations_priority_dated" CHECK ("relocations"."pdalhpd_priority" = ("relocations"."pdalhpd_priority_on" is not null)),
	CONSTRAINT "relocations_closed" CHECK (("relocations"."status" = 'requested') = ("relocations"."closed_on" is null))
);
--> statement-breakpoint
CREATE TABLE "risk_actions" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"risk_id" uuid NOT NULL,
	"action" text NOT NULL,
	"owner" text NOT NULL,
	"due_on" date NOT NULL,
	"done_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risk_actions_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "tenancy_risks" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lease_id" uuid NOT NULL,
	"kind" "tenancy_risk_kind" NOT NULL,
	"noticed_on" date NOT NULL,
	"reported_by" "risk_reporter" NOT NULL,
	"facts" text,
	"closed_on" date,
	"outcome" "risk_outcome",
	"recorded_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenancy_risks_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "tenancy_risks_closed_has_outcome" CHECK (("tenancy_risks"."closed_on" is null) = ("tenancy_risks"."outcome" is null)),
	CONSTRAINT "tenancy_risks_closed_after_noticed" CHECK ("tenancy_risks"."closed_on" is null or "tenancy_risks"."closed_on" >= "tenancy_risks"."noticed_on")
);
--> statement-breakpoint
CREATE TABLE "pseudonym_keys" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "keeping_meetings" ADD CONSTRAINT "keeping_meetings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "keeping_meetings" ADD CONSTRAINT "keeping_meetings_organisation_id_landlord_id_landlords_organisation_id_id_fk" FOREIGN KEY ("organisation_id","landlord_id") REFERENCES "public"."landlords"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prevention_steps" ADD CONSTRAINT "prevention_steps_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prevention_steps" ADD CONSTRAINT "prevention_steps_organisation_id_risk_id_tenancy_risks_organisation_id_id_fk" FOREIGN KEY ("organisation_id","risk_id") REFERENCES "public"."tenancy_risks"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relocations" ADD CONSTRAINT "relocations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relocations" ADD CONSTRAINT "relocations_organisation_id_person_id_persons_organisation_id_id_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."persons"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relocations" ADD CONSTRAINT "relocations_organisation_id_lease_id_leases_organisation_id_id_fk" FOREIGN KEY ("organisation_id","lease_id") REFERENCES "public"."leases"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_actions" ADD CONSTRAINT "risk_actions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_actions" ADD CONSTRAINT "risk_actions_organisation_id_risk_id_tenancy_risks_organisation_id_id_fk" FOREIGN KEY ("organisation_id","risk_id") REFERENCES "public"."tenancy_risks"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenancy_risks" ADD CONSTRAINT "tenancy_risks_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenancy_risks" ADD CONSTRAINT "tenancy_risks_organisation_id_lease_id_leases_organisation_id_id_fk" FOREIGN KEY ("organisation_id","lease_id") REFERENCES "public"."leases"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pseudonym_keys" ADD CONSTRAINT "pseudonym_keys_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "keeping_meetings_landlord_idx" ON "keeping_meetings" USING btree ("organisation_id","landlord_id","held_on");--> statement-breakpoint
CREATE INDEX "prevention_steps_risk_idx" ON "prevention_steps" USING btree ("organisation_id","risk_id");--> statement-breakpoint
CREATE INDEX "relocations_person_idx" ON "relocations" USING btree ("organisation_id","person_id");--> statement-breakpoint
CREATE INDEX "risk_actions_risk_idx" ON "risk_actions" USING btree ("organisation_id","risk_id");--> statement-breakpoint
CREATE INDEX "risk_actions_due_idx" ON "risk_actions" USING btree ("organisation_id","due_on");--> statement-breakpoint
CREATE INDEX "tenancy_risks_lease_idx" ON "tenancy_risks" USING btree ("organisation_id","lease_id");
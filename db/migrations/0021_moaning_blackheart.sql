CREATE TYPE "public"."criterion_answer" AS ENUM('yes', 'no', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."exit_review_outcome" AS ENUM('pending', 'support_continues', 'exit_agreed');--> statement-breakpoint
CREATE TABLE "ars_notifications" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"informed_on" date NOT NULL,
	"suspended_count" integer NOT NULL,
	"capacity" integer NOT NULL,
	"recorded_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ars_notifications_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "ars_notifications_counts" CHECK ("ars_notifications"."suspended_count" >= 0 and "ars_notifications"."capacity" > 0)
);
--> statement-breakpoint
CREATE TABLE "exit_reviews" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"opened_on" date NOT NULL,
	"suspended_on" date,
	"reste_a_vivre_sufficient" "criterion_answer" DEFAULT 'unknown' NOT NULL,
	"sliding_or_direct_lease_possible" "criterion_answer" DEFAULT 'unknown' NOT NULL,
	"common_law_support_network" "criterion_answer" DEFAULT 'unknown' NOT NULL,
	"mutual_aid_network" "criterion_answer" DEFAULT 'unknown' NOT NULL,
	"person_wishes_to_leave" "criterion_answer" DEFAULT 'unknown' NOT NULL,
	"adapted_orientation_chosen" "criterion_answer" DEFAULT 'unknown' NOT NULL,
	"no_contact_over_six_months" "criterion_answer" DEFAULT 'unknown' NOT NULL,
	"last_contact_on" date,
	"outcome" "exit_review_outcome" DEFAULT 'pending' NOT NULL,
	"decided_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exit_reviews_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "exit_reviews_decided" CHECK (("exit_reviews"."outcome" = 'pending') = ("exit_reviews"."decided_on" is null))
);
--> statement-breakpoint
ALTER TABLE "ars_notifications" ADD CONSTRAINT "ars_notifications_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exit_reviews" ADD CONSTRAINT "exit_reviews_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exit_reviews" ADD CONSTRAINT "exit_reviews_organisation_id_person_id_persons_organisation_id_id_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."persons"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ars_notifications_date_idx" ON "ars_notifications" USING btree ("organisation_id","informed_on");--> statement-breakpoint
CREATE INDEX "exit_reviews_person_idx" ON "exit_reviews" USING btree ("organisation_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exit_reviews_one_pending_per_person" ON "exit_reviews" USING btree ("organisation_id","person_id") WHERE outcome = 'pending';
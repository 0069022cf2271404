CREATE TYPE "public"."admission_outcome" AS ENUM('left', 'readmitted');--> statement-breakpoint
CREATE TABLE "admissions" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"admitted_on" date NOT NULL,
	"ended_on" date,
	"outcome" "admission_outcome",
	"left_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "admissions_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "admissions_sequence_positive" CHECK ("admissions"."sequence" >= 1),
	CONSTRAINT "admissions_ended" CHECK (("admissions"."ended_on" is null) = ("admissions"."outcome" is null)),
	CONSTRAINT "admissions_end_after_start" CHECK ("admissions"."ended_on" is null or "admissions"."ended_on" >= "admissions"."admitted_on")
);
--> statement-breakpoint
ALTER TABLE "admissions" ADD CONSTRAINT "admissions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admissions" ADD CONSTRAINT "admissions_organisation_id_person_id_persons_organisation_id_id_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."persons"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "admissions_person_sequence" ON "admissions" USING btree ("organisation_id","person_id","sequence");--> statement-breakpoint
CREATE UNIQUE INDEX "admissions_one_open_per_person" ON "admissions" USING btree ("organisation_id","person_id") WHERE ended_on is null;--> statement-breakpoint
INSERT INTO "admissions" ("organisation_id", "person_id", "sequence", "admitted_on", "ended_on", "outcome", "left_reason")
SELECT "organisation_id", "id", 1, "entry_date",
  CASE WHEN "status" = 'left' THEN greatest(coalesce("left_on", "entry_date"), "entry_date") END,
  CASE WHEN "status" = 'left' THEN 'left'::"admission_outcome" END,
  CASE WHEN "status" = 'left' THEN "left_reason" END
FROM "persons";

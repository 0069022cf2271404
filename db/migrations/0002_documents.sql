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
ALTER TABLE "documents" ADD CONSTRAINT "documents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_organisation_id_landlord_id_landlords_organisation_id_id_fk" FOREIGN KEY ("organisation_id","landlord_id") REFERENCES "public"."landlords"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_organisation_id_unit_id_units_organisation_id_id_fk" FOREIGN KEY ("organisation_id","unit_id") REFERENCES "public"."units"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_organisation_id_person_id_persons_organisation_id_id_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."persons"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_organisation_id_supersedes_id_documents_organisation_id_id_fk" FOREIGN KEY ("organisation_id","supersedes_id") REFERENCES "public"."documents"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "documents_lease_idx" ON "documents" USING btree ("organisation_id","lease_id");--> statement-breakpoint
CREATE INDEX "documents_mandate_idx" ON "documents" USING btree ("organisation_id","mandate_id");--> statement-breakpoint
CREATE INDEX "documents_landlord_idx" ON "documents" USING btree ("organisation_id","landlord_id");--> statement-breakpoint
CREATE INDEX "documents_subject_idx" ON "documents" USING btree ("organisation_id","subject_type","subject_id");
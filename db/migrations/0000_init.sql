CREATE TYPE "public"."neighbourhood_cap_mode" AS ENUM('off', 'share', 'count');--> statement-breakpoint
CREATE TYPE "public"."organisation_kind" AS ENUM('chez_soi_site', 'iml_association', 'social_agency');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('admin', 'housing_officer', 'finance', 'landlord');--> statement-breakpoint
CREATE TYPE "public"."user_token_purpose" AS ENUM('invitation', 'password_reset');--> statement-breakpoint
CREATE TYPE "public"."capture_formula" AS ENUM('head_lease', 'sliding_lease', 'management_mandate', 'direct_lease');--> statement-breakpoint
CREATE TYPE "public"."energy_class" AS ENUM('A', 'B', 'C', 'D', 'E', 'F', 'G');--> statement-breakpoint
CREATE TYPE "public"."landlord_kind" AS ENUM('private_person', 'sci', 'company', 'social_landlord');--> statement-breakpoint
CREATE TYPE "public"."typology" AS ENUM('studio', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6');--> statement-breakpoint
CREATE TYPE "public"."unit_status" AS ENUM('prospect', 'visit_scheduled', 'visited', 'agreed', 'available', 'reserved', 'let', 'notice_given', 'vacant', 'works', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."person_status" AS ENUM('waiting', 'offered', 'housed', 'suspended', 'left');--> statement-breakpoint
CREATE TYPE "public"."lease_kind" AS ENUM('head_lease', 'sublease', 'sliding_sublease', 'direct_lease', 'temporary_occupancy');--> statement-breakpoint
CREATE TYPE "public"."lease_status" AS ENUM('draft', 'signed', 'notice_given', 'ended');--> statement-breakpoint
CREATE TYPE "public"."payment_frequency" AS ENUM('monthly', 'fortnightly');--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" "organisation_kind" NOT NULL,
	"city" text NOT NULL,
	"capacity" integer NOT NULL,
	"building_cap_basis_points" integer DEFAULT 2000 NOT NULL,
	"small_building_exception" boolean DEFAULT false NOT NULL,
	"neighbourhood_cap_mode" "neighbourhood_cap_mode" DEFAULT 'off' NOT NULL,
	"neighbourhood_cap_value" integer,
	"first_offer_deadline_weeks" integer DEFAULT 8 NOT NULL,
	"minimum_panel_size" integer DEFAULT 3 NOT NULL,
	"residual_rent_ceiling_basis_points" integer DEFAULT 3000 NOT NULL,
	"panel_expiry_days" integer DEFAULT 30 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_capacity_positive" CHECK ("organisations"."capacity" > 0),
	CONSTRAINT "organisations_site_capacity" CHECK ("organisations"."kind" <> 'chez_soi_site' or "organisations"."capacity" between 90 and 105),
	CONSTRAINT "organisations_building_cap_range" CHECK ("organisations"."building_cap_basis_points" between 0 and 10000),
	CONSTRAINT "organisations_ceiling_range" CHECK ("organisations"."residual_rent_ceiling_basis_points" between 0 and 10000),
	CONSTRAINT "organisations_panel_size" CHECK ("organisations"."minimum_panel_size" >= 1)
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"ip" text NOT NULL,
	"attempted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "user_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" "user_token_purpose" NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"full_name" text NOT NULL,
	"role" "user_role" NOT NULL,
	"landlord_id" uuid,
	"password_hash" text,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"organisation_id" uuid NOT NULL,
	"sequence" bigserial NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"actor_user_id" uuid,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"changes" jsonb,
	"request_id" text,
	"previous_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_log_organisation_id_sequence_pk" PRIMARY KEY("organisation_id","sequence")
);
--> statement-breakpoint
CREATE TABLE "buildings" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"landlord_id" uuid,
	"street" text NOT NULL,
	"postcode" text NOT NULL,
	"city" text NOT NULL,
	"insee_code" text,
	"lng" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"neighbourhood_id" uuid,
	"total_dwellings" integer NOT NULL,
	"has_elevator" boolean DEFAULT false NOT NULL,
	"year_built" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "buildings_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "buildings_total_dwellings_positive" CHECK ("buildings"."total_dwellings" >= 1),
	CONSTRAINT "buildings_lng_range" CHECK ("buildings"."lng" between -180 and 180),
	CONSTRAINT "buildings_lat_range" CHECK ("buildings"."lat" between -90 and 90)
);
--> statement-breakpoint
CREATE TABLE "landlords" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" "landlord_kind" NOT NULL,
	"display_name" text NOT NULL,
	"first_name" text,
	"last_name" text,
	"email" text,
	"phone" text,
	"postal_address" text,
	"iban" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "landlords_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "neighbourhoods" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"is_qpv" boolean DEFAULT false NOT NULL,
	"geometry" jsonb NOT NULL,
	"min_lng" double precision NOT NULL,
	"min_lat" double precision NOT NULL,
	"max_lng" double precision NOT NULL,
	"max_lat" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "neighbourhoods_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "unit_transitions" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"from_status" "unit_status",
	"to_status" "unit_status" NOT NULL,
	"effective_date" date NOT NULL,
	"reason" text,
	"actor_user_id" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unit_transitions_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "units" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"building_id" uuid NOT NULL,
	"landlord_id" uuid,
	"reference" text,
	"floor" integer NOT NULL,
	"typology" "typology" NOT NULL,
	"surface_m_2" double precision NOT NULL,
	"rooms" integer NOT NULL,
	"furnished" boolean DEFAULT false NOT NULL,
	"wheelchair_accessible" boolean DEFAULT false NOT NULL,
	"step_free" boolean DEFAULT false NOT NULL,
	"energy_class" "energy_class",
	"energy_diagnosis_date" date,
	"rent_cents" integer NOT NULL,
	"charges_cents" integer DEFAULT 0 NOT NULL,
	"capture_formula" "capture_formula",
	"loc_avantages_level" text,
	"rent_ceiling_cents" integer,
	"available_from" date,
	"status" "unit_status" DEFAULT 'prospect' NOT NULL,
	"status_since" date NOT NULL,
	"decency_checklist" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "units_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "units_rent_non_negative" CHECK ("units"."rent_cents" >= 0 and "units"."charges_cents" >= 0),
	CONSTRAINT "units_surface_positive" CHECK ("units"."surface_m_2" > 0)
);
--> statement-breakpoint
CREATE TABLE "housing_choices" (
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"wanted_neighbourhood_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"excluded_neighbourhood_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"places_that_matter" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"typology_min" "typology",
	"typology_max" "typology",
	"highest_floor_without_lift" integer,
	"needs_wheelchair_access" boolean DEFAULT false NOT NULL,
	"needs_step_free" boolean DEFAULT false NOT NULL,
	"wants_furnished" boolean,
	"has_pets" boolean DEFAULT false NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "housing_choices_organisation_id_person_id_pk" PRIMARY KEY("organisation_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"birth_date" date,
	"phone" text,
	"email" text,
	"adults" integer DEFAULT 1 NOT NULL,
	"children" integer DEFAULT 0 NOT NULL,
	"resources" jsonb NOT NULL,
	"housing_benefit_cents" integer DEFAULT 0 NOT NULL,
	"housing_benefit_paid_to_operator" boolean DEFAULT true NOT NULL,
	"entry_date" date NOT NULL,
	"status" "person_status" DEFAULT 'waiting' NOT NULL,
	"suspended_on" date,
	"left_on" date,
	"left_reason" text,
	"relocation_requested" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "persons_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "persons_household" CHECK ("persons"."adults" >= 1 and "persons"."children" >= 0),
	CONSTRAINT "persons_benefit_non_negative" CHECK ("persons"."housing_benefit_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "leases" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" "lease_kind" NOT NULL,
	"status" "lease_status" DEFAULT 'draft' NOT NULL,
	"unit_id" uuid NOT NULL,
	"landlord_id" uuid,
	"person_id" uuid,
	"start_date" date NOT NULL,
	"duration_months" integer NOT NULL,
	"end_date" date,
	"rent_cents" integer NOT NULL,
	"charges_cents" integer DEFAULT 0 NOT NULL,
	"deposit_cents" integer DEFAULT 0 NOT NULL,
	"payment_frequency" "payment_frequency" DEFAULT 'monthly' NOT NULL,
	"housing_benefit_cents" integer DEFAULT 0 NOT NULL,
	"housing_benefit_paid_to_operator" boolean DEFAULT true NOT NULL,
	"furnished" boolean DEFAULT false NOT NULL,
	"irl_reference_quarter" text,
	"signed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leases_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "leases_amounts_non_negative" CHECK ("leases"."rent_cents" >= 0 and "leases"."charges_cents" >= 0 and "leases"."deposit_cents" >= 0),
	CONSTRAINT "leases_duration_positive" CHECK ("leases"."duration_months" > 0)
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_organisation_id_user_id_users_organisation_id_id_fk" FOREIGN KEY ("organisation_id","user_id") REFERENCES "public"."users"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_tokens" ADD CONSTRAINT "user_tokens_organisation_id_user_id_users_organisation_id_id_fk" FOREIGN KEY ("organisation_id","user_id") REFERENCES "public"."users"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organisation_id_landlord_id_landlords_organisation_id_id_fk" FOREIGN KEY ("organisation_id","landlord_id") REFERENCES "public"."landlords"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buildings" ADD CONSTRAINT "buildings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buildings" ADD CONSTRAINT "buildings_organisation_id_landlord_id_landlords_organisation_id_id_fk" FOREIGN KEY ("organisation_id","landlord_id") REFERENCES "public"."landlords"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buildings" ADD CONSTRAINT "buildings_organisation_id_neighbourhood_id_neighbourhoods_organisation_id_id_fk" FOREIGN KEY ("organisation_id","neighbourhood_id") REFERENCES "public"."neighbourhoods"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landlords" ADD CONSTRAINT "landlords_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbourhoods" ADD CONSTRAINT "neighbourhoods_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_transitions" ADD CONSTRAINT "unit_transitions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_transitions" ADD CONSTRAINT "unit_transitions_organisation_id_unit_id_units_organisation_id_id_fk" FOREIGN KEY ("organisation_id","unit_id") REFERENCES "public"."units"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_organisation_id_building_id_buildings_organisation_id_id_fk" FOREIGN KEY ("organisation_id","building_id") REFERENCES "public"."buildings"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_organisation_id_landlord_id_landlords_organisation_id_id_fk" FOREIGN KEY ("organisation_id","landlord_id") REFERENCES "public"."landlords"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "housing_choices" ADD CONSTRAINT "housing_choices_organisation_id_person_id_persons_organisation_id_id_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."persons"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leases" ADD CONSTRAINT "leases_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leases" ADD CONSTRAINT "leases_organisation_id_unit_id_units_organisation_id_id_fk" FOREIGN KEY ("organisation_id","unit_id") REFERENCES "public"."units"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leases" ADD CONSTRAINT "leases_organisation_id_landlord_id_landlords_organisation_id_id_fk" FOREIGN KEY ("organisation_id","landlord_id") REFERENCES "public"."landlords"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leases" ADD CONSTRAINT "leases_organisation_id_person_id_persons_organisation_id_id_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."persons"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "login_attempts_email_idx" ON "login_attempts" USING btree ("email","attempted_at");--> statement-breakpoint
CREATE INDEX "login_attempts_ip_idx" ON "login_attempts" USING btree ("ip","attempted_at");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_unique" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "users_id_unique" ON "users" USING btree ("id");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("organisation_id","entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("organisation_id","actor_user_id");--> statement-breakpoint
CREATE INDEX "audit_log_time_idx" ON "audit_log" USING btree ("organisation_id","occurred_at");--> statement-breakpoint
CREATE INDEX "buildings_location_idx" ON "buildings" USING btree ("organisation_id","lng","lat");--> statement-breakpoint
CREATE INDEX "buildings_neighbourhood_idx" ON "buildings" USING btree ("organisation_id","neighbourhood_id");--> statement-breakpoint
CREATE INDEX "neighbourhoods_code_idx" ON "neighbourhoods" USING btree ("organisation_id","code");--> statement-breakpoint
CREATE INDEX "unit_transitions_unit_idx" ON "unit_transitions" USING btree ("organisation_id","unit_id","effective_date");--> statement-breakpoint
CREATE INDEX "units_building_idx" ON "units" USING btree ("organisation_id","building_id");--> statement-breakpoint
CREATE INDEX "units_status_idx" ON "units" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "persons_status_idx" ON "persons" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "leases_unit_idx" ON "leases" USING btree ("organisation_id","unit_id");--> statement-breakpoint
CREATE INDEX "leases_person_idx" ON "leases" USING btree ("organisation_id","person_id");
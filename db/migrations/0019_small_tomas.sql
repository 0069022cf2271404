ALTER TABLE "organisations" ADD COLUMN "reoffer_deadline_weeks" integer DEFAULT 4 NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "local_commitment" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "opened_on" date;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "status_since" date;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_reoffer_weeks" CHECK ("organisations"."reoffer_deadline_weeks" between 1 and 52);
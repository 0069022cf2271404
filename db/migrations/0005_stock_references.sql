DROP INDEX "neighbourhoods_code_idx";--> statement-breakpoint
ALTER TABLE "buildings" ADD COLUMN "reference" text;--> statement-breakpoint
ALTER TABLE "landlords" ADD COLUMN "reference" text;--> statement-breakpoint
CREATE UNIQUE INDEX "buildings_reference_idx" ON "buildings" USING btree ("organisation_id","reference") WHERE "buildings"."reference" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "landlords_reference_idx" ON "landlords" USING btree ("organisation_id","reference") WHERE "landlords"."reference" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "units_reference_idx" ON "units" USING btree ("organisation_id","reference") WHERE "units"."reference" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "neighbourhoods_code_idx" ON "neighbourhoods" USING btree ("organisation_id","code");
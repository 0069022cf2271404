CREATE TABLE "organisation_data_versions" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisation_data_versions" ADD CONSTRAINT "organisation_data_versions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Every statement that writes an organisation's data adds one to its version, in the writing
-- transaction (the version and the rows commit together). The read cache keys its entries by it,
-- so an entry is never served once anything it may have read has changed, whoever wrote it: the
-- server, a command-line run, a second server on the same database. Tables that change on reads
-- or hold no data a page shows (sessions, tokens, logs, the outbox, idempotency keys) do not count.
INSERT INTO "organisation_data_versions" ("organisation_id", "version") SELECT "id", 0 FROM "organisations";
--> statement-breakpoint
CREATE FUNCTION count_data_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO organisation_data_versions AS v (organisation_id, version)
    SELECT DISTINCT changed.organisation_id, 1 FROM changed
    JOIN organisations ON organisations.id = changed.organisation_id
  ON CONFLICT (organisation_id) DO UPDATE SET version = v.version + 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION count_organisation_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO organisation_data_versions AS v (organisation_id, version)
    SELECT changed.id, 1 FROM changed
  ON CONFLICT (organisation_id) DO UPDATE SET version = v.version + 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER organisations_count_insert AFTER INSERT ON organisations
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION count_organisation_change();
--> statement-breakpoint
CREATE TRIGGER organisations_count_update AFTER UPDATE ON organisations
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION count_organisation_change();
--> statement-breakpoint
DO $$
DECLARE
  data_table text;
BEGIN
  FOR data_table IN
    SELECT table_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name = 'organisation_id'
      AND table_name NOT IN ('organisation_data_versions', 'access_log', 'audit_log', 'sessions',
        'user_tokens', 'api_tokens', 'mail_outbox', 'idempotency_keys')
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed '
      'FOR EACH STATEMENT EXECUTE FUNCTION count_data_change()', data_table || '_count_insert', data_table);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed '
      'FOR EACH STATEMENT EXECUTE FUNCTION count_data_change()', data_table || '_count_update', data_table);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed '
      'FOR EACH STATEMENT EXECUTE FUNCTION count_data_change()', data_table || '_count_delete', data_table);
  END LOOP;
END;
$$;

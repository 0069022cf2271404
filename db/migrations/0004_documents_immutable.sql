-- Issue 6: a generated document never changes (its SHA-256 is what a signature certifies).
-- A correction or a signed version is a new row (supersedes_id); UPDATE and DELETE are refused.
CREATE OR REPLACE FUNCTION documents_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'documents are immutable: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER documents_immutable
  BEFORE UPDATE OR DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION documents_refuse_change();

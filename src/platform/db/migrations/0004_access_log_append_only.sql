-- The access log is append-only like the audit log: refuse UPDATE, DELETE and TRUNCATE for everyone,
-- including the app's role, so a record of who saw personal data cannot be rewritten (안전조치기준 §8).
CREATE OR REPLACE FUNCTION access_log_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'access_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER access_log_no_update BEFORE UPDATE OR DELETE ON access_log
  FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
  FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change();

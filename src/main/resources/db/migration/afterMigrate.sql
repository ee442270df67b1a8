-- After every migration: the role the service's requests connect as (the datasource user, when it is not the
-- schema owner running the migrations) reads and writes rows, and nothing more. It cannot alter a table, disable a
-- trigger, or change the audit trail or the migration history.
-- Replicas starting together each run this after their migrate (Flyway's own lock covers the migrations, not this
-- callback): two GRANTs on one schema at once fail with "tuple concurrently updated", so each waits for the other's
-- transaction first (AdvisoryLocks.Held.MIGRATION_GRANTS).
SELECT pg_advisory_xact_lock(7340306);
DO $grants$
DECLARE
    app text := '${app_role}';
BEGIN
    IF app = '-' OR app = current_user OR NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app) THEN
        RETURN;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', app);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', app);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', app);
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM %I', app);
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON flyway_schema_history FROM %I', app);
END
$grants$;

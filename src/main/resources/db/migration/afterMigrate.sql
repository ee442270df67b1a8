-- After every migration: the role the service's requests connect as (the datasource user, when it is not the
-- schema owner running the migrations) reads and writes rows, and nothing more. It cannot alter a table, disable a
-- trigger, or change the audit trail or the migration history.
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

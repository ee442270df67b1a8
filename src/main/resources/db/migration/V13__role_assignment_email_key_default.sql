-- A writer that does not know the email key (a replica of the version before V12, during a rolling upgrade) still
-- writes assignments: the key is filled in from the user's email. This version's writers always give it.
CREATE FUNCTION role_assignment_fill_email_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT lower(email) INTO NEW.email_key FROM app_user WHERE id = NEW.user_id;
    RETURN NEW;
END $$;
CREATE TRIGGER role_assignment_email_key BEFORE INSERT ON role_assignment
    FOR EACH ROW WHEN (NEW.email_key IS NULL) EXECUTE FUNCTION role_assignment_fill_email_key();

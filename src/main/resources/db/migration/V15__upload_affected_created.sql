-- Which of an upload's changed users it created: their version stays their first (nobody can have read another),
-- so the commit moves only the versions of people who existed before it.
ALTER TABLE upload_affected ADD COLUMN created BOOLEAN NOT NULL DEFAULT FALSE;

-- The feed's order is the writing transaction's id, then the entry's sequence: a reader returns only entries of
-- transactions older than every transaction still running, so an entry can never appear behind a consumer's cursor,
-- and writers no longer queue on one lock through their commits. Entries written before this migration are all
-- committed: they keep their sequence order, ahead of every later one. A writer that does not name the column (a
-- replica of the version before, during a rolling upgrade) gets its transaction's id from the default.
ALTER TABLE permission_change ADD COLUMN tx xid8 NOT NULL DEFAULT '0';
ALTER TABLE permission_change ALTER COLUMN tx SET DEFAULT pg_current_xact_id();
CREATE INDEX permission_change_position_idx ON permission_change (tx, sequence);

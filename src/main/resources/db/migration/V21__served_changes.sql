-- What changed in what a consumer is served. Each document keeps the digests of its parts (`aspects`: the
-- permissions as codes, the organizations' names as shown, the email as written), so that a rewrite can say which
-- of them moved; each feed entry says so in `changes`. Entries written before this say all three: which of them
-- moved was not kept.
ALTER TABLE consumer_document ADD COLUMN aspects VARCHAR(64);
ALTER TABLE permission_change ADD COLUMN changes VARCHAR(16)[] NOT NULL DEFAULT '{PERMISSIONS,ORGANIZATION,PROFILE}';

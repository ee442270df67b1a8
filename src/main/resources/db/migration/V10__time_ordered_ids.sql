-- New people and role assignments get time-ordered identifiers (UUID version 7: 48 bits of Unix milliseconds,
-- then 74 random bits). Rows written together land side by side in every index that leads with an id (the
-- assignments' keys, the audit trail by user, the stored documents) instead of on random pages across the whole
-- index: a 100,000-row upload dirtied about 200,000 index pages with random (version 4) ids. Existing ids stay.
CREATE FUNCTION uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
    SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
               PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
               FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
$$;

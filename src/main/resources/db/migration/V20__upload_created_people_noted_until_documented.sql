-- The people an upload's commit created stay in upload_affected after it (created = true) until their first consumer
-- documents are written, a page per transaction, right after the commit by the upload's job, or by the documents
-- backfill when the job stopped first. The commit no longer waits for those documents: nobody could have read a
-- document of a person it creates, and until theirs is written a pull resolves them on the spot. The users who
-- existed before the commit get theirs inside it and are forgotten there.
COMMENT ON TABLE upload_affected IS 'Users an upload commit changed (during the commit), and the people it created whose first consumer documents are not written yet (after it)';

-- No statement looks up an upload's rows by email: the cross-row checks, the summary and the commit read all of an
-- upload's rows (by the primary key's upload_id, or a sequential scan) and sort or hash them. The index cost its
-- upload's validation 0.4 s per 100,000 rows staged.
DROP INDEX upload_row_email_idx;

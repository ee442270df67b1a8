-- upload_row holds an upload's staged rows only while it is in work, and upload_affected the users its commit
-- changed only during that commit: both are deleted in bulk when the work ends. Autovacuum's default waits for a
-- fifth of a table to be dead, and in a busy season the staging table holds several uploads' rows; until a vacuum,
-- the next upload's statements, which read all of its own rows, read the dead ones too (on the bench, a 100,000-row
-- upload's people statement scanned 1.6 million dead rows in 8.6 s, and 0.1 s once vacuumed). These two tables are
-- vacuumed, unthrottled, once 10,000 of their rows are dead.
ALTER TABLE upload_row SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000,
                            autovacuum_vacuum_cost_delay = 0);
ALTER TABLE upload_affected SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000,
                                 autovacuum_vacuum_cost_delay = 0);

-- The audit trail records the organization ids an event was about; it no longer checks them against the
-- organization table on every insert. Nothing is lost: organizations are never deleted (they are closed), and the
-- grants and revocations, most of the trail, take their ids from role assignments, whose own foreign keys have
-- just checked them. The two checks were about a fifth of a 100,000-row upload's grant statement.
ALTER TABLE audit_event DROP CONSTRAINT audit_event_org_id_fkey;
ALTER TABLE audit_event DROP CONSTRAINT audit_event_lea_id_fkey;

-- Where the target user's roles were when an event without an organization of its own happened (profile creation
-- and edits, status changes, signed forms): the event is shown to administrators of those organizations only.
ALTER TABLE audit_event ADD COLUMN scope_org_ids BIGINT[];
ALTER TABLE audit_event ADD COLUMN scope_lea_ids BIGINT[];

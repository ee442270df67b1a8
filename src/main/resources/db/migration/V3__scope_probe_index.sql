-- Listings probe each candidate user's assignments for the caller's scope (LEA or school): with the scope columns
-- in the index the probe never reads the table.
CREATE INDEX role_assignment_user_scope_idx ON role_assignment (user_id, lea_id, org_id, role_id);

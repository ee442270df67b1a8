-- Listings count only the years they show (the current and the upcoming one, or one named year): the year joins
-- the scope probe's index, and the school-driven one's, so neither probe reads the table.
DROP INDEX role_assignment_user_scope_idx;
CREATE INDEX role_assignment_user_scope_idx ON role_assignment (user_id, lea_id, org_id, role_id) INCLUDE (administration_year);
DROP INDEX role_assignment_org_idx;
CREATE INDEX role_assignment_org_idx ON role_assignment (org_id, user_id) INCLUDE (administration_year);

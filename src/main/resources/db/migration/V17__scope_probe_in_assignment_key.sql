-- The scope probe (does this user hold a role of the shown years at these LEAs or schools?) reads the assignment
-- key's index alone once the key carries the LEA: user, role, school and year are its columns already. An upload's
-- or a creation's assignments then write four indexes, not five.
ALTER TABLE role_assignment ADD CONSTRAINT role_assignment_key
    UNIQUE (user_id, role_id, org_id, administration_year) INCLUDE (lea_id);
ALTER TABLE role_assignment DROP CONSTRAINT role_assignment_uk;
ALTER TABLE role_assignment RENAME CONSTRAINT role_assignment_key TO role_assignment_uk;
DROP INDEX role_assignment_user_scope_idx;

-- The people a district's identity provider has provisioned into its LEA: linked when it creates or replaces them
-- (with roles or, before it gives them any, without), unlinked when it deletes them. A person linked to an LEA is
-- that LEA's SCIM client's user even while they hold no role there. externalId is the client's own id for the
-- person, unique within the LEA.
CREATE TABLE scim_link (
    lea_id      BIGINT      NOT NULL REFERENCES organization (id),
    user_id     UUID        NOT NULL REFERENCES app_user (id),
    external_id TEXT,
    linked_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (lea_id, user_id)
);
CREATE UNIQUE INDEX scim_link_external_id_idx ON scim_link (lea_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX scim_link_user_idx ON scim_link (user_id);

-- The groups a district's identity provider created (SCIM Groups: one TOMS role at one organization of its LEA),
-- kept so that a group is found before it has members. A group whose role someone holds there is found anyway.
CREATE TABLE scim_group (
    lea_id     BIGINT      NOT NULL REFERENCES organization (id),
    role_id    VARCHAR(40) NOT NULL,
    org_id     BIGINT      NOT NULL REFERENCES organization (id),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (lea_id, role_id, org_id)
);

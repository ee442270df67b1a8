-- Organizations: the state, LEAs and schools. A CDS code is unique per type
-- (a directly funded charter is both an LEA and a school under one code).
CREATE TABLE organization (
    id          BIGSERIAL PRIMARY KEY,
    code        VARCHAR(14)  NOT NULL,
    type        VARCHAR(8)   NOT NULL CHECK (type IN ('STATE', 'LEA', 'SCHOOL')),
    name        VARCHAR(200) NOT NULL,
    parent_id   BIGINT       REFERENCES organization (id),
    status      VARCHAR(8)   NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'CLOSED')),
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT organization_code_type_uk UNIQUE (code, type)
);
CREATE INDEX organization_parent_idx ON organization (parent_id, code);
CREATE INDEX organization_name_idx ON organization (lower(name) text_pattern_ops);

-- People, one per email (case-insensitive).
CREATE TABLE app_user (
    id          UUID PRIMARY KEY,
    email       VARCHAR(128) NOT NULL,
    first_name  VARCHAR(35)  NOT NULL,
    last_name   VARCHAR(35)  NOT NULL,
    phone       VARCHAR(24),
    status      VARCHAR(8)   NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'INACTIVE')),
    version     BIGINT       NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX app_user_email_uk ON app_user (lower(email));

-- Role assignments: (user, role, organization, administration year), unique.
CREATE TABLE role_assignment (
    id                  UUID PRIMARY KEY,
    user_id             UUID        NOT NULL REFERENCES app_user (id),
    role_id             VARCHAR(40) NOT NULL,
    org_id              BIGINT      NOT NULL REFERENCES organization (id),
    lea_id              BIGINT      REFERENCES organization (id),
    administration_year VARCHAR(7)  NOT NULL,
    is_primary          BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT role_assignment_uk UNIQUE (user_id, role_id, org_id, administration_year)
);
CREATE INDEX role_assignment_org_idx ON role_assignment (org_id, user_id);
CREATE INDEX role_assignment_lea_idx ON role_assignment (lea_id, user_id);
-- At most one primary coordinator per program, LEA and year.
CREATE UNIQUE INDEX role_assignment_primary_uk ON role_assignment (role_id, org_id, administration_year) WHERE is_primary;

-- Test Security Agreement and Affidavit, signed per administration year.
CREATE TABLE security_agreement (
    user_id             UUID        NOT NULL REFERENCES app_user (id),
    type                VARCHAR(32) NOT NULL CHECK (type IN ('TEST_SECURITY_AGREEMENT', 'TEST_SECURITY_AFFIDAVIT')),
    administration_year VARCHAR(7)  NOT NULL,
    signed_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, type, administration_year)
);

-- Append-only audit trail.
CREATE TABLE audit_event (
    id              BIGSERIAL PRIMARY KEY,
    occurred_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    request_id      VARCHAR(64),
    actor_email     VARCHAR(128) NOT NULL,
    action          VARCHAR(40)  NOT NULL,
    target_user_id  UUID,
    org_id          BIGINT REFERENCES organization (id),
    lea_id          BIGINT REFERENCES organization (id),
    before_state    JSONB,
    after_state     JSONB
);
CREATE INDEX audit_event_user_idx ON audit_event (target_user_id, id);
CREATE INDEX audit_event_lea_idx ON audit_event (lea_id, id);

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only';
END $$;
CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();

-- Durable feed of users whose effective permissions changed, in commit order.
CREATE TABLE permission_change (
    sequence    BIGSERIAL PRIMARY KEY,
    user_id     UUID         NOT NULL,
    email       VARCHAR(128) NOT NULL,
    changed_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Idempotency keys of creating POSTs, kept 24 hours.
CREATE TABLE idempotency_record (
    caller        VARCHAR(128) NOT NULL,
    key           VARCHAR(200) NOT NULL,
    request_hash  VARCHAR(64)  NOT NULL,
    status        INT          NOT NULL,
    location      VARCHAR(500),
    body          TEXT,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, key)
);

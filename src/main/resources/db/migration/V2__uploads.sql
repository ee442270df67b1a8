-- Bulk user uploads: the file, its job state, staged rows and row errors.
CREATE TABLE upload (
    id              UUID PRIMARY KEY,
    uploader_email  VARCHAR(128) NOT NULL,
    status          VARCHAR(12)  NOT NULL CHECK (status IN ('RECEIVED', 'VALIDATING', 'VALIDATED', 'REJECTED',
                                                           'COMMITTING', 'COMMITTED', 'FAILED', 'EXPIRED')),
    format          VARCHAR(4)   NOT NULL CHECK (format IN ('CSV', 'XLSX')),
    file_name       VARCHAR(255),
    content         BYTEA,
    total_rows      INT          NOT NULL DEFAULT 0,
    processed_rows  INT          NOT NULL DEFAULT 0,
    error_count     INT          NOT NULL DEFAULT 0,
    summary         JSONB,
    problem_code    VARCHAR(40),
    problem_detail  VARCHAR(500),
    request_id      VARCHAR(64),
    claimed_by      VARCHAR(64),
    heartbeat_at    TIMESTAMPTZ,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    validated_at    TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ
);
CREATE INDEX upload_work_idx ON upload (created_at) WHERE status IN ('RECEIVED', 'VALIDATING', 'COMMITTING');
CREATE INDEX upload_uploader_idx ON upload (lower(uploader_email), created_at);

-- Rows that passed the per-row checks, staged for the set-based checks and the commit.
CREATE TABLE upload_row (
    upload_id    UUID         NOT NULL,
    row_number   INT          NOT NULL,
    email        VARCHAR(128) NOT NULL,
    email_key    VARCHAR(128) NOT NULL,
    first_name   VARCHAR(35)  NOT NULL,
    last_name    VARCHAR(35)  NOT NULL,
    phone        VARCHAR(24),
    role_id      VARCHAR(40)  NOT NULL,
    org_id       BIGINT       NOT NULL,
    lea_id       BIGINT,
    remove       BOOLEAN      NOT NULL,
    PRIMARY KEY (upload_id, row_number)
);
CREATE INDEX upload_row_email_idx ON upload_row (upload_id, email_key);

CREATE TABLE upload_error (
    upload_id   UUID         NOT NULL REFERENCES upload (id) ON DELETE CASCADE,
    row_number  INT          NOT NULL,
    column_name VARCHAR(64),
    value       VARCHAR(200),
    code        VARCHAR(40)  NOT NULL,
    message     VARCHAR(500) NOT NULL
);
CREATE INDEX upload_error_idx ON upload_error (upload_id, row_number);

-- Users whose roles an upload commit changed, within the commit's transaction.
CREATE TABLE upload_affected (
    upload_id UUID NOT NULL,
    user_id   UUID NOT NULL,
    PRIMARY KEY (upload_id, user_id)
);

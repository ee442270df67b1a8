-- What each consumer pulls about a user, kept current in the transaction of every change that alters it: a pull is
-- one indexed read of a body already rendered. `version` is the body's digest (the pull's ETag);
-- `administration_year` is the year it was resolved for (a document of another year is resolved again on read).
CREATE TABLE consumer_document (
    consumer            VARCHAR(32)  NOT NULL,
    user_id             UUID         NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    email_key           VARCHAR(128) NOT NULL,
    administration_year VARCHAR(7)   NOT NULL,
    version             VARCHAR(32)  NOT NULL,
    body                TEXT         NOT NULL,
    PRIMARY KEY (consumer, user_id),
    CONSTRAINT consumer_document_email_uk UNIQUE (consumer, email_key)
);

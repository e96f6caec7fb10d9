-- Portable SQL: runs on SQLite and PostgreSQL alike. Timestamps are epoch milliseconds (BIGINT).
-- Everything an attachment owns goes with it (ON DELETE CASCADE), and attachments go with their task.

CREATE TABLE attachments (
    id                VARCHAR(32)   PRIMARY KEY,
    owner_id          VARCHAR(32)   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    task_id           VARCHAR(32)   NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    filename          VARCHAR(1024) NOT NULL,
    image_type        VARCHAR(8)    NOT NULL,
    status            VARCHAR(16)   NOT NULL,
    size              BIGINT,
    width             INTEGER,
    height            INTEGER,
    -- Goes up each time the image is handed to labeling; results for an older version are stale.
    version           INTEGER       NOT NULL,
    -- The one-time secret of the current upload URL; NULL once the bytes arrived.
    upload_nonce      VARCHAR(32),
    upload_expires_at BIGINT,
    error             VARCHAR(4000),
    created_at        BIGINT        NOT NULL,
    updated_at        BIGINT        NOT NULL,
    -- Optimistic concurrency: every update bumps it and requires the value it loaded.
    revision          INTEGER       NOT NULL
);

CREATE INDEX attachments_by_task ON attachments (task_id, created_at, id);
CREATE INDEX attachments_pending ON attachments (status, upload_expires_at);

-- The labels of an attachment's current version: the whole LabelDetection as JSON, one row per attachment,
-- replaced in one statement so that handling the same event twice still leaves one label set.
CREATE TABLE attachment_labels (
    attachment_id VARCHAR(32)  PRIMARY KEY REFERENCES attachments (id) ON DELETE CASCADE,
    task_id       VARCHAR(32)  NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    version       INTEGER      NOT NULL,
    model_version VARCHAR(200) NOT NULL,
    detection     TEXT         NOT NULL,
    labeled_at    BIGINT       NOT NULL
);

CREATE INDEX attachment_labels_by_task ON attachment_labels (task_id);

-- Lower-case label names and their parents, one row per term, for the task list's label filter.
CREATE TABLE attachment_label_terms (
    task_id       VARCHAR(32)  NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    attachment_id VARCHAR(32)  NOT NULL REFERENCES attachments (id) ON DELETE CASCADE,
    term          VARCHAR(200) NOT NULL,
    PRIMARY KEY (attachment_id, term)
);

CREATE INDEX attachment_label_terms_by_term ON attachment_label_terms (term, task_id);

-- The outbox of labeling work: one row per (attachment, version), written in the transaction that stored
-- the image. A worker claims a row with a lease; a crashed worker's lease runs out and another takes it.
CREATE TABLE labeling_jobs (
    id            VARCHAR(32)   PRIMARY KEY,
    attachment_id VARCHAR(32)   NOT NULL REFERENCES attachments (id) ON DELETE CASCADE,
    version       INTEGER       NOT NULL,
    attempts      INTEGER       NOT NULL,
    available_at  BIGINT        NOT NULL,
    lease_owner   VARCHAR(64),
    lease_until   BIGINT,
    last_error    VARCHAR(4000),
    created_at    BIGINT        NOT NULL,
    UNIQUE (attachment_id, version)
);

CREATE INDEX labeling_jobs_due ON labeling_jobs (available_at, id);

-- Objects to remove from the store, recorded in the transaction that deleted their attachment and removed
-- after the commit (and again by the periodic sweep after a crash), so that no file is left behind.
CREATE TABLE object_deletions (
    object_key   VARCHAR(300) PRIMARY KEY,
    requested_at BIGINT       NOT NULL
);

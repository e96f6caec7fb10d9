-- Portable SQL: runs on SQLite and PostgreSQL alike. Timestamps are epoch milliseconds (BIGINT);
-- due dates are ISO dates (YYYY-MM-DD) as text, which sort correctly.
CREATE TABLE users (
    id            VARCHAR(32)  PRIMARY KEY,
    username      VARCHAR(64)  NOT NULL,
    username_key  VARCHAR(64)  NOT NULL UNIQUE,
    password_hash VARCHAR(255) NOT NULL,
    created_at    BIGINT       NOT NULL
);

CREATE TABLE tasks (
    id         VARCHAR(32)  PRIMARY KEY,
    owner_id   VARCHAR(32)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title      VARCHAR(200) NOT NULL,
    body       TEXT         NOT NULL,
    due_date   VARCHAR(10),
    done       BOOLEAN      NOT NULL,
    created_at BIGINT       NOT NULL,
    updated_at BIGINT       NOT NULL
);

-- The list is "newest first" per owner with a (created_at, id) keyset cursor.
CREATE INDEX tasks_by_owner_newest ON tasks (owner_id, created_at DESC, id DESC);

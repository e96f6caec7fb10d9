-- Portable SQL: runs on SQLite and PostgreSQL alike. Live events (a label saved, a task changed) of every node,
-- for the web nodes to pass on to the event streams they hold (used when TASKLENS_DATABASE_URL is set). seq is
-- taken from live_event_sequence in the transaction that inserts the event: the row lock makes events commit in
-- seq order, so a node reading "seq > the last I saw" never skips one that commits late.
CREATE TABLE live_event_sequence (
    id       INTEGER PRIMARY KEY,
    last_seq BIGINT  NOT NULL
);
INSERT INTO live_event_sequence (id, last_seq) VALUES (1, 0);

CREATE TABLE live_events (
    seq        BIGINT        PRIMARY KEY,
    owner_id   VARCHAR(32)   NOT NULL,
    name       VARCHAR(16)   NOT NULL,
    payload    TEXT          NOT NULL,
    created_at BIGINT        NOT NULL
);

CREATE INDEX live_events_by_created_at ON live_events (created_at);

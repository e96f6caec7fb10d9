-- Portable SQL: runs on SQLite and PostgreSQL alike. Event ids are live_events' seq on every node, so a stream that
-- reconnects to another node catches up from the table: by owner in seq order, and only when nothing it missed was
-- deleted yet (forgotten_seq is the highest seq deleted so far).
ALTER TABLE live_event_sequence ADD COLUMN forgotten_seq BIGINT NOT NULL DEFAULT 0;

CREATE INDEX live_events_by_owner ON live_events (owner_id, seq);

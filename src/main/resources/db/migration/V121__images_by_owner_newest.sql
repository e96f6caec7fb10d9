-- The gallery: a user's images across their tasks, newest first with a keyset cursor; runs on SQLite and
-- PostgreSQL alike.
CREATE INDEX attachments_by_owner_newest ON attachments (owner_id, created_at DESC, id DESC);

-- The list in due order (earliest due date first, then newest first) with its keyset cursor; runs on SQLite
-- and PostgreSQL alike.
CREATE INDEX tasks_by_owner_due ON tasks (owner_id, due_date, created_at DESC, id DESC);

-- Portable SQL: runs on SQLite and PostgreSQL alike.
-- token_generation goes up when the password changes: tokens and sessions of an older generation are refused.
-- admin marks the operator: the first user to sign up is one.
ALTER TABLE users ADD COLUMN token_generation BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN admin BOOLEAN NOT NULL DEFAULT FALSE;

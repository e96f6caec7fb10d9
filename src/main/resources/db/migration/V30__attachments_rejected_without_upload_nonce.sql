-- Portable SQL: runs on SQLite (3.35 and newer) and PostgreSQL alike.
-- An upload URL no longer carries a one-time secret: a URL of the local store takes bytes only while its
-- attachment waits for them, and "an object was created" is what ends the wait. Attachments may now be
-- REJECTED (status fits the existing VARCHAR(16)); the error column says why.
ALTER TABLE attachments DROP COLUMN upload_nonce;

-- Portable SQL: runs on SQLite and PostgreSQL alike. The web UI's sessions, shared by every node on the database
-- (on PostgreSQL, or with tasklens.web.sessions=database), so a load balancer needs no sticky sessions. The id is
-- the SHA-256 of the cookie's value (whoever reads the table cannot take over a session with it); the attributes
-- are Java-serialized and base64 text, which both engines store alike.
CREATE TABLE http_sessions (
    id_hash    VARCHAR(64) PRIMARY KEY,
    created_at BIGINT      NOT NULL,
    renewed_at BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL,
    attributes TEXT        NOT NULL
);

CREATE INDEX http_sessions_by_expiry ON http_sessions (expires_at);

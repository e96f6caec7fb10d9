-- Portable SQL: runs on SQLite and PostgreSQL alike.
-- Access keys for the Rekognition-compatible endpoint (AWS Signature Version 4). The secret is kept sealed
-- with AES-GCM under the server's key (a SigV4 check needs the secret itself, so it cannot be a hash).
CREATE TABLE access_keys (
    id            VARCHAR(20)  PRIMARY KEY,
    owner_id      VARCHAR(32)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    secret_sealed VARCHAR(200) NOT NULL,
    created_at    BIGINT       NOT NULL
);

CREATE INDEX access_keys_by_owner ON access_keys (owner_id, created_at);

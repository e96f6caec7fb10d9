-- Portable SQL: runs on SQLite and PostgreSQL alike. Invite links of sign-up by invitation
-- (tasklens.account.sign-up=invite). Only the SHA-256 of a link's secret is kept: the link is shown once.
-- used_by keeps the new account's username for the inviter's list, even after that account is gone.
CREATE TABLE invites (
    id         VARCHAR(32) PRIMARY KEY,
    token_hash VARCHAR(64) NOT NULL UNIQUE,
    created_by VARCHAR(32) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL,
    used_by    VARCHAR(64),
    used_at    BIGINT
);

CREATE INDEX invites_by_creator ON invites (created_by, created_at DESC);

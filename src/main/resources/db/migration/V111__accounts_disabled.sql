-- An admin can disable an account: it cannot sign in; disabling also moves token_generation on, which ends
-- its sessions and tokens.
ALTER TABLE users ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE;

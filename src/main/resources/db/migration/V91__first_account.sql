-- Portable SQL: runs on SQLite and PostgreSQL alike. The first account is the admin; two first sign-ups at
-- the same moment on PostgreSQL (READ COMMITTED) both saw no account. The first account now takes the one
-- place first_account = 1 (unique; every other account leaves it NULL, and NULLs never collide), so the second
-- insert conflicts and its sign-up is made again as an ordinary one. A deleted first account frees the place.
ALTER TABLE users ADD COLUMN first_account INTEGER;
CREATE UNIQUE INDEX users_first_account ON users (first_account);
UPDATE users SET first_account = 1 WHERE id = (SELECT id FROM users ORDER BY created_at, id LIMIT 1);

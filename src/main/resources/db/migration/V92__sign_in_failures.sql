-- Portable SQL: runs on SQLite and PostgreSQL alike. Failed sign-ins counted per throttle key
-- (tasklens.account.sign-in-attempts=database), shared by every node on the database. forget_at is the moment
-- the count restarts from zero; rows past it may be deleted at any time.
CREATE TABLE sign_in_failures (
    attempt_key  VARCHAR(400) PRIMARY KEY,
    failures     BIGINT       NOT NULL,
    last_failure BIGINT       NOT NULL,
    forget_at    BIGINT       NOT NULL
);

CREATE INDEX sign_in_failures_by_forget_at ON sign_in_failures (forget_at);

-- Tollgate schema 1: users, sessions, one-time codes, window counters, audit, archive.
-- Every record carries its tenant. Ids are UUIDv7 in canonical lower-case text, which sorts in
-- time order; instants are INTEGER microseconds since the epoch, compared as numbers.

CREATE TABLE tg_users (
    id                 TEXT        PRIMARY KEY,
    tenant_id          TEXT        NOT NULL,
    username           TEXT        NOT NULL,
    username_canonical TEXT        NOT NULL,
    email              TEXT        NOT NULL,
    email_verified_at  INTEGER,
    password_hash      TEXT        NOT NULL,
    status             TEXT        NOT NULL,
    status_reason      TEXT,
    name               TEXT,
    about_me           TEXT,
    hobbies            TEXT        NOT NULL,
    account_type       TEXT        NOT NULL,
    failed_logins      INTEGER     NOT NULL,
    locked_until       INTEGER,
    created_at         INTEGER     NOT NULL,
    updated_at         INTEGER     NOT NULL,
    last_login_at      INTEGER
);
CREATE UNIQUE INDEX tg_users_username_uq ON tg_users (tenant_id, username_canonical);
CREATE UNIQUE INDEX tg_users_email_uq ON tg_users (tenant_id, email);
CREATE INDEX tg_users_tenant_created_idx ON tg_users (tenant_id, created_at);

CREATE TABLE tg_sessions (
    id                 TEXT        PRIMARY KEY,
    tenant_id          TEXT        NOT NULL,
    user_id            TEXT        NOT NULL,
    access_digest      TEXT        NOT NULL,
    refresh_digest     TEXT        NOT NULL,
    created_at         INTEGER     NOT NULL,
    last_used_at       INTEGER     NOT NULL,
    access_expires_at  INTEGER     NOT NULL,
    refresh_expires_at INTEGER     NOT NULL,
    ip                 TEXT,
    user_agent         TEXT,
    revoked_at         INTEGER
);
CREATE UNIQUE INDEX tg_sessions_access_digest_uq ON tg_sessions (access_digest);
CREATE UNIQUE INDEX tg_sessions_refresh_digest_uq ON tg_sessions (refresh_digest);
CREATE INDEX tg_sessions_user_idx ON tg_sessions (tenant_id, user_id, created_at);

CREATE TABLE tg_spent_refresh_digests (
    digest     TEXT        PRIMARY KEY,
    session_id TEXT        NOT NULL,
    spent_at   INTEGER     NOT NULL
);
CREATE INDEX tg_spent_refresh_digests_session_idx ON tg_spent_refresh_digests (session_id);

CREATE TABLE tg_one_time_codes (
    tenant_id    TEXT        NOT NULL,
    user_id      TEXT        NOT NULL,
    purpose      TEXT        NOT NULL,
    sent_to      TEXT        NOT NULL,
    code_digest  TEXT        NOT NULL,
    issued_at    INTEGER     NOT NULL,
    expires_at   INTEGER     NOT NULL,
    attempts     INTEGER     NOT NULL,
    max_attempts INTEGER     NOT NULL,
    PRIMARY KEY (tenant_id, user_id, purpose)
);

CREATE TABLE tg_window_counters (
    counter_key TEXT        PRIMARY KEY,
    window_end  INTEGER     NOT NULL,
    hits        INTEGER     NOT NULL
);

CREATE TABLE tg_audit_events (
    id          TEXT        PRIMARY KEY,
    tenant_id   TEXT        NOT NULL,
    type        TEXT        NOT NULL,
    outcome     TEXT        NOT NULL,
    actor_id    TEXT,
    subject_id  TEXT,
    reason      TEXT,
    occurred_at INTEGER     NOT NULL,
    ip          TEXT,
    user_agent  TEXT,
    details     TEXT        NOT NULL
);
CREATE INDEX tg_audit_events_subject_idx ON tg_audit_events (tenant_id, subject_id, id);

CREATE TABLE tg_archived_accounts (
    tenant_id    TEXT        NOT NULL,
    user_id      TEXT        NOT NULL,
    username     TEXT        NOT NULL,
    email        TEXT        NOT NULL,
    name         TEXT,
    about_me     TEXT,
    hobbies      TEXT        NOT NULL,
    account_type TEXT        NOT NULL,
    created_at   INTEGER     NOT NULL,
    deleted_at   INTEGER     NOT NULL,
    reason       TEXT,
    PRIMARY KEY (tenant_id, user_id)
);

-- Tollgate schema 1: users, sessions, one-time codes, window counters, audit, archive.
-- Every record carries its tenant. Ids are UUIDv7 (time-ordered); instants are timestamptz.

CREATE TABLE tg_users (
    id                 uuid        PRIMARY KEY,
    tenant_id          text        NOT NULL,
    username           text        NOT NULL,
    username_canonical text        NOT NULL,
    email              text        NOT NULL,
    email_verified_at  timestamptz,
    password_hash      text        NOT NULL,
    status             text        NOT NULL,
    status_reason      text,
    name               text,
    about_me           text,
    hobbies            text        NOT NULL,
    account_type       text        NOT NULL,
    failed_logins      integer     NOT NULL,
    locked_until       timestamptz,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    last_login_at      timestamptz
);
CREATE UNIQUE INDEX tg_users_username_uq ON tg_users (tenant_id, username_canonical);
CREATE UNIQUE INDEX tg_users_email_uq ON tg_users (tenant_id, email);
CREATE INDEX tg_users_tenant_created_idx ON tg_users (tenant_id, created_at);

CREATE TABLE tg_sessions (
    id                 uuid        PRIMARY KEY,
    tenant_id          text        NOT NULL,
    user_id            uuid        NOT NULL,
    access_digest      text        NOT NULL,
    refresh_digest     text        NOT NULL,
    created_at         timestamptz NOT NULL,
    last_used_at       timestamptz NOT NULL,
    access_expires_at  timestamptz NOT NULL,
    refresh_expires_at timestamptz NOT NULL,
    ip                 text,
    user_agent         text,
    revoked_at         timestamptz
);
CREATE UNIQUE INDEX tg_sessions_access_digest_uq ON tg_sessions (access_digest);
CREATE UNIQUE INDEX tg_sessions_refresh_digest_uq ON tg_sessions (refresh_digest);
CREATE INDEX tg_sessions_user_idx ON tg_sessions (tenant_id, user_id, created_at);

CREATE TABLE tg_spent_refresh_digests (
    digest     text        PRIMARY KEY,
    session_id uuid        NOT NULL,
    spent_at   timestamptz NOT NULL
);
CREATE INDEX tg_spent_refresh_digests_session_idx ON tg_spent_refresh_digests (session_id);

CREATE TABLE tg_one_time_codes (
    tenant_id    text        NOT NULL,
    user_id      uuid        NOT NULL,
    purpose      text        NOT NULL,
    sent_to      text        NOT NULL,
    code_digest  text        NOT NULL,
    issued_at    timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    attempts     integer     NOT NULL,
    max_attempts integer     NOT NULL,
    PRIMARY KEY (tenant_id, user_id, purpose)
);

CREATE TABLE tg_window_counters (
    counter_key text        PRIMARY KEY,
    window_end  timestamptz NOT NULL,
    hits        integer     NOT NULL
);

CREATE TABLE tg_audit_events (
    id          uuid        PRIMARY KEY,
    tenant_id   text        NOT NULL,
    type        text        NOT NULL,
    outcome     text        NOT NULL,
    actor_id    uuid,
    subject_id  uuid,
    reason      text,
    occurred_at timestamptz NOT NULL,
    ip          text,
    user_agent  text,
    details     text        NOT NULL
);
CREATE INDEX tg_audit_events_subject_idx ON tg_audit_events (tenant_id, subject_id, id);

CREATE TABLE tg_archived_accounts (
    tenant_id    text        NOT NULL,
    user_id      uuid        NOT NULL,
    username     text        NOT NULL,
    email        text        NOT NULL,
    name         text,
    about_me     text,
    hobbies      text        NOT NULL,
    account_type text        NOT NULL,
    created_at   timestamptz NOT NULL,
    deleted_at   timestamptz NOT NULL,
    reason       text,
    PRIMARY KEY (tenant_id, user_id)
);

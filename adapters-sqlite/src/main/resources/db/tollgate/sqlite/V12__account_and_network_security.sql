-- Tollgate schema 12: account and network security. A user's TOTP second factor (its secret
-- only sealed) and single-use recovery codes (digests only), the passwords users had (hashes),
-- the devices they signed in from (digests of the identifiers), allow and deny rules for client
-- address ranges (global where tenant_id is null); a session's device label and an API key's
-- allowed address ranges. As everywhere, no foreign keys: each store removes a user's rows itself.
-- One-time codes need no change for their new purposes: purpose is free text, one code per
-- user and purpose by the primary key.

CREATE TABLE tg_totp_factors (
    tenant_id     TEXT    NOT NULL,
    user_id       TEXT    NOT NULL,
    sealed_secret TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    confirmed_at  INTEGER,
    last_step     INTEGER NOT NULL CHECK (last_step >= -1),
    failures      INTEGER NOT NULL CHECK (failures >= 0),
    locked_until  INTEGER,
    PRIMARY KEY (tenant_id, user_id)
);

-- a spent code keeps its row (used_at set) until the codes are replaced or the factor removed
CREATE TABLE tg_recovery_codes (
    tenant_id  TEXT    NOT NULL,
    user_id    TEXT    NOT NULL,
    digest     TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    used_at    INTEGER,
    PRIMARY KEY (tenant_id, user_id, digest)
);

-- id only tells passwords set at the same instant apart: the later remembered is the newer
-- (AUTOINCREMENT: an id is never given out twice, even after the newest row is deleted)
CREATE TABLE tg_password_history (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id TEXT    NOT NULL,
    user_id   TEXT    NOT NULL,
    hash      TEXT    NOT NULL,
    set_at    INTEGER NOT NULL
);
CREATE INDEX tg_password_history_user_idx ON tg_password_history (tenant_id, user_id, set_at);

CREATE TABLE tg_known_devices (
    tenant_id     TEXT    NOT NULL,
    user_id       TEXT    NOT NULL,
    device_digest TEXT    NOT NULL,
    first_seen_at INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL,
    ip            TEXT,
    user_agent    TEXT,
    PRIMARY KEY (tenant_id, user_id, device_digest)
);

CREATE TABLE tg_ip_rules (
    id         TEXT    PRIMARY KEY,
    tenant_id  TEXT,
    cidr       TEXT    NOT NULL,
    action     TEXT    NOT NULL,
    reason     TEXT    NOT NULL,
    automatic  INTEGER NOT NULL,
    created_by TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER
);
CREATE INDEX tg_ip_rules_expiry_idx ON tg_ip_rules (expires_at);

ALTER TABLE tg_sessions ADD COLUMN device TEXT;
-- the ranges form-encoded (each preceded by '&'); empty for anywhere, as every key so far
ALTER TABLE tg_api_keys ADD COLUMN allowed_ips TEXT NOT NULL DEFAULT '';

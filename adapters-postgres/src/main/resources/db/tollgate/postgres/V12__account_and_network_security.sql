-- Tollgate schema 12: account and network security. A user's TOTP second factor (its secret
-- only sealed) and single-use recovery codes (digests only), the passwords users had (hashes),
-- the devices they signed in from (digests of the identifiers), allow and deny rules for client
-- address ranges (global where tenant_id is null); a session's device label and an API key's
-- allowed address ranges. As everywhere, no foreign keys: each store removes a user's rows itself.
-- One-time codes need no change for their new purposes: purpose is free text, one code per
-- user and purpose by the primary key.

CREATE TABLE tg_totp_factors (
    tenant_id     text        NOT NULL,
    user_id       uuid        NOT NULL,
    sealed_secret text        NOT NULL,
    created_at    timestamptz NOT NULL,
    confirmed_at  timestamptz,
    last_step     bigint      NOT NULL CHECK (last_step >= -1),
    failures      integer     NOT NULL CHECK (failures >= 0),
    locked_until  timestamptz,
    PRIMARY KEY (tenant_id, user_id)
);

-- a spent code keeps its row (used_at set) until the codes are replaced or the factor removed
CREATE TABLE tg_recovery_codes (
    tenant_id  text        NOT NULL,
    user_id    uuid        NOT NULL,
    digest     text        NOT NULL,
    created_at timestamptz NOT NULL,
    used_at    timestamptz,
    PRIMARY KEY (tenant_id, user_id, digest)
);

-- id only tells passwords set at the same instant apart: the later remembered is the newer
CREATE TABLE tg_password_history (
    id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id text        NOT NULL,
    user_id   uuid        NOT NULL,
    hash      text        NOT NULL,
    set_at    timestamptz NOT NULL
);
CREATE INDEX tg_password_history_user_idx ON tg_password_history (tenant_id, user_id, set_at);

CREATE TABLE tg_known_devices (
    tenant_id     text        NOT NULL,
    user_id       uuid        NOT NULL,
    device_digest text        NOT NULL,
    first_seen_at timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    ip            text,
    user_agent    text,
    PRIMARY KEY (tenant_id, user_id, device_digest)
);

CREATE TABLE tg_ip_rules (
    id         uuid        PRIMARY KEY,
    tenant_id  text,
    cidr       text        NOT NULL,
    action     text        NOT NULL,
    reason     text        NOT NULL,
    automatic  integer     NOT NULL,
    created_by text        NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz
);
CREATE INDEX tg_ip_rules_expiry_idx ON tg_ip_rules (expires_at);

ALTER TABLE tg_sessions ADD COLUMN device text;
-- the ranges form-encoded (each preceded by '&'); empty for anywhere, as every key so far
ALTER TABLE tg_api_keys ADD COLUMN allowed_ips text NOT NULL DEFAULT '';

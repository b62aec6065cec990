-- Tollgate schema 8: tenants, staff roles, service accounts, staff notes; a session's own idle
-- timeout (staff sessions end sooner) and a subscription's own service level.

CREATE TABLE tg_tenants (
    id            TEXT    PRIMARY KEY,
    name          TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    status_reason TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
-- the default tenant exists from the start, and so does every tenant users already belong to
-- (microseconds since the epoch, as every instant here)
INSERT INTO tg_tenants (id, name, status, created_at, updated_at)
VALUES ('default', 'Default', 'ACTIVE', CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER),
        CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER));
INSERT INTO tg_tenants (id, name, status, created_at, updated_at)
SELECT DISTINCT tenant_id, tenant_id, 'ACTIVE', CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER),
       CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER)
FROM tg_users WHERE tenant_id <> 'default';

-- one role per user; the role is a name the core knows the tier of
CREATE TABLE tg_staff (
    tenant_id  TEXT    NOT NULL,
    user_id    TEXT    NOT NULL,
    role       TEXT    NOT NULL,
    granted_at INTEGER NOT NULL,
    granted_by TEXT,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX tg_staff_role_idx ON tg_staff (role);
CREATE UNIQUE INDEX tg_staff_user_uq ON tg_staff (user_id);

CREATE TABLE tg_service_accounts (
    id          TEXT    PRIMARY KEY,
    tenant_id   TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    permissions TEXT    NOT NULL,
    key_digest  TEXT    NOT NULL,
    key_hint    TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    created_by  TEXT,
    revoked_at  INTEGER
);
CREATE UNIQUE INDEX tg_service_accounts_digest_uq ON tg_service_accounts (key_digest);
CREATE INDEX tg_service_accounts_tenant_idx ON tg_service_accounts (tenant_id, id);

CREATE TABLE tg_staff_notes (
    tenant_id  TEXT    NOT NULL,
    user_id    TEXT    NOT NULL,
    text       TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by TEXT,
    PRIMARY KEY (tenant_id, user_id)
);

ALTER TABLE tg_sessions ADD COLUMN idle_timeout_millis INTEGER CHECK (idle_timeout_millis > 0);
ALTER TABLE tg_subscriptions ADD COLUMN level_override TEXT;

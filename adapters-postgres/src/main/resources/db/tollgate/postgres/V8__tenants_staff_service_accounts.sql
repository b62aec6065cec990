-- Tollgate schema 8: tenants, staff roles, service accounts, staff notes; a session's own idle
-- timeout (staff sessions end sooner) and a subscription's own service level.

CREATE TABLE tg_tenants (
    id            text        COLLATE "C" PRIMARY KEY,
    name          text        NOT NULL,
    status        text        NOT NULL,
    status_reason text,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);
-- the default tenant exists from the start, and so does every tenant users already belong to
INSERT INTO tg_tenants (id, name, status, created_at, updated_at)
VALUES ('default', 'Default', 'ACTIVE', now(), now());
INSERT INTO tg_tenants (id, name, status, created_at, updated_at)
SELECT DISTINCT tenant_id, tenant_id, 'ACTIVE', now(), now() FROM tg_users
WHERE tenant_id <> 'default';

-- one role per user; the role is a name the core knows the tier of
CREATE TABLE tg_staff (
    tenant_id  text        NOT NULL,
    user_id    uuid        NOT NULL,
    role       text        NOT NULL,
    granted_at timestamptz NOT NULL,
    granted_by uuid,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX tg_staff_role_idx ON tg_staff (role);
CREATE UNIQUE INDEX tg_staff_user_uq ON tg_staff (user_id);

CREATE TABLE tg_service_accounts (
    id          uuid        PRIMARY KEY,
    tenant_id   text        NOT NULL,
    name        text        NOT NULL,
    permissions text        NOT NULL,
    key_digest  text        NOT NULL,
    key_hint    text        NOT NULL,
    created_at  timestamptz NOT NULL,
    created_by  uuid,
    revoked_at  timestamptz
);
CREATE UNIQUE INDEX tg_service_accounts_digest_uq ON tg_service_accounts (key_digest);
CREATE INDEX tg_service_accounts_tenant_idx ON tg_service_accounts (tenant_id, id);

CREATE TABLE tg_staff_notes (
    tenant_id  text        NOT NULL,
    user_id    uuid        NOT NULL,
    text       text        NOT NULL,
    updated_at timestamptz NOT NULL,
    updated_by uuid,
    PRIMARY KEY (tenant_id, user_id)
);

ALTER TABLE tg_sessions ADD COLUMN idle_timeout_millis bigint CHECK (idle_timeout_millis > 0);
ALTER TABLE tg_subscriptions ADD COLUMN level_override text;

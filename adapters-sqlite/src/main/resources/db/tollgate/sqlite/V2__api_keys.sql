-- Tollgate schema 2: API keys, kept as digests (and, with a master key, sealed).

CREATE TABLE tg_api_keys (
    id             TEXT    PRIMARY KEY,
    tenant_id      TEXT    NOT NULL,
    user_id        TEXT    NOT NULL,
    name           TEXT,
    digest         TEXT    NOT NULL,
    display_prefix TEXT    NOT NULL,
    sealed_secret  TEXT,
    is_primary     INTEGER NOT NULL,
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER,
    revoked_at     INTEGER
);
CREATE UNIQUE INDEX tg_api_keys_digest_uq ON tg_api_keys (digest);
CREATE INDEX tg_api_keys_user_idx ON tg_api_keys (tenant_id, user_id, created_at);

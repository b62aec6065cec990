-- Tollgate schema 2: API keys, kept as digests (and, with a master key, sealed).

CREATE TABLE tg_api_keys (
    id             uuid        PRIMARY KEY,
    tenant_id      text        NOT NULL,
    user_id        uuid        NOT NULL,
    name           text,
    digest         text        NOT NULL,
    display_prefix text        NOT NULL,
    sealed_secret  text,
    is_primary     integer     NOT NULL,
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz,
    revoked_at     timestamptz
);
CREATE UNIQUE INDEX tg_api_keys_digest_uq ON tg_api_keys (digest);
CREATE INDEX tg_api_keys_user_idx ON tg_api_keys (tenant_id, user_id, created_at);

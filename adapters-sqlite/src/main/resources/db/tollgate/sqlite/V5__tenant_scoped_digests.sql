-- Tollgate schema 5: every lookup by digest is within a tenant. Servers of different tenants
-- may share one database, so the digest indexes lead with the tenant (a digest is unique per
-- tenant, not across them), spent refresh digests carry their tenant, and the purge of old
-- usage events, which runs per tenant, has an index of its own. SQLite cannot change a primary
-- key in place, so the spent digests move to a new table.

DROP INDEX tg_sessions_access_digest_uq;
DROP INDEX tg_sessions_refresh_digest_uq;
CREATE UNIQUE INDEX tg_sessions_access_digest_uq ON tg_sessions (tenant_id, access_digest);
CREATE UNIQUE INDEX tg_sessions_refresh_digest_uq ON tg_sessions (tenant_id, refresh_digest);

CREATE TABLE tg_spent_refresh_digests_v5 (
    tenant_id  TEXT    NOT NULL,
    digest     TEXT    NOT NULL,
    session_id TEXT    NOT NULL,
    spent_at   INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, digest)
);
-- a spent digest whose session is gone can match nothing any more: it is not carried over
INSERT INTO tg_spent_refresh_digests_v5 (tenant_id, digest, session_id, spent_at)
    SELECT s.tenant_id, spent.digest, spent.session_id, spent.spent_at
    FROM tg_spent_refresh_digests spent JOIN tg_sessions s ON s.id = spent.session_id;
DROP TABLE tg_spent_refresh_digests;
ALTER TABLE tg_spent_refresh_digests_v5 RENAME TO tg_spent_refresh_digests;
CREATE INDEX tg_spent_refresh_digests_session_idx ON tg_spent_refresh_digests (session_id);

DROP INDEX tg_api_keys_digest_uq;
CREATE UNIQUE INDEX tg_api_keys_digest_uq ON tg_api_keys (tenant_id, digest);

DROP INDEX tg_usage_events_at_idx;
CREATE INDEX tg_usage_events_at_idx ON tg_usage_events (tenant_id, occurred_at);

-- Tollgate schema 5: every lookup by digest is within a tenant. Servers of different tenants
-- may share one database, so the digest indexes lead with the tenant (a digest is unique per
-- tenant, not across them), spent refresh digests carry their tenant, and the purge of old
-- usage events, which runs per tenant, has an index of its own.

DROP INDEX tg_sessions_access_digest_uq;
DROP INDEX tg_sessions_refresh_digest_uq;
CREATE UNIQUE INDEX tg_sessions_access_digest_uq ON tg_sessions (tenant_id, access_digest);
CREATE UNIQUE INDEX tg_sessions_refresh_digest_uq ON tg_sessions (tenant_id, refresh_digest);

ALTER TABLE tg_spent_refresh_digests ADD COLUMN tenant_id text;
UPDATE tg_spent_refresh_digests spent SET tenant_id = s.tenant_id FROM tg_sessions s WHERE s.id = spent.session_id;
-- a spent digest whose session is gone can match nothing any more
DELETE FROM tg_spent_refresh_digests WHERE tenant_id IS NULL;
ALTER TABLE tg_spent_refresh_digests ALTER COLUMN tenant_id SET NOT NULL;
ALTER TABLE tg_spent_refresh_digests DROP CONSTRAINT tg_spent_refresh_digests_pkey;
ALTER TABLE tg_spent_refresh_digests ADD PRIMARY KEY (tenant_id, digest);

DROP INDEX tg_api_keys_digest_uq;
CREATE UNIQUE INDEX tg_api_keys_digest_uq ON tg_api_keys (tenant_id, digest);

DROP INDEX tg_usage_events_at_idx;
CREATE INDEX tg_usage_events_at_idx ON tg_usage_events (tenant_id, occurred_at);

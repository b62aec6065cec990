-- Tollgate schema 9: indexes for staff's user lists, statistics and audit search, so that a page
-- costs the same however deep it is (keyset pagination) and figures are index-range aggregates.
-- Text compares byte by byte (BINARY), as PostgreSQL's "C" collation does; prefixes are
-- searched as ranges (>= 'abc' AND < 'abd'), which these indexes serve, and never with LIKE.

-- list orders, each with the id as tie-breaker; the unique (tenant_id, email) index serves
-- the email prefix
DROP INDEX tg_users_tenant_created_idx;
CREATE INDEX tg_users_tenant_created_idx ON tg_users (tenant_id, created_at, id);
CREATE INDEX tg_users_tenant_username_idx ON tg_users (tenant_id, username_canonical, id);
CREATE INDEX tg_users_tenant_last_login_idx ON tg_users (tenant_id, last_login_at, id);
CREATE INDEX tg_users_tenant_name_idx ON tg_users (tenant_id, lower(name));

-- audit search: newest first within the tenant, or within one actor's or one type's events
-- (the subject's index is (tenant_id, subject_id, id) since schema 1)
CREATE INDEX tg_audit_events_tenant_idx ON tg_audit_events (tenant_id, id);
CREATE INDEX tg_audit_events_actor_idx ON tg_audit_events (tenant_id, actor_id, id);
CREATE INDEX tg_audit_events_type_idx ON tg_audit_events (tenant_id, type, id);

-- usage figures of a tenant's days
CREATE INDEX tg_usage_daily_tenant_day_idx ON tg_usage_daily (tenant_id, day);

-- Tollgate schema 10: a usage event keeps the request id and tags the service gave with the call
-- (both NULL when it gave none; the tags as a JSON object of strings, names in code point
-- order), and a user's events page newest first by (occurred_at, id), the id breaking ties, so
-- the index now ends with the id: a page is one backward index range however deep it is.

ALTER TABLE tg_usage_events ADD COLUMN request_id text;
ALTER TABLE tg_usage_events ADD COLUMN tags text;

DROP INDEX tg_usage_events_user_idx;
CREATE INDEX tg_usage_events_user_idx ON tg_usage_events (tenant_id, user_id, occurred_at, id);

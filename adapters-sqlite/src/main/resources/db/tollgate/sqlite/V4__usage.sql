-- Tollgate schema 4: the usage log. Each verify-and-consume call as an event (purged after a
-- while), and per user, day, key and meter a running aggregate (kept). Days are ISO text
-- (yyyy-MM-dd), which sorts in day order; text compares as bytes, so meters order by code point.

CREATE TABLE tg_usage_events (
    id          INTEGER PRIMARY KEY,
    tenant_id   TEXT    NOT NULL,
    user_id     TEXT    NOT NULL,
    key_id      TEXT    NOT NULL,
    meter       TEXT    NOT NULL,
    cost        INTEGER NOT NULL CHECK (cost >= 1),
    outcome     TEXT    NOT NULL,
    occurred_at INTEGER NOT NULL
);
CREATE INDEX tg_usage_events_user_idx ON tg_usage_events (tenant_id, user_id, occurred_at);
CREATE INDEX tg_usage_events_at_idx ON tg_usage_events (occurred_at);

CREATE TABLE tg_usage_daily (
    tenant_id TEXT    NOT NULL,
    user_id   TEXT    NOT NULL,
    day       TEXT    NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    key_id    TEXT    NOT NULL,
    meter     TEXT    NOT NULL,
    calls     INTEGER NOT NULL CHECK (calls >= 0),
    granted   INTEGER NOT NULL CHECK (granted >= 0 AND granted <= calls),
    units     INTEGER NOT NULL CHECK (units >= 0),
    PRIMARY KEY (tenant_id, user_id, day, key_id, meter)
);

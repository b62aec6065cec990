-- Tollgate schema 4: the usage log. Each verify-and-consume call as an event (purged after a
-- while), and per user, day, key and meter a running aggregate (kept). Days are ISO text
-- (yyyy-MM-dd) and meters compare in the "C" collation, so both order by code point, as on SQLite.

CREATE TABLE tg_usage_events (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   text        NOT NULL,
    user_id     uuid        NOT NULL,
    key_id      uuid        NOT NULL,
    meter       text        NOT NULL,
    cost        bigint      NOT NULL CHECK (cost >= 1),
    outcome     text        NOT NULL,
    occurred_at timestamptz NOT NULL
);
CREATE INDEX tg_usage_events_user_idx ON tg_usage_events (tenant_id, user_id, occurred_at);
CREATE INDEX tg_usage_events_at_idx ON tg_usage_events (occurred_at);

CREATE TABLE tg_usage_daily (
    tenant_id text   NOT NULL,
    user_id   uuid   NOT NULL,
    day       text   COLLATE "C" NOT NULL CHECK (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    key_id    uuid   NOT NULL,
    meter     text   COLLATE "C" NOT NULL,
    calls     bigint NOT NULL CHECK (calls >= 0),
    granted   bigint NOT NULL CHECK (granted >= 0 AND granted <= calls),
    units     bigint NOT NULL CHECK (units >= 0),
    PRIMARY KEY (tenant_id, user_id, day, key_id, meter)
);

-- Tollgate schema 3: metered balances (a periodic allowance and a top-up, per user and meter)
-- and the plan each user is on. Overrides and entitlements are form-encoded text.

CREATE TABLE tg_meter_balances (
    tenant_id      TEXT    NOT NULL,
    user_id        TEXT    NOT NULL,
    meter          TEXT    NOT NULL,
    period_start   INTEGER NOT NULL,
    allowance_left INTEGER NOT NULL CHECK (allowance_left >= 0),
    top_up_left    INTEGER NOT NULL CHECK (top_up_left >= 0),
    PRIMARY KEY (tenant_id, user_id, meter)
);

CREATE TABLE tg_subscriptions (
    tenant_id           TEXT    NOT NULL,
    user_id             TEXT    NOT NULL,
    plan                TEXT    NOT NULL,
    allowance_overrides TEXT    NOT NULL,
    rate_limit_override INTEGER,
    extra_entitlements  TEXT    NOT NULL,
    updated_at          INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);

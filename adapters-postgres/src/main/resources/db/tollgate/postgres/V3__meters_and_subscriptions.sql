-- Tollgate schema 3: metered balances (a periodic allowance and a top-up, per user and meter)
-- and the plan each user is on. Overrides and entitlements are form-encoded text.

CREATE TABLE tg_meter_balances (
    tenant_id      text        NOT NULL,
    user_id        uuid        NOT NULL,
    meter          text        NOT NULL,
    period_start   timestamptz NOT NULL,
    allowance_left bigint      NOT NULL CHECK (allowance_left >= 0),
    top_up_left    bigint      NOT NULL CHECK (top_up_left >= 0),
    PRIMARY KEY (tenant_id, user_id, meter)
);

CREATE TABLE tg_subscriptions (
    tenant_id           text        NOT NULL,
    user_id             uuid        NOT NULL,
    plan                text        NOT NULL,
    allowance_overrides text        NOT NULL,
    rate_limit_override integer,
    extra_entitlements  text        NOT NULL,
    updated_at          timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);

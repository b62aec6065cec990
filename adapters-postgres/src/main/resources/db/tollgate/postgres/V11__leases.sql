-- Tollgate schema 11: leases. A process may take a block of a meter's balance (what is left of
-- the allowance first, then top-up) or of a window counter's calls, in one transaction that
-- takes it from the row as a consumption or count would, and spend it in memory; one row per
-- process (holder) and balance or counter records that it holds a lease, so another process
-- that finds too little left waits for the lease to come back before it refuses, and takes it
-- as spent once it has expired (expires_at, milliseconds since the epoch on the database's
-- clock) by more than the grace. generation tells a holder's successive leases apart: a
-- holder returns what is left of its lease only while the row is still its own, unforfeited.

CREATE TABLE tg_meter_leases (
    tenant_id  text   NOT NULL,
    user_id    uuid   NOT NULL,
    meter      text   NOT NULL,
    holder     text   NOT NULL,
    generation bigint NOT NULL,
    amount     bigint NOT NULL CHECK (amount > 0),
    expires_at bigint NOT NULL,
    PRIMARY KEY (tenant_id, user_id, meter, holder, generation)
);
CREATE INDEX tg_meter_leases_expiry_idx ON tg_meter_leases (expires_at);

CREATE TABLE tg_window_leases (
    counter_key text        NOT NULL,
    holder      text        NOT NULL,
    generation  bigint      NOT NULL,
    window_end  timestamptz NOT NULL,
    amount      integer     NOT NULL CHECK (amount > 0),
    expires_at  bigint      NOT NULL,
    PRIMARY KEY (counter_key, holder, generation)
);
CREATE INDEX tg_window_leases_expiry_idx ON tg_window_leases (expires_at);

package dev.tollgate.port.api.metering;

import dev.tollgate.port.RequestContext;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.metering.KeyVerification.MeterState;

/**
 * Which plan a user is on, what is changed for them alone, and credits bought or granted: what
 * a billing system calls after a payment. Every change is audited.
 */
public interface Subscriptions {

    /** Most units one top-up may add. */
    long MAX_TOP_UP = 1_000_000_000_000L;

    /** The user's plan (the default one without a subscription), overrides and meters now. */
    Outcome<SubscriptionView> view(UserRef user);

    /**
     * Puts the user on {@code change}'s plan with its overrides, replacing earlier ones.
     * Balances stay: a period already started keeps what is left of its allowance, and the new
     * allowance applies from the next period. Refusals: {@code VALIDATION_FAILED} (unknown plan,
     * bad meter name, negative allowance, rate limit below 1), {@code USER_NOT_FOUND}.
     */
    Outcome<SubscriptionView> change(UserRef user, PlanChange change, RequestContext context);

    /**
     * Adds {@code amount} (1 to {@link #MAX_TOP_UP}) to the meter's top-up balance, which never
     * resets and is spent after the period's allowance. Refusals: {@code VALIDATION_FAILED},
     * {@code UNKNOWN_METER} (no configured plan names the meter), {@code USER_NOT_FOUND}.
     */
    Outcome<MeterState> topUp(UserRef user, String meter, long amount, RequestContext context);
}

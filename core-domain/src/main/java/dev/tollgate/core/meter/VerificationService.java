package dev.tollgate.core.meter;

import dev.tollgate.core.key.ApiKeyFormat;
import dev.tollgate.core.key.ApiKeyService;
import dev.tollgate.core.throttle.Throttles;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.key.KeyCheck;
import dev.tollgate.port.api.key.KeyVerification;
import dev.tollgate.port.api.key.KeyVerification.MeterState;
import dev.tollgate.port.api.key.KeyVerification.RateLimitState;
import dev.tollgate.port.api.key.VerifyApiKey;
import dev.tollgate.port.settings.ApiKeySettings;
import dev.tollgate.port.settings.Plan;
import dev.tollgate.port.settings.PlanSettings;
import dev.tollgate.port.settings.ThrottleSettings.Action;
import dev.tollgate.port.spi.key.ApiKeyRecord;
import dev.tollgate.port.spi.key.ApiKeyStore;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.meter.Consumption;
import dev.tollgate.port.spi.meter.MeterBalance;
import dev.tollgate.port.spi.meter.MeterLedger;
import dev.tollgate.port.spi.plan.Subscription;
import dev.tollgate.port.spi.plan.SubscriptionStore;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.port.spi.user.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verify-and-consume: the key's format and checksum (no lookup for a mistyped key), the key's
 * state, its owner's state, the plan's entitlements, the key's rate limit (a store-backed
 * window counter, exact across processes) and, last, one atomic take from the meter. Every
 * lookup goes to the store, so a revoked key stops working with the next call everywhere.
 */
public final class VerificationService implements VerifyApiKey {

    private static final Pattern METER_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    /** A meter the plan does not name has no allowance: only top-ups can pay for it. */
    private static final Plan.Allowance NO_ALLOWANCE = new Plan.Allowance(0, Plan.Period.DAILY);

    private final ApiKeyStore keys;
    private final ApiKeyService keyService;
    private final ApiKeyFormat format;
    private final UserStore users;
    private final SubscriptionStore subscriptions;
    private final MeterLedger ledger;
    private final WindowCounters counters;
    private final PlanSettings plans;
    private final ApiKeySettings keySettings;
    private final Periods periods;
    private final Clock clock;
    private final Throttles throttles;

    public VerificationService(ApiKeyStore keys, ApiKeyService keyService, ApiKeyFormat format, UserStore users,
            SubscriptionStore subscriptions, MeterLedger ledger, WindowCounters counters, PlanSettings plans,
            ApiKeySettings keySettings, Clock clock, Throttles throttles) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.keyService = Objects.requireNonNull(keyService, "keyService");
        this.format = Objects.requireNonNull(format, "format");
        this.users = Objects.requireNonNull(users, "users");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.plans = Objects.requireNonNull(plans, "plans");
        this.keySettings = Objects.requireNonNull(keySettings, "keySettings");
        this.periods = new Periods(plans.zone());
        this.clock = Objects.requireNonNull(clock, "clock");
        this.throttles = Objects.requireNonNull(throttles, "throttles");
    }

    @Override
    public KeyVerification verify(KeyCheck check) {
        Objects.requireNonNull(check, "check");
        if (check.cost() < 1 || check.cost() > KeyCheck.MAX_COST || !METER_NAME.matcher(check.meter()).matches()) {
            return KeyVerification.refused(ErrorCode.VALIDATION_FAILED);
        }
        Optional<Problem> exhausted = throttles.exhausted(Action.KEY_VERIFICATION, check.context());
        if (exhausted.isPresent()) {
            return throttled((Problem.RateLimited) exhausted.get());
        }
        if (!format.wellFormed(check.key())) {
            return failed(check, KeyVerification.refused(ErrorCode.KEY_NOT_FOUND));
        }
        Instant now = clock.instant();
        Optional<ApiKeyRecord> found = keys.findByDigest(keyService.digest(check.key()));
        if (found.isEmpty()) {
            return failed(check, KeyVerification.refused(ErrorCode.KEY_NOT_FOUND));
        }
        ApiKeyRecord key = found.get();
        if (key.revoked()) {
            return failed(check, refusedFor(ErrorCode.KEY_REVOKED, key));
        }
        if (key.expiredAt(now)) {
            return failed(check, refusedFor(ErrorCode.KEY_EXPIRED, key));
        }
        Optional<UserRecord> owner = users.findById(key.user());
        if (owner.isEmpty() || !owner.get().status().canAuthenticate()) {
            return refusedFor(ErrorCode.USER_INACTIVE, key);
        }
        if (keySettings.requireVerifiedEmail() && !owner.get().emailVerified()) {
            return refusedFor(ErrorCode.EMAIL_UNVERIFIED, key);
        }
        Entitled entitled = entitled(key.user());
        if (check.entitlement() != null && !entitled.entitlements().contains(check.entitlement())) {
            return answer(ErrorCode.ENTITLEMENT_MISSING, key, entitled, null, null, now);
        }
        Plan.RateLimit limit = entitled.rateLimit();
        Acquisition acquired = counters.tryAcquire("key-rate:" + key.id(), limit.requests(), limit.window(), now);
        RateLimitState rate = new RateLimitState(limit.requests(), Math.max(0, limit.requests() - acquired.count()),
                acquired.resetsAt());
        if (!acquired.granted()) {
            return answer(ErrorCode.RATE_LIMITED, key, entitled, rate, null, now);
        }
        Plan.Allowance allowance = entitled.allowance(check.meter());
        Consumption taken = ledger.consume(key.user(), check.meter(), check.cost(),
                periods.start(allowance.period(), now), allowance.amount());
        MeterUpdate update = new MeterUpdate(check.meter(), taken.balance());
        return answer(taken.granted() ? null : ErrorCode.INSUFFICIENT_CREDITS, key, entitled, rate, update, now);
    }

    /** A key that is no good: counted against the client's address, which only failures use up. */
    private KeyVerification failed(KeyCheck check, KeyVerification refusal) {
        throttles.failed(Action.KEY_VERIFICATION, check.context());
        return refusal;
    }

    /** The client's address used up its failed verifications: refused before any lookup. */
    private static KeyVerification throttled(Problem.RateLimited limited) {
        return new KeyVerification(ErrorCode.RATE_LIMITED, null, null, null, null, Set.of(), Map.of(),
                new RateLimitState(limited.limit().orElse(0), 0, limited.retryAt()));
    }

    private KeyVerification refusedFor(ErrorCode reason, ApiKeyRecord key) {
        return new KeyVerification(reason, key.user(), key.id(), null, null, Set.of(), Map.of(), null);
    }

    private KeyVerification answer(ErrorCode reason, ApiKeyRecord key, Entitled entitled, RateLimitState rate,
            MeterUpdate update, Instant now) {
        Map<String, MeterState> meters = new LinkedHashMap<>();
        entitled.plan().meters().keySet().stream().sorted().forEach(meter -> meters.put(meter, null));
        if (update != null) {
            meters.put(update.meter(), null);
        }
        for (String meter : meters.keySet()) {
            Plan.Allowance allowance = entitled.allowance(meter);
            Instant start = periods.start(allowance.period(), now);
            MeterBalance balance = update != null && update.meter().equals(meter) ? update.balance()
                    : ledger.balance(key.user(), meter, start, allowance.amount());
            meters.put(meter, new MeterState(allowance.amount(), balance.allowanceLeft(), balance.topUpLeft(),
                    periods.next(allowance.period(), now)));
        }
        return new KeyVerification(reason, key.user(), key.id(), entitled.plan().name(), entitled.plan().level(),
                entitled.entitlements(), meters, rate);
    }

    private Entitled entitled(UserRef user) {
        Optional<Subscription> subscription = subscriptions.find(user);
        Plan plan = subscription.map(s -> plans.plans().get(s.plan())).orElse(null);
        if (plan == null) {
            plan = plans.plans().get(plans.defaultPlan());
        }
        Set<String> entitlements = new HashSet<>(plan.entitlements());
        subscription.ifPresent(s -> entitlements.addAll(s.extraEntitlements()));
        return new Entitled(plan, Set.copyOf(entitlements), subscription.map(Subscription::allowanceOverrides)
                .orElse(Map.of()), subscription.map(Subscription::rateLimitOverride).orElse(null));
    }

    /** What a user's plan and overrides give. */
    private record Entitled(Plan plan, Set<String> entitlements, Map<String, Long> allowanceOverrides,
            Integer rateLimitOverride) {

        Plan.Allowance allowance(String meter) {
            Plan.Allowance planned = plan.meters().getOrDefault(meter, NO_ALLOWANCE);
            Long override = allowanceOverrides.get(meter);
            return override == null ? planned : new Plan.Allowance(override, planned.period());
        }

        Plan.RateLimit rateLimit() {
            return rateLimitOverride == null ? plan.rateLimit()
                    : new Plan.RateLimit(rateLimitOverride, plan.rateLimit().window());
        }
    }

    private record MeterUpdate(String meter, MeterBalance balance) {
    }
}

package dev.tollgate.core.metering;

import dev.tollgate.core.address.IpRange;
import dev.tollgate.core.key.ApiKeyFormat;
import dev.tollgate.core.key.ApiKeyService;
import dev.tollgate.core.limit.KeyRateLimit;
import dev.tollgate.core.limit.Throttles;
import dev.tollgate.core.user.TenantGate;
import dev.tollgate.port.UsageContext;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.metering.KeyCheck;
import dev.tollgate.port.api.metering.KeyVerification.Denied;
import dev.tollgate.port.api.metering.KeyVerification.Granted;
import dev.tollgate.port.api.metering.KeyVerification.KeyOwner;
import dev.tollgate.port.api.metering.KeyVerification.PlanState;
import dev.tollgate.port.api.metering.KeyVerification.RateLimitState;
import dev.tollgate.port.api.metering.VerifyApiKey;
import dev.tollgate.port.api.network.NetworkAccess;
import dev.tollgate.port.settings.ApiKeySettings;
import dev.tollgate.port.settings.Plan;
import dev.tollgate.port.settings.ThrottleSettings.Action;
import dev.tollgate.port.spi.key.ApiKeyRecord;
import dev.tollgate.port.spi.key.ApiKeyStore;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.metering.Consumption;
import dev.tollgate.port.spi.metering.CountedConsumption;
import dev.tollgate.port.spi.metering.MeterBalance;
import dev.tollgate.port.spi.metering.MeterLedger;
import dev.tollgate.port.spi.metering.MeterName;
import dev.tollgate.port.spi.metering.PeriodAllowance;
import dev.tollgate.port.spi.metering.UsageEvent;
import dev.tollgate.port.spi.metering.UsageSink;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.port.spi.user.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Verify-and-consume: the key's format and checksum (no lookup for a mistyped key), the key's
 * state, its owner's state, the plan's entitlements, the key's rate limit ({@link KeyRateLimit}:
 * a store-backed window counter, exact across processes) and, last, one atomic take from the
 * meter of the allowance in force ({@link AllowancePolicy}); the count and the take go to the
 * ledger together ({@link MeterLedger#consumeCounted}), which the SQL stores decide in one
 * transaction. The call of a known key goes to the {@link UsageSink}, which writes it off this
 * thread. The lookups go to the store ports; the builder may cache them there
 * ({@code CachingStores}), dropping what a change anywhere made stale within a second, so a
 * revoked key stops working with this process's next call and every other process's within a
 * second.
 */
public final class VerificationService implements VerifyApiKey {

    private final ApiKeyStore keys;
    private final ApiKeyService keyService;
    private final ApiKeyFormat format;
    private final UserStore users;
    private final MeterLedger ledger;
    private final PlanBook planBook;
    private final UsageSink usage;
    private final WindowCounters counters;
    private final ApiKeySettings keySettings;
    private final Clock clock;
    private final Throttles throttles;
    private final TenantGate tenants;
    private final NetworkAccess network;

    /**
     * @param tenants a disabled tenant's keys are denied as {@code TENANT_DISABLED}
     * @param network the IP rules, which judge the client address the check names ({@code IP_BLOCKED})
     */
    public VerificationService(ApiKeyStore keys, ApiKeyService keyService, ApiKeyFormat format, UserStore users,
            PlanBook planBook, MeterLedger ledger, WindowCounters counters, ApiKeySettings keySettings, Clock clock,
            Throttles throttles, UsageSink usage, TenantGate tenants, NetworkAccess network) {
        this.network = Objects.requireNonNull(network, "network");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.keyService = Objects.requireNonNull(keyService, "keyService");
        this.format = Objects.requireNonNull(format, "format");
        this.users = Objects.requireNonNull(users, "users");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.planBook = Objects.requireNonNull(planBook, "planBook");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.keySettings = Objects.requireNonNull(keySettings, "keySettings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.throttles = Objects.requireNonNull(throttles, "throttles");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
    }

    @Override
    public Outcome<Granted> verify(KeyCheck check) {
        Objects.requireNonNull(check, "check");
        if (check.cost() < 0 || check.cost() > KeyCheck.MAX_COST) {
            return Outcome.refused(Problem.InvalidInput.of("cost", "must be 0 to " + KeyCheck.MAX_COST));
        }
        if (!Plan.isMeterName(check.meter())) {
            return Outcome.refused(Problem.InvalidInput.of("meter", PlanBook.METER_NAME_RULE));
        }
        if (!planBook.knows(check.meter())) {
            return Outcome.refused(new Problem.UnknownMeter(check.meter()));
        }
        Optional<UsageContext.Violation> badContext = UsageContext.violation(check.requestId(), check.tags());
        if (badContext.isPresent()) {
            return Outcome.refused(Problem.InvalidInput.of(badContext.get().field(), badContext.get().message()));
        }
        Optional<Problem.RateLimited> exhausted = throttles.exhausted(Action.KEY_VERIFICATION, check.tenant(), check.context());
        if (exhausted.isPresent()) {
            return throttled(exhausted.get());
        }
        Optional<Problem> blocked = network.judge(check.tenant(), check.context().ip());
        if (blocked.isPresent()) {
            // judged in memory before any lookup: a denied address learns nothing of the key
            return Denied.unknownKey(blocked.get());
        }
        if (!format.wellFormed(check.key())) {
            return failed(check, Denied.unknownKey(new Problem.ApiKeyNotFound()));
        }
        Instant now = clock.instant();
        Optional<ApiKeyRecord> found = keys.findByDigest(check.tenant(), keyService.digest(check.key()));
        if (found.isEmpty()) {
            return failed(check, Denied.unknownKey(new Problem.ApiKeyNotFound()));
        }
        ApiKeyRecord key = found.get();
        KeyOwner holder = new KeyOwner(key.user(), key.id());
        Optional<Problem> disabled = tenants.refusalToUse(key.user().tenant());
        if (disabled.isPresent()) {
            // the tenant is switched off: its keys are good but used for nothing, and nothing is recorded
            return Denied.knownKey(disabled.get(), holder);
        }
        if (key.revoked()) {
            return failed(check, recorded(check, holder, Denied.knownKey(new Problem.ApiKeyRevoked(), holder), now));
        }
        if (key.expiredAt(now)) {
            return failed(check, recorded(check, holder, Denied.knownKey(new Problem.ApiKeyExpired(), holder), now));
        }
        if (!key.allowedIps().isEmpty() && !IpRange.anyContains(key.allowedIps(), check.context().ip())) {
            return failed(check, recorded(check, holder, Denied.knownKey(new Problem.KeyIpNotAllowed(), holder), now));
        }
        Optional<UserRecord> owner = users.findById(key.user());
        if (owner.isEmpty()) {
            // the account is being deleted: nothing is recorded for it any more
            return Denied.knownKey(new Problem.UserInactive(), holder);
        }
        return recorded(check, holder, decide(check, holder, owner.get(), now), now);
    }

    /** What the owner's state, plan, rate limit and balance say of a good key. */
    private Outcome<Granted> decide(KeyCheck check, KeyOwner holder, UserRecord owner, Instant now) {
        if (!owner.status().canAuthenticate()) {
            return Denied.knownKey(new Problem.UserInactive(), holder);
        }
        if (keySettings.requireVerifiedEmail() && !owner.emailVerified()) {
            return Denied.knownKey(new Problem.EmailUnverified(), holder);
        }
        PlanBook.Entitled entitled = planBook.entitled(holder.user());
        if (check.entitlement() != null && !entitled.entitlements().contains(check.entitlement())) {
            return new Denied(new Problem.EntitlementMissing(check.entitlement()), Optional.of(holder),
                    Optional.of(planState(holder, entitled, null, null, now)), Optional.empty());
        }
        KeyRateLimit limit = KeyRateLimit.of(holder.user(), holder.key(), entitled.plan().rateLimit(),
                entitled.rateLimitOverride());
        MeterName meter = MeterName.of(check.meter());
        PeriodAllowance allowance = planBook.inForce(entitled, check.meter(), now);
        if (check.cost() == 0) {
            // a key check: the verdict and the balances, nothing taken
            Acquisition acquired = counters.tryAcquire(limit.counter(), limit.limit(), now);
            if (!acquired.isGranted()) {
                return rateLimited(holder, entitled, limit, acquired, now);
            }
            return Outcome.done(Granted.of(holder, planState(holder, entitled, check.meter(),
                    ledger.balance(holder.user(), meter, allowance), now), rateState(limit, acquired)));
        }
        // the count and the take in one step (one transaction where the ledger keeps the counters)
        CountedConsumption counted = ledger.consumeCounted(counters, limit.counter(), limit.limit(), now,
                holder.user(), meter, check.cost(), allowance);
        if (counted.consumption().isEmpty()) {
            return rateLimited(holder, entitled, limit, counted.acquisition(), now);
        }
        Consumption taken = counted.consumption().get();
        RateLimitState rate = rateState(limit, counted.acquisition());
        PlanState after = planState(holder, entitled, check.meter(), taken.balance(), now);
        return taken.isTaken() ? Outcome.done(Granted.of(holder, after, rate))
                : new Denied(new Problem.InsufficientCredits(check.meter()), Optional.of(holder), Optional.of(after),
                        Optional.of(rate));
    }

    private static RateLimitState rateState(KeyRateLimit limit, Acquisition acquired) {
        return new RateLimitState(limit.limit().limit(), limit.remaining(acquired), acquired.resetsAt());
    }

    /** The key's rate limit refused the call: nothing was taken. */
    private Denied rateLimited(KeyOwner holder, PlanBook.Entitled entitled, KeyRateLimit limit, Acquisition refused,
            Instant now) {
        return new Denied(new Problem.RateLimited(refused.resetsAt(), limit.limit().limit()), Optional.of(holder),
                Optional.of(planState(holder, entitled, null, null, now)), Optional.of(rateState(limit, refused)));
    }

    /**
     * Hands the call of a known key, with the request id and tags the service gave (checked on
     * entry), to the usage sink, which writes it off this thread; a key check is not usage.
     */
    private Outcome<Granted> recorded(KeyCheck check, KeyOwner holder, Outcome<Granted> answer, Instant now) {
        if (check.cost() == 0) {
            return answer; // a key check uses nothing, so it is no usage
        }
        usage.record(new UsageEvent(holder.user(), holder.key(), check.meter(), check.cost(),
                answer.isDone() ? UsageEvent.GRANTED : answer.problem().code().name(), now,
                UsageContext.of(check.requestId(), check.tags())));
        return answer;
    }

    /** A key that is no good: counted against the client's address, which only failures use up. */
    private Outcome<Granted> failed(KeyCheck check, Outcome<Granted> refusal) {
        throttles.failed(Action.KEY_VERIFICATION, check.tenant(), check.context());
        return refusal;
    }

    /** The client's address used up its failed verifications: refused before any lookup. */
    private static Denied throttled(Problem.RateLimited limited) {
        return Denied.throttled(limited, new RateLimitState(limited.limit().orElse(0), 0, limited.retryAt()));
    }

    private PlanState planState(KeyOwner holder, PlanBook.Entitled entitled, String consumedMeter,
            MeterBalance consumed, Instant now) {
        return new PlanState(entitled.plan().name(), entitled.level(), entitled.entitlements(),
                planBook.meters(holder.user(), entitled, consumedMeter, consumed, now));
    }
}

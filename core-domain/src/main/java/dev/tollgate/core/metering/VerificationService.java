package dev.tollgate.core.metering;

import dev.tollgate.core.key.ApiKeyFormat;
import dev.tollgate.core.key.ApiKeyService;
import dev.tollgate.core.limit.KeyRateLimit;
import dev.tollgate.core.limit.Throttles;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.metering.KeyCheck;
import dev.tollgate.port.api.metering.KeyVerification.RateLimitState;
import dev.tollgate.port.api.metering.KeyVerification;
import dev.tollgate.port.api.metering.VerifyApiKey;
import dev.tollgate.port.settings.ApiKeySettings;
import dev.tollgate.port.settings.Plan;
import dev.tollgate.port.settings.ThrottleSettings.Action;
import dev.tollgate.port.spi.key.ApiKeyRecord;
import dev.tollgate.port.spi.key.ApiKeyStore;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.metering.Consumption;
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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verify-and-consume: the key's format and checksum (no lookup for a mistyped key), the key's
 * state, its owner's state, the plan's entitlements, the key's rate limit ({@link KeyRateLimit}:
 * a store-backed window counter, exact across processes) and, last, one atomic take from the
 * meter of the allowance in force ({@link AllowancePolicy}). The call of a known key goes to the
 * {@link UsageSink}, which writes it off this thread. Every
 * lookup goes to the store, so a revoked key stops working with the next call everywhere.
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

    public VerificationService(ApiKeyStore keys, ApiKeyService keyService, ApiKeyFormat format, UserStore users,
            PlanBook planBook, MeterLedger ledger, WindowCounters counters, ApiKeySettings keySettings, Clock clock,
            Throttles throttles, UsageSink usage) {
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
    }

    @Override
    public KeyVerification verify(KeyCheck check) {
        Objects.requireNonNull(check, "check");
        if (check.cost() < 0 || check.cost() > KeyCheck.MAX_COST || !Plan.isMeterName(check.meter())) {
            return KeyVerification.refused(ErrorCode.VALIDATION_FAILED);
        }
        if (!planBook.knows(check.meter())) {
            return KeyVerification.refused(ErrorCode.UNKNOWN_METER);
        }
        Optional<Problem.RateLimited> exhausted = throttles.exhausted(Action.KEY_VERIFICATION, check.tenant(), check.context());
        if (exhausted.isPresent()) {
            return throttled(exhausted.get());
        }
        if (!format.wellFormed(check.key())) {
            return failed(check, KeyVerification.refused(ErrorCode.KEY_NOT_FOUND));
        }
        Instant now = clock.instant();
        Optional<ApiKeyRecord> found = keys.findByDigest(check.tenant(), keyService.digest(check.key()));
        if (found.isEmpty()) {
            return failed(check, KeyVerification.refused(ErrorCode.KEY_NOT_FOUND));
        }
        ApiKeyRecord key = found.get();
        if (key.revoked()) {
            return failed(check, recorded(check, refusedFor(ErrorCode.KEY_REVOKED, key), now));
        }
        if (key.expiredAt(now)) {
            return failed(check, recorded(check, refusedFor(ErrorCode.KEY_EXPIRED, key), now));
        }
        Optional<UserRecord> owner = users.findById(key.user());
        if (owner.isEmpty()) {
            // the account is being deleted: nothing is recorded for it any more
            return refusedFor(ErrorCode.USER_INACTIVE, key);
        }
        return recorded(check, decide(check, key, owner.get(), now), now);
    }

    /** What the owner's state, plan, rate limit and balance say of a good key. */
    private KeyVerification decide(KeyCheck check, ApiKeyRecord key, UserRecord owner, Instant now) {
        if (!owner.status().canAuthenticate()) {
            return refusedFor(ErrorCode.USER_INACTIVE, key);
        }
        if (keySettings.requireVerifiedEmail() && !owner.emailVerified()) {
            return refusedFor(ErrorCode.EMAIL_UNVERIFIED, key);
        }
        PlanBook.Entitled entitled = planBook.entitled(key.user());
        if (check.entitlement() != null && !entitled.entitlements().contains(check.entitlement())) {
            return answer(ErrorCode.ENTITLEMENT_MISSING, key, entitled, null, null, null, now);
        }
        KeyRateLimit limit = KeyRateLimit.of(key.user(), key.id(), entitled.plan().rateLimit(),
                entitled.rateLimitOverride());
        Acquisition acquired = counters.tryAcquire(limit.counter(), limit.limit(), now);
        RateLimitState rate = new RateLimitState(limit.limit().limit(), limit.remaining(acquired), acquired.resetsAt());
        if (!acquired.isGranted()) {
            return answer(ErrorCode.RATE_LIMITED, key, entitled, rate, null, null, now);
        }
        MeterName meter = MeterName.of(check.meter());
        PeriodAllowance allowance = planBook.inForce(entitled, check.meter(), now);
        if (check.cost() == 0) {
            // a key check: the verdict and the balances, nothing taken
            return answer(null, key, entitled, rate, check.meter(), ledger.balance(key.user(), meter, allowance), now);
        }
        Consumption taken = ledger.consume(key.user(), meter, check.cost(), allowance);
        return answer(taken.isTaken() ? null : ErrorCode.INSUFFICIENT_CREDITS, key, entitled, rate, check.meter(),
                taken.balance(), now);
    }

    /** Hands the call of a known key to the usage sink, which writes it off this thread; a key check is not usage. */
    private KeyVerification recorded(KeyCheck check, KeyVerification answer, Instant now) {
        if (check.cost() == 0) {
            return answer; // a key check uses nothing, so it is no usage
        }
        usage.record(new UsageEvent(answer.user(), answer.key(), check.meter(), check.cost(),
                answer.valid() ? UsageEvent.GRANTED : answer.refusal().name(), now));
        return answer;
    }

    /** A key that is no good: counted against the client's address, which only failures use up. */
    private KeyVerification failed(KeyCheck check, KeyVerification refusal) {
        throttles.failed(Action.KEY_VERIFICATION, check.tenant(), check.context());
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

    private KeyVerification answer(ErrorCode reason, ApiKeyRecord key, PlanBook.Entitled entitled,
            RateLimitState rate, String consumedMeter, MeterBalance consumed, Instant now) {
        return new KeyVerification(reason, key.user(), key.id(), entitled.plan().name(), entitled.plan().level(),
                entitled.entitlements(), planBook.meters(key.user(), entitled, consumedMeter, consumed, now), rate);
    }
}

package dev.tollgate.port.api.metering;

import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.settings.ServiceLevel;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A verdict on an API key: {@link Granted} or {@link Denied}. {@link VerifyApiKey#verify}
 * answers it as an {@code Outcome<KeyVerification.Granted>}, like every use case's answer, so
 * callers branch on it as on any other:
 *
 * <ul>
 *   <li>{@link Outcome.Done} holding a {@link Granted}: the key may do this and the cost was taken;
 *       it carries the owner, the key, the plan and every meter's balance after the take;</li>
 *   <li>a {@link Denied}, the verdict that the key may not do this: an {@link Outcome.Refused}
 *       whose problem says why ({@code KEY_NOT_FOUND}, {@code KEY_REVOKED}, ...,
 *       {@code INSUFFICIENT_CREDITS}) and which also carries what was known of the key when the
 *       check stopped;</li>
 *   <li>a plain {@link Outcome.Refusal}: no verdict, a check that could not be judged at all
 *       ({@code VALIDATION_FAILED}, {@code UNKNOWN_METER}), as any use case refuses bad input.</li>
 * </ul>
 *
 * A refusal of either kind took nothing from any meter.
 *
 * <pre>{@code
 * Outcome<KeyVerification.Granted> answer = verification.verify(check);
 * if (answer instanceof KeyVerification.Denied denied) {
 *     // denied.problem().code(), denied.rateLimit() ...
 * }
 * }</pre>
 */
public sealed interface KeyVerification permits KeyVerification.Granted, KeyVerification.Denied {

    /**
     * A verified key: every component is known.
     *
     * @param meters    each meter of the plan (and the one checked) with its balance after this check
     * @param rateLimit the key's rate-limit state, this call counted
     */
    record Granted(UserRef user, ApiKeyId key, String plan, ServiceLevel level, Set<String> entitlements,
            Map<String, MeterState> meters, RateLimitState rateLimit) implements KeyVerification {

        public Granted {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(level, "level");
            entitlements = Set.copyOf(entitlements);
            meters = Map.copyOf(meters);
            Objects.requireNonNull(rateLimit, "rateLimit");
        }

        public static Granted of(KeyOwner owner, PlanState plan, RateLimitState rateLimit) {
            return new Granted(owner.user(), owner.key(), plan.plan(), plan.level(), plan.entitlements(), plan.meters(),
                    rateLimit);
        }

        /** The key and its owner. */
        public KeyOwner owner() {
            return new KeyOwner(user, key);
        }

        /** The plan and the meters. */
        public PlanState planState() {
            return new PlanState(plan, level, entitlements, meters);
        }
    }

    /**
     * The verdict that the key may not do this, with what the check had learnt when it stopped,
     * in the order it checks: nothing for an unknown key ({@code KEY_NOT_FOUND}); the
     * {@code owner} from a known key on ({@code KEY_REVOKED}, {@code KEY_EXPIRED},
     * {@code USER_INACTIVE}, {@code EMAIL_UNVERIFIED}); the {@code planState} (nothing taken)
     * from {@code ENTITLEMENT_MISSING} on; the {@code rateLimit} from {@code RATE_LIMITED} on
     * ({@code INSUFFICIENT_CREDITS}), and alone when the client's address used up its failed
     * verifications ({@code RATE_LIMITED} before any lookup). A plan is known only for a known key.
     */
    record Denied(Problem problem, Optional<KeyOwner> owner, Optional<PlanState> planState,
            Optional<RateLimitState> rateLimit) implements KeyVerification, Outcome.Refused<Granted> {

        public Denied {
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(planState, "planState");
            Objects.requireNonNull(rateLimit, "rateLimit");
            if (planState.isPresent() && owner.isEmpty()) {
                throw new IllegalArgumentException("a plan is known only for a known key");
            }
        }

        /** Nothing is known of the key: it is not one. */
        public static Denied unknownKey(Problem problem) {
            return new Denied(problem, Optional.empty(), Optional.empty(), Optional.empty());
        }

        /** The key is known, its owner's plan not yet. */
        public static Denied knownKey(Problem problem, KeyOwner owner) {
            return new Denied(problem, Optional.of(owner), Optional.empty(), Optional.empty());
        }

        /** The client's address is blocked: only the window that blocks it is known. */
        public static Denied throttled(Problem.RateLimited problem, RateLimitState rateLimit) {
            return new Denied(problem, Optional.empty(), Optional.empty(), Optional.of(rateLimit));
        }
    }

    /** A known key and the user it belongs to. */
    record KeyOwner(UserRef user, ApiKeyId key) {
        public KeyOwner {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * The owner's plan as it applies to them.
     *
     * @param meters each meter of the plan (and the one checked) with its balance as of the check
     */
    record PlanState(String plan, ServiceLevel level, Set<String> entitlements, Map<String, MeterState> meters) {
        public PlanState {
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(level, "level");
            entitlements = Set.copyOf(entitlements);
            meters = Map.copyOf(meters);
        }
    }

    /** A meter's balance: what the period allows, what is left of it and of the top-ups, and when it resets. */
    record MeterState(long allowance, long allowanceLeft, long topUpLeft, Instant resetsAt) {
        public long remaining() {
            return allowanceLeft + topUpLeft;
        }
    }

    /** The key's requests per window: the limit, what is left and when the window ends. */
    record RateLimitState(int limit, int remaining, Instant resetsAt) {
    }
}

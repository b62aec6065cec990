package dev.tollgate.port.settings;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Throttles on the actions an attacker repeats: at most so many attempts per client address and
 * per account in a window. An attempt beyond either limit is refused with {@code RATE_LIMITED}
 * (and when it may be tried again) before any work is done: no lookup, no password hash, no
 * mail. Every attempt counts, whatever its outcome, except for {@link Action#KEY_VERIFICATION}
 * where only failed verifications count, and an address over the limit is refused every
 * verification until its window ends.
 *
 * <p>The account is what the attempt names (a login name, an email address, a user), counted
 * whether or not such an account exists, so a throttle reveals nothing about accounts. The
 * address is the {@code RequestContext}'s; calls without one are throttled per account only.
 * The counters are the store's window counters (exact across processes) or, when the
 * application chose in-process rate limits, this process's.
 */
public record ThrottleSettings(Map<Action, Rule> rules) {

    /** What is throttled. */
    public enum Action {
        /** Password logins; the account is the login name or address given. */
        LOGIN,
        /** Registrations; the account is the email address given. */
        REGISTRATION,
        /** One-time code entries (email verification, password reset); the account is the user or address. */
        CODE_ENTRY,
        /** Password-reset requests; the account is the email address given. */
        PASSWORD_RESET,
        /** Failed API key verifications per client address (no account: an unknown key names none). */
        KEY_VERIFICATION
    }

    /** At most {@code attempts} per {@code window}. */
    public record Limit(int attempts, Duration window) {
        public Limit {
            Checks.atLeast(attempts, 1, "throttle attempts");
            Checks.positive(window, "throttle window");
        }

        public static Limit of(int attempts, Duration window) {
            return new Limit(attempts, window);
        }
    }

    /**
     * The limits of one action.
     *
     * @param perAddress per client address; null for none
     * @param perAccount per account named; null for none
     */
    public record Rule(Limit perAddress, Limit perAccount) {
        /** No throttle. */
        public static final Rule NONE = new Rule(null, null);
    }

    /**
     * <ul>
     *   <li>login: 30 a minute per address, 10 a minute per account;</li>
     *   <li>registration: 20 an hour per address, 5 an hour per email address;</li>
     *   <li>code entry: 60 per 10 minutes per address, 10 per 10 minutes per account;</li>
     *   <li>password-reset requests: 10 an hour per address, 5 an hour per email address;</li>
     *   <li>failed key verifications: 100 a minute per address.</li>
     * </ul>
     */
    public static final ThrottleSettings DEFAULTS = new ThrottleSettings(Map.of(
            Action.LOGIN, new Rule(Limit.of(30, Duration.ofMinutes(1)), Limit.of(10, Duration.ofMinutes(1))),
            Action.REGISTRATION, new Rule(Limit.of(20, Duration.ofHours(1)), Limit.of(5, Duration.ofHours(1))),
            Action.CODE_ENTRY, new Rule(Limit.of(60, Duration.ofMinutes(10)), Limit.of(10, Duration.ofMinutes(10))),
            Action.PASSWORD_RESET, new Rule(Limit.of(10, Duration.ofHours(1)), Limit.of(5, Duration.ofHours(1))),
            Action.KEY_VERIFICATION, new Rule(Limit.of(100, Duration.ofMinutes(1)), null)));

    /** No throttles at all, e.g. for tests that make many calls from one address. */
    public static final ThrottleSettings NONE = new ThrottleSettings(Map.of());

    public ThrottleSettings {
        Objects.requireNonNull(rules, "rules");
        EnumMap<Action, Rule> copy = new EnumMap<>(Action.class);
        rules.forEach((action, rule) -> copy.put(Objects.requireNonNull(action, "action"),
                Objects.requireNonNull(rule, "rule of " + action)));
        rules = Map.copyOf(copy);
    }

    /** The rule of {@code action}; {@link Rule#NONE} when none is set. */
    public Rule rule(Action action) {
        return rules.getOrDefault(action, Rule.NONE);
    }

    /** These settings with {@code action} throttled by {@code rule}. */
    public ThrottleSettings with(Action action, Rule rule) {
        EnumMap<Action, Rule> changed = new EnumMap<>(Action.class);
        changed.putAll(rules);
        changed.put(action, rule);
        return new ThrottleSettings(changed);
    }
}

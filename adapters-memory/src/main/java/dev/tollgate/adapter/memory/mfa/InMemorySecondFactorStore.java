package dev.tollgate.adapter.memory.mfa;

import dev.tollgate.port.Change;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.mfa.SecondFactorStore;
import dev.tollgate.port.spi.mfa.TotpFactor;
import dev.tollgate.port.spi.user.FailedLogin;
import dev.tollgate.port.spi.user.LockoutRule;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link SecondFactorStore} in memory. One lock guards the factors and the unused recovery
 * codes, so a step is accepted once, a code is spent once and concurrent failures each count.
 * Factors and codes are keyed by the user's ref, tenant included.
 */
public final class InMemorySecondFactorStore implements SecondFactorStore {

    private final Object lock = new Object();
    private final Map<UserRef, TotpFactor> factors = new HashMap<>();
    private final Map<UserRef, Set<String>> unusedCodes = new HashMap<>();

    @Override
    public Change savePending(TotpFactor factor) {
        Objects.requireNonNull(factor, "factor");
        if (factor.confirmed()) {
            throw new IllegalArgumentException("a factor is saved pending; confirm confirms it");
        }
        synchronized (lock) {
            TotpFactor current = factors.get(factor.user());
            if (current != null && current.confirmed()) {
                return Change.noMatch();
            }
            factors.put(factor.user(), factor);
            return Change.applied();
        }
    }

    @Override
    public Optional<TotpFactor> find(UserRef user) {
        Objects.requireNonNull(user, "user");
        synchronized (lock) {
            return Optional.ofNullable(factors.get(user));
        }
    }

    @Override
    public Change confirm(UserRef user, String expectedSealedSecret, long step, List<String> recoveryCodeDigests,
            Instant now) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(expectedSealedSecret, "expectedSealedSecret");
        Set<String> codes = codesOf(recoveryCodeDigests);
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            TotpFactor current = factors.get(user);
            if (current == null || current.confirmed() || !current.sealedSecret().equals(expectedSealedSecret)) {
                return Change.noMatch();
            }
            factors.put(user, new TotpFactor(user, current.sealedSecret(), current.createdAt(), now, step, 0,
                    current.lockedUntil()));
            unusedCodes.put(user, codes);
            return Change.applied();
        }
    }

    @Override
    public Change acceptStep(UserRef user, long step, Instant now) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            TotpFactor current = factors.get(user);
            if (current == null || !current.confirmed() || current.lastStep() >= step || current.lockedAt(now)) {
                return Change.noMatch();
            }
            factors.put(user, new TotpFactor(user, current.sealedSecret(), current.createdAt(), current.confirmedAt(),
                    step, 0, null));
            return Change.applied();
        }
    }

    @Override
    public FailedLogin recordFailure(UserRef user, LockoutRule rule, Instant now) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            TotpFactor current = factors.get(user);
            if (current == null) {
                return FailedLogin.notFound();
            }
            if (current.lockedAt(now)) {
                return FailedLogin.alreadyLocked(current.failures(), current.lockedUntil());
            }
            int failures = current.failures() + 1;
            if (failures >= rule.threshold()) {
                Instant lockUntil = rule.lockUntil(now);
                factors.put(user, withFailures(current, 0, lockUntil));
                return FailedLogin.lockedNow(lockUntil);
            }
            factors.put(user, withFailures(current, failures, current.lockedUntil()));
            return FailedLogin.counted(failures);
        }
    }

    @Override
    public Change useRecoveryCode(UserRef user, String digest, Instant now) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            Set<String> codes = unusedCodes.get(user);
            if (codes == null || !codes.remove(digest)) {
                return Change.noMatch();
            }
            TotpFactor current = factors.get(user);
            if (current != null) {
                factors.put(user, withFailures(current, 0, current.lockedUntil()));
            }
            return Change.applied();
        }
    }

    @Override
    public Change replaceRecoveryCodes(UserRef user, List<String> digests, Instant now) {
        Objects.requireNonNull(user, "user");
        Set<String> codes = codesOf(digests);
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            TotpFactor current = factors.get(user);
            if (current == null || !current.confirmed()) {
                return Change.noMatch();
            }
            unusedCodes.put(user, codes);
            return Change.applied();
        }
    }

    @Override
    public int remainingRecoveryCodes(UserRef user) {
        Objects.requireNonNull(user, "user");
        synchronized (lock) {
            return unusedCodes.getOrDefault(user, Set.of()).size();
        }
    }

    @Override
    public Change delete(UserRef user) {
        Objects.requireNonNull(user, "user");
        synchronized (lock) {
            unusedCodes.remove(user);
            return Change.of(factors.remove(user) != null);
        }
    }

    private static Set<String> codesOf(List<String> digests) {
        Objects.requireNonNull(digests, "digests");
        Set<String> codes = new LinkedHashSet<>();
        for (String digest : digests) {
            codes.add(Objects.requireNonNull(digest, "a recovery code digest"));
        }
        return codes;
    }

    private static TotpFactor withFailures(TotpFactor factor, int failures, Instant lockedUntil) {
        return new TotpFactor(factor.user(), factor.sealedSecret(), factor.createdAt(), factor.confirmedAt(),
                factor.lastStep(), failures, lockedUntil);
    }
}

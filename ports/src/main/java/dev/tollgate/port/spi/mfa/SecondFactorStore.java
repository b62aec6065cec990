package dev.tollgate.port.spi.mfa;

import dev.tollgate.port.Change;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.user.FailedLogin;
import dev.tollgate.port.spi.user.LockoutRule;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Users' second factors: at most one TOTP factor per user, and that user's single-use recovery
 * codes, kept only as digests. Each method is one atomic operation; a factor of one tenant's
 * user is never found or changed through a ref of another tenant.
 */
public interface SecondFactorStore {

    /**
     * Stores {@code factor} (pending) as the user's factor, replacing a pending one, unless the
     * user has a confirmed factor: then it changes nothing and answers {@code NO_MATCH}.
     */
    Change savePending(TotpFactor factor);

    Optional<TotpFactor> find(UserRef user);

    /**
     * Confirms the user's pending factor, only if it is still pending with
     * {@code expectedSealedSecret} (compare-and-set): it becomes confirmed at {@code now} with
     * {@code step} as its last accepted step, and {@code recoveryCodeDigests} replace any recovery
     * codes the user had, in the same atomic step.
     */
    Change confirm(UserRef user, String expectedSealedSecret, long step, List<String> recoveryCodeDigests,
            Instant now);

    /**
     * Accepts a code of {@code step} once: only if the user's factor is confirmed and its last
     * accepted step is below {@code step}, sets it to {@code step} and resets the failure count.
     * Of concurrent calls with one step, exactly one is {@code APPLIED}; a step at or below the
     * last accepted one is {@code NO_MATCH} (a replay).
     */
    Change acceptStep(UserRef user, long step, Instant now);

    /**
     * Counts one wrong code against the user's factor by {@code rule}, with the semantics of
     * {@link dev.tollgate.port.spi.user.UserStore#recordFailedLogin}: {@code ALREADY_LOCKED}
     * while a lock is in force (nothing counted), {@code LOCKED_NOW} for the failure that reaches
     * the threshold (the count resets to 0), else {@code COUNTED}; {@code NOT_FOUND} without a
     * factor. Concurrent failures are each counted once, so exactly one of them locks.
     */
    FailedLogin recordFailure(UserRef user, LockoutRule rule, Instant now);

    /**
     * Uses one recovery code of the user: if {@code digest} is one of theirs, unused, it is
     * spent for good and the failure count of their factor is reset ({@code APPLIED}). Of
     * concurrent uses of one code, exactly one is {@code APPLIED}.
     */
    Change useRecoveryCode(UserRef user, String digest, Instant now);

    /** Replaces every recovery code of the user with {@code digests}, only while they have a confirmed factor. */
    Change replaceRecoveryCodes(UserRef user, List<String> digests, Instant now);

    /** How many unused recovery codes the user has. */
    int remainingRecoveryCodes(UserRef user);

    /** Removes the user's factor and recovery codes: {@code APPLIED} when there was a factor. */
    Change delete(UserRef user);
}

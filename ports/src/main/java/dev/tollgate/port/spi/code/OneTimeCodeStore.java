package dev.tollgate.port.spi.code;

import dev.tollgate.port.UserRef;
import java.time.Instant;
import java.util.Optional;

/** One-time codes, kept as digests, at most one per user and purpose. */
public interface OneTimeCodeStore {

    /** Stores the code, replacing any earlier code of the same user and purpose. */
    void issue(OneTimeCode code);

    Optional<OneTimeCode> find(UserRef user, CodePurpose purpose);

    /**
     * One try, atomically: {@code NOT_FOUND} without a code; {@code EXPIRED} when
     * {@code expiresAt} is not after {@code now}; {@code EXHAUSTED} when every try is used.
     * Otherwise the try is counted and, if {@code presentedDigest} equals the stored digest,
     * the code is deleted and the answer is {@code MATCHED}; if not, {@code MISMATCHED} with
     * the tries left. However many callers race, no more than {@code maxAttempts} tries are
     * ever counted and a code matches at most once.
     */
    AttemptResult attempt(UserRef user, CodePurpose purpose, String presentedDigest, Instant now);

    /** Removes every code of the user; answers how many. */
    int deleteAll(UserRef user);
}

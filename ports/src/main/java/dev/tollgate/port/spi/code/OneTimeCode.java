package dev.tollgate.port.spi.code;

import dev.tollgate.port.Email;
import dev.tollgate.port.UserRef;
import java.time.Instant;
import java.util.Objects;

/**
 * A one-time code as stores persist it: only its digest.
 *
 * @param sentTo   the address the code was mailed to
 * @param attempts tries made so far
 */
public record OneTimeCode(
        UserRef user,
        CodePurpose purpose,
        Email sentTo,
        String codeDigest,
        Instant issuedAt,
        Instant expiresAt,
        int attempts,
        int maxAttempts) {

    public OneTimeCode {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(sentTo, "sentTo");
        Objects.requireNonNull(codeDigest, "codeDigest");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (maxAttempts < 1 || attempts < 0 || attempts > maxAttempts) {
            throw new IllegalArgumentException("need 0 <= attempts <= maxAttempts and maxAttempts >= 1");
        }
    }

    @Override
    public String toString() {
        return "OneTimeCode[user=" + user + ", purpose=" + purpose + ", expiresAt=" + expiresAt
                + ", attempts=" + attempts + "/" + maxAttempts + "]";
    }
}

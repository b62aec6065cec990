package dev.tollgate.core.session;

import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.user.User;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.code.AttemptResult;
import dev.tollgate.port.spi.code.CodePurpose;
import dev.tollgate.port.spi.code.OneTimeCode;
import dev.tollgate.port.spi.code.OneTimeCodeStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The short-lived tokens a login answers when a right password is not enough yet: the challenge
 * of the second step ({@link CodePurpose#MFA_CHALLENGE}) and the token that sets a new password
 * over an expired one ({@link CodePurpose#PASSWORD_CHANGE}). A token is {@code <user id>.<256
 * random bits>}; only its digest is kept, as the user's one live code of that purpose, so a new
 * login's token replaces the last one. A token is spent at most once.
 */
public final class LoginTokens {

    private final OneTimeCodeStore codes;
    private final Secrets secrets;
    private final Duration lifetime;
    private final Clock clock;

    public LoginTokens(OneTimeCodeStore codes, Secrets secrets, Duration lifetime, Clock clock) {
        this.codes = Objects.requireNonNull(codes, "codes");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A token of {@code purpose} for the user, lasting the lifetime. */
    public Issued issue(User user, CodePurpose purpose) {
        Instant now = clock.instant();
        String token = user.ref().id() + "." + secrets.newToken();
        codes.issue(new OneTimeCode(user.ref(), purpose, user.record().email(), digest(purpose, token), now,
                now.plus(lifetime), 0, 1));
        return new Issued(token, now.plus(lifetime));
    }

    /** The user a live token of {@code purpose} in {@code tenant} belongs to; empty for anything else. */
    public Optional<UserRef> holder(TenantId tenant, String token, CodePurpose purpose) {
        Optional<UserRef> named = named(tenant, token);
        if (named.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        byte[] presented = digest(purpose, token).getBytes(StandardCharsets.US_ASCII);
        return codes.find(named.get(), purpose)
                .filter(code -> code.expiresAt().isAfter(now))
                .filter(code -> MessageDigest.isEqual(code.codeDigest().getBytes(StandardCharsets.US_ASCII), presented))
                .map(OneTimeCode::user);
    }

    /** Spends the token: true for exactly one caller, while it is live. */
    public boolean spend(UserRef user, String token, CodePurpose purpose) {
        return codes.attempt(user, purpose, digest(purpose, token), clock.instant()).kind()
                == AttemptResult.Kind.MATCHED;
    }

    private String digest(CodePurpose purpose, String token) {
        return secrets.digest("login-token:" + purpose.name(), token);
    }

    private static Optional<UserRef> named(TenantId tenant, String token) {
        if (token == null || token.length() > Secrets.MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(new UserRef(tenant, new UserId(UUID.fromString(token.substring(0, dot)))));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** A token as the client gets it, and when it stops working. */
    public record Issued(String token, Instant expiresAt) {
    }
}

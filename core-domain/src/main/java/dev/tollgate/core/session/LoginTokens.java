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
import dev.tollgate.port.spi.user.UserStore;
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
 * login's token replaces the last one. A token is spent at most once. Its digest is bound to the
 * user's password hash as it was issued: once the password changes (a reset, a change, the
 * expired password replaced), every token a login with the old one got stops working.
 */
public final class LoginTokens {

    private final UserStore users;
    private final OneTimeCodeStore codes;
    private final Secrets secrets;
    private final Duration lifetime;
    private final Clock clock;

    public LoginTokens(UserStore users, OneTimeCodeStore codes, Secrets secrets, Duration lifetime, Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.codes = Objects.requireNonNull(codes, "codes");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A token of {@code purpose} for the user, lasting the lifetime, bound to the password hash
     * stored now (read again: a login may just have rehashed it).
     */
    public Issued issue(UserRef user, CodePurpose purpose) {
        User current = User.load(users, user).orElseThrow();
        Instant now = clock.instant();
        String token = user.id() + "." + secrets.newToken();
        codes.issue(new OneTimeCode(user, purpose, current.record().email(), digest(current, purpose, token), now,
                now.plus(lifetime), 0, 1));
        return new Issued(token, now.plus(lifetime));
    }

    /**
     * The user, as stored now, whom a live token of {@code purpose} in {@code tenant} was issued
     * to with the password they still have; empty for anything else.
     */
    public Optional<User> holder(TenantId tenant, String token, CodePurpose purpose) {
        Optional<UserRef> named = named(tenant, token);
        if (named.isEmpty()) {
            return Optional.empty();
        }
        Optional<User> user = users.findById(named.get()).map(User::restore);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        byte[] presented = digest(user.get(), purpose, token).getBytes(StandardCharsets.US_ASCII);
        return codes.find(named.get(), purpose)
                .filter(code -> code.expiresAt().isAfter(now))
                .filter(code -> MessageDigest.isEqual(code.codeDigest().getBytes(StandardCharsets.US_ASCII), presented))
                .flatMap(code -> user);
    }

    /** Spends the token of {@code holder} (as {@link #holder} answered them): true for exactly one caller, while it is live. */
    public boolean spend(User holder, String token, CodePurpose purpose) {
        return codes.attempt(holder.ref(), purpose, digest(holder, purpose, token), clock.instant()).kind()
                == AttemptResult.Kind.MATCHED;
    }

    private String digest(User user, CodePurpose purpose, String token) {
        return secrets.digest("login-token:" + purpose.name() + ":" + Secrets.fingerprint(user.record().passwordHash()),
                token);
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

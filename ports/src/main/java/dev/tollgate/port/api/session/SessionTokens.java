package dev.tollgate.port.api.session;

import dev.tollgate.port.SessionId;
import dev.tollgate.port.api.account.UserView;
import java.time.Instant;
import java.util.Objects;

/**
 * The tokens of a new or refreshed session. The access token authenticates requests; the
 * refresh token, used once, gets a new pair. Tokens are shown only here: Tollgate keeps
 * their digests. {@link #toString()} does not print them.
 */
public record SessionTokens(
        SessionId sessionId,
        String accessToken,
        Instant accessExpiresAt,
        String refreshToken,
        Instant refreshExpiresAt,
        UserView user) {

    public SessionTokens {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(accessExpiresAt, "accessExpiresAt");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(refreshExpiresAt, "refreshExpiresAt");
        Objects.requireNonNull(user, "user");
    }

    @Override
    public String toString() {
        return "SessionTokens[sessionId=" + sessionId + ", accessToken=***, accessExpiresAt=" + accessExpiresAt
                + ", refreshToken=***, refreshExpiresAt=" + refreshExpiresAt + ", user=" + user.id() + "]";
    }
}

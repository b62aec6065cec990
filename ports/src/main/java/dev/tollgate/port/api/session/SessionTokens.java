package dev.tollgate.port.api.session;

import dev.tollgate.port.SessionId;
import dev.tollgate.port.api.account.UserView;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The tokens of a new or refreshed session. The access token authenticates requests; the
 * refresh token, used once, gets a new pair. Tokens are shown only here: Tollgate keeps
 * their digests. {@link #toString()} does not print them.
 *
 * @param device        the device identifier the client should keep and present at its next login
 *                      (the one it presented, or a new one); null for a refresh
 * @param recoveryCodes the recovery codes of a second factor enrolled during this login, shown only
 *                      here; else empty
 */
public record SessionTokens(
        SessionId sessionId,
        String accessToken,
        Instant accessExpiresAt,
        String refreshToken,
        Instant refreshExpiresAt,
        UserView user,
        String device,
        List<String> recoveryCodes) {

    public SessionTokens {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(accessExpiresAt, "accessExpiresAt");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(refreshExpiresAt, "refreshExpiresAt");
        Objects.requireNonNull(user, "user");
        recoveryCodes = recoveryCodes == null ? List.of() : List.copyOf(recoveryCodes);
    }

    /** The tokens of a refreshed session, or of a login that names no device. */
    public SessionTokens(SessionId sessionId, String accessToken, Instant accessExpiresAt, String refreshToken,
            Instant refreshExpiresAt, UserView user) {
        this(sessionId, accessToken, accessExpiresAt, refreshToken, refreshExpiresAt, user, null, List.of());
    }

    @Override
    public String toString() {
        return "SessionTokens[sessionId=" + sessionId + ", accessToken=***, accessExpiresAt=" + accessExpiresAt
                + ", refreshToken=***, refreshExpiresAt=" + refreshExpiresAt + ", user=" + user.id() + ", device=***, recoveryCodes=" + recoveryCodes.size() + "]";
    }
}

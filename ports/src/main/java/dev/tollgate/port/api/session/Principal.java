package dev.tollgate.port.api.session;

import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.SessionId;
import dev.tollgate.port.UserRef;
import java.util.Objects;

/**
 * Who a bearer token belongs to, and how it was proven: by a session's access token (then
 * {@code session} is that session and {@code apiKey} null) or by one of the user's own API keys
 * (then {@code apiKey} is that key and {@code session} null). A caller decides by
 * {@link #authenticatedBy()} what each kind may do: an API key reads, it never changes the account.
 */
public record Principal(UserRef user, SessionId session, boolean emailVerified, ApiKeyId apiKey) {

    /** What proved the principal. */
    public enum Credential {
        /** A session's access token, from login or refresh. */
        SESSION,
        /** One of the user's own live API keys. */
        API_KEY
    }

    public Principal {
        Objects.requireNonNull(user, "user");
        if ((session == null) == (apiKey == null)) {
            throw new IllegalArgumentException("a principal has a session or an API key, exactly one of them");
        }
    }

    /** A principal authenticated by the session's access token. */
    public Principal(UserRef user, SessionId session, boolean emailVerified) {
        this(user, Objects.requireNonNull(session, "session"), emailVerified, null);
    }

    /** A principal authenticated by one of the user's own API keys. */
    public static Principal ofApiKey(UserRef user, ApiKeyId apiKey, boolean emailVerified) {
        return new Principal(user, null, emailVerified, Objects.requireNonNull(apiKey, "apiKey"));
    }

    public Credential authenticatedBy() {
        return apiKey == null ? Credential.SESSION : Credential.API_KEY;
    }
}

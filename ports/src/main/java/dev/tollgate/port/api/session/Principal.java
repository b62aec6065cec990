package dev.tollgate.port.api.session;

import dev.tollgate.port.SessionId;
import dev.tollgate.port.UserRef;
import java.util.Objects;

/** Who an access token belongs to: the user and the session it authenticates. */
public record Principal(UserRef user, SessionId session, boolean emailVerified) {
    public Principal {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(session, "session");
    }
}

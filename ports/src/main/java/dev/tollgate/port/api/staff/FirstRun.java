package dev.tollgate.port.api.staff;

import dev.tollgate.port.RequestContext;
import dev.tollgate.port.api.Outcome;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Creating the first super admin of a fresh installation, with no default password anywhere:
 * from the operator's settings, or with a one-time setup token that only the operator can read
 * (the server writes it to its log and its data directory).
 */
public interface FirstRun {

    /** Whether some user holds the highest role (in any tenant). */
    boolean superAdminExists();

    /**
     * Issues a new setup token when no super admin exists, replacing any earlier one: single
     * use, valid for {@code validFor}'s default of one hour. Empty when a super admin exists.
     * Tokens live in this process only: a token works against the process that issued it.
     */
    Optional<SetupToken> issueToken();

    /**
     * Creates the first super admin with the token, using it up. Refusals: {@code INVALID_TOKEN}
     * (unknown, used or expired), {@code SETUP_UNAVAILABLE} (a super admin exists, also when
     * another call won the race), and as registration's for the username, address and password.
     */
    Outcome<StaffMember> complete(String token, NewStaff superAdmin, RequestContext context);

    /** A setup token, shown to the operator once. */
    record SetupToken(String token, Instant expiresAt) {
        public SetupToken {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String toString() {
            return "SetupToken[expiresAt=" + expiresAt + "]";
        }
    }
}

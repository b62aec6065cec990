package dev.tollgate.port.spi.session;

import dev.tollgate.port.Change;
import dev.tollgate.port.SessionId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sessions and the digests of their tokens, per tenant. Each method is one atomic operation. A
 * session of one tenant is invisible to every other tenant: no lookup of another tenant finds
 * it (by either digest, current or spent), and no operation of another tenant changes it.
 */
public interface SessionStore {

    /** Stores a new session; its id is new, and its digests are new within its tenant. */
    void create(SessionRecord session);

    /** The session of {@code tenant} whose current access digest this is, live or not. */
    Optional<SessionRecord> findByAccessDigest(TenantId tenant, String accessDigest);

    /**
     * Rotates a session's tokens atomically, among the sessions of {@code tenant} only. If
     * {@code presentedRefreshDigest} is the current refresh digest of a session that is not revoked and whose refresh expiry is after
     * {@code now}, the session takes {@code next}, the presented digest is remembered as spent
     * and the answer is {@code ROTATED}. If it is a spent digest of a session, the answer is
     * {@code REUSED} with that session. Otherwise {@code UNKNOWN}. Of concurrent rotations
     * presenting the same digest, exactly one is {@code ROTATED}.
     */
    RotationResult rotate(TenantId tenant, String presentedRefreshDigest, Rotation next, Instant now);

    /** Records use of the user's session at {@code at}, unless it was used later already. */
    void touch(UserRef user, SessionId session, Instant at);

    /** Ends the user's session if it is live: {@code APPLIED} when it was. */
    Change revoke(UserRef user, SessionId session, Instant at);

    /** Ends every live session of the user; answers how many there were. */
    int revokeAll(UserRef user, Instant at);

    /** Ends every live session of the user but {@code keep}; answers how many there were. */
    int revokeAllExcept(UserRef user, SessionId keep, Instant at);

    /** The user's sessions that are not revoked and whose refresh expiry is after {@code now}, newest first. */
    List<SessionRecord> listLive(UserRef user, Instant now);

    /** Removes every session of the user, with their spent digests; answers how many. */
    int deleteAll(UserRef user);
}

package dev.tollgate.adapter.caffeine.cache;

import dev.tollgate.port.Change;
import dev.tollgate.port.SessionId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.cache.Invalidation;
import dev.tollgate.port.spi.session.Rotation;
import dev.tollgate.port.spi.session.RotationResult;
import dev.tollgate.port.spi.session.SessionRecord;
import dev.tollgate.port.spi.session.SessionStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Sessions by access digest from memory; every change invalidates the session's user, so an
 * ended session (one, or all of a user's) and a rotated-away access token stop working
 * everywhere.
 */
final class CachingSessionStore implements SessionStore {

    private final SessionStore store;
    private final Invalidations invalidations;
    private final HeldLookup<DigestOf, SessionRecord> byAccessDigest;

    CachingSessionStore(SessionStore store, Invalidations invalidations, HeldLookup.Settings settings) {
        this.store = Objects.requireNonNull(store, "store");
        this.invalidations = invalidations;
        this.byAccessDigest = settings.lookup(invalidations, (digest, session) -> session.user());
    }

    @Override
    public void create(SessionRecord session) {
        try {
            store.create(session);
        } finally {
            invalidations.changed(Invalidation.of(session.user()));
        }
    }

    @Override
    public Optional<SessionRecord> findByAccessDigest(TenantId tenant, String accessDigest) {
        return byAccessDigest.find(new DigestOf(tenant, accessDigest),
                () -> store.findByAccessDigest(tenant, accessDigest));
    }

    /**
     * Rotates, then invalidates the session's user. Which user that is only the answer says: a
     * rotation that failed invalidates the whole tenant, since it may have applied.
     */
    @Override
    public RotationResult rotate(TenantId tenant, String presentedRefreshDigest, Rotation next, Instant now) {
        RotationResult result;
        try {
            result = store.rotate(tenant, presentedRefreshDigest, next, now);
        } catch (RuntimeException | Error e) {
            invalidations.changed(Invalidation.of(tenant));
            throw e;
        }
        if (result.session() != null) {
            invalidations.changed(Invalidation.of(result.session().user()));
        }
        return result;
    }

    @Override
    public void touch(UserRef user, SessionId session, Instant at) {
        try {
            store.touch(user, session, at);
        } finally {
            invalidations.changed(Invalidation.of(user));
        }
    }

    @Override
    public Change revoke(UserRef user, SessionId session, Instant at) {
        try {
            return store.revoke(user, session, at);
        } finally {
            invalidations.changed(Invalidation.of(user));
        }
    }

    @Override
    public int revokeAll(UserRef user, Instant at) {
        try {
            return store.revokeAll(user, at);
        } finally {
            invalidations.changed(Invalidation.of(user));
        }
    }

    @Override
    public int revokeAllExcept(UserRef user, SessionId keep, Instant at) {
        try {
            return store.revokeAllExcept(user, keep, at);
        } finally {
            invalidations.changed(Invalidation.of(user));
        }
    }

    @Override
    public List<SessionRecord> listLive(UserRef user, Instant now) {
        return store.listLive(user, now);
    }

    @Override
    public int deleteAll(UserRef user) {
        try {
            return store.deleteAll(user);
        } finally {
            invalidations.changed(Invalidation.of(user));
        }
    }

    /** A digest is unique within its tenant only. */
    private record DigestOf(TenantId tenant, String digest) {
    }
}

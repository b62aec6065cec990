package dev.tollgate.adapter.memory.session;

import dev.tollgate.port.Change;
import dev.tollgate.port.SessionId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.session.Rotation;
import dev.tollgate.port.spi.session.RotationResult;
import dev.tollgate.port.spi.session.SessionRecord;
import dev.tollgate.port.spi.session.SessionStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A {@link SessionStore} in memory. One lock guards the sessions, their digest indexes and the
 * spent refresh digests, so a rotation retires the presented digest in the same atomic step as
 * the session takes its new ones. Digests are indexed per tenant: a digest is found only in the
 * tenant of its session.
 */
public final class InMemorySessionStore implements SessionStore {

    /** A digest within its tenant. */
    private record DigestKey(TenantId tenant, String digest) {
    }

    private final Object lock = new Object();
    private final Map<SessionId, SessionRecord> sessions = new HashMap<>();
    private final Map<UserRef, Set<SessionId>> byUser = new HashMap<>();
    private final Map<DigestKey, SessionId> byAccessDigest = new HashMap<>();
    private final Map<DigestKey, SessionId> byRefreshDigest = new HashMap<>();
    private final Map<DigestKey, SessionId> spentRefreshDigests = new HashMap<>();

    @Override
    public void create(SessionRecord session) {
        Objects.requireNonNull(session, "session");
        synchronized (lock) {
            if (sessions.containsKey(session.id())) {
                throw new IllegalArgumentException("session " + session.id() + " exists already");
            }
            DigestKey access = access(session);
            DigestKey refresh = refresh(session);
            if (byAccessDigest.containsKey(access) || byRefreshDigest.containsKey(refresh)
                    || spentRefreshDigests.containsKey(refresh)) {
                throw new IllegalArgumentException("a token digest of the new session is in use already");
            }
            sessions.put(session.id(), session);
            byUser.computeIfAbsent(session.user(), user -> new LinkedHashSet<>()).add(session.id());
            byAccessDigest.put(access, session.id());
            byRefreshDigest.put(refresh, session.id());
        }
    }

    @Override
    public Optional<SessionRecord> findByAccessDigest(TenantId tenant, String accessDigest) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(accessDigest, "accessDigest");
        synchronized (lock) {
            return Optional.ofNullable(byAccessDigest.get(new DigestKey(tenant, accessDigest))).map(sessions::get);
        }
    }

    @Override
    public RotationResult rotate(TenantId tenant, String presentedRefreshDigest, Rotation next, Instant now) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(presentedRefreshDigest, "presentedRefreshDigest");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(now, "now");
        DigestKey presented = new DigestKey(tenant, presentedRefreshDigest);
        synchronized (lock) {
            SessionId spentBy = spentRefreshDigests.get(presented);
            if (spentBy != null) {
                return RotationResult.reused(sessions.get(spentBy));
            }
            SessionId id = byRefreshDigest.get(presented);
            SessionRecord current = id == null ? null : sessions.get(id);
            if (current == null || current.revoked() || !current.refreshExpiresAt().isAfter(now)) {
                return RotationResult.unknown();
            }
            SessionRecord rotated = new SessionRecord(current.id(), current.user(), next.accessDigest(), next.refreshDigest(),
                    current.createdAt(), current.lastUsedAt(), next.accessExpiresAt(), next.refreshExpiresAt(),
                    current.ip(), current.userAgent(), null, current.idleTimeout(), current.device());
            byAccessDigest.remove(access(current));
            byRefreshDigest.remove(refresh(current));
            spentRefreshDigests.put(refresh(current), id);
            byAccessDigest.put(access(rotated), id);
            byRefreshDigest.put(refresh(rotated), id);
            sessions.put(id, rotated);
            return RotationResult.rotated(rotated);
        }
    }

    @Override
    public void touch(UserRef user, SessionId session, Instant at) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(at, "at");
        synchronized (lock) {
            SessionRecord current = sessions.get(session);
            if (current != null && current.user().equals(user) && at.isAfter(current.lastUsedAt())) {
                sessions.put(session, new SessionRecord(current.id(), current.user(), current.accessDigest(),
                        current.refreshDigest(), current.createdAt(), at, current.accessExpiresAt(),
                        current.refreshExpiresAt(), current.ip(), current.userAgent(), current.revokedAt(),
                        current.idleTimeout(), current.device()));
            }
        }
    }

    @Override
    public Change revoke(UserRef user, SessionId session, Instant at) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(session, "session");
        return Change.of(revokeWhere(user, id -> id.equals(session), at) == 1);
    }

    @Override
    public int revokeAll(UserRef user, Instant at) {
        Objects.requireNonNull(user, "user");
        return revokeWhere(user, id -> true, at);
    }

    @Override
    public int revokeAllExcept(UserRef user, SessionId keep, Instant at) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(keep, "keep");
        return revokeWhere(user, id -> !id.equals(keep), at);
    }

    @Override
    public List<SessionRecord> listLive(UserRef user, Instant now) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            List<SessionRecord> live = new ArrayList<>();
            for (SessionId id : byUser.getOrDefault(user, Set.of())) {
                SessionRecord session = sessions.get(id);
                if (!session.revoked() && session.refreshExpiresAt().isAfter(now)) {
                    live.add(session);
                }
            }
            live.sort(Comparator.comparing(SessionRecord::createdAt).reversed());
            return List.copyOf(live);
        }
    }

    @Override
    public int deleteAll(UserRef user) {
        Objects.requireNonNull(user, "user");
        synchronized (lock) {
            Set<SessionId> ids = byUser.remove(user);
            if (ids == null) {
                return 0;
            }
            for (SessionId id : ids) {
                SessionRecord removed = sessions.remove(id);
                byAccessDigest.remove(access(removed));
                byRefreshDigest.remove(refresh(removed));
            }
            spentRefreshDigests.values().removeIf(ids::contains);
            return ids.size();
        }
    }

    private static DigestKey access(SessionRecord session) {
        return new DigestKey(session.user().tenant(), session.accessDigest());
    }

    private static DigestKey refresh(SessionRecord session) {
        return new DigestKey(session.user().tenant(), session.refreshDigest());
    }

    private int revokeWhere(UserRef user, Predicate<SessionId> which, Instant at) {
        Objects.requireNonNull(at, "at");
        synchronized (lock) {
            int revoked = 0;
            for (SessionId id : byUser.getOrDefault(user, Set.of())) {
                SessionRecord session = sessions.get(id);
                if (which.test(id) && !session.revoked()) {
                    sessions.put(id, new SessionRecord(session.id(), session.user(), session.accessDigest(),
                            session.refreshDigest(), session.createdAt(), session.lastUsedAt(), session.accessExpiresAt(),
                            session.refreshExpiresAt(), session.ip(), session.userAgent(), at, session.idleTimeout(),
                            session.device()));
                    revoked++;
                }
            }
            return revoked;
        }
    }
}

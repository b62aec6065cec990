package dev.tollgate.adapter.memory.session;

import dev.tollgate.port.SessionId;
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
 * the session takes its new ones.
 */
public final class InMemorySessionStore implements SessionStore {

    private final Object lock = new Object();
    private final Map<SessionId, SessionRecord> sessions = new HashMap<>();
    private final Map<UserRef, Set<SessionId>> byUser = new HashMap<>();
    private final Map<String, SessionId> byAccessDigest = new HashMap<>();
    private final Map<String, SessionId> byRefreshDigest = new HashMap<>();
    private final Map<String, SessionId> spentRefreshDigests = new HashMap<>();

    @Override
    public void create(SessionRecord session) {
        Objects.requireNonNull(session, "session");
        synchronized (lock) {
            if (sessions.containsKey(session.id())) {
                throw new IllegalArgumentException("session " + session.id() + " exists already");
            }
            if (byAccessDigest.containsKey(session.accessDigest()) || byRefreshDigest.containsKey(session.refreshDigest())
                    || spentRefreshDigests.containsKey(session.refreshDigest())) {
                throw new IllegalArgumentException("a token digest of the new session is in use already");
            }
            sessions.put(session.id(), session);
            byUser.computeIfAbsent(session.user(), user -> new LinkedHashSet<>()).add(session.id());
            byAccessDigest.put(session.accessDigest(), session.id());
            byRefreshDigest.put(session.refreshDigest(), session.id());
        }
    }

    @Override
    public Optional<SessionRecord> findByAccessDigest(String accessDigest) {
        Objects.requireNonNull(accessDigest, "accessDigest");
        synchronized (lock) {
            return Optional.ofNullable(byAccessDigest.get(accessDigest)).map(sessions::get);
        }
    }

    @Override
    public RotationResult rotate(String presentedRefreshDigest, Rotation next, Instant now) {
        Objects.requireNonNull(presentedRefreshDigest, "presentedRefreshDigest");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            SessionId spentBy = spentRefreshDigests.get(presentedRefreshDigest);
            if (spentBy != null) {
                return RotationResult.reused(sessions.get(spentBy));
            }
            SessionId id = byRefreshDigest.get(presentedRefreshDigest);
            SessionRecord current = id == null ? null : sessions.get(id);
            if (current == null || current.revoked() || !current.refreshExpiresAt().isAfter(now)) {
                return RotationResult.unknown();
            }
            SessionRecord rotated = new SessionRecord(current.id(), current.user(), next.accessDigest(), next.refreshDigest(),
                    current.createdAt(), current.lastUsedAt(), next.accessExpiresAt(), next.refreshExpiresAt(),
                    current.ip(), current.userAgent(), null);
            byAccessDigest.remove(current.accessDigest());
            byRefreshDigest.remove(current.refreshDigest());
            spentRefreshDigests.put(current.refreshDigest(), id);
            byAccessDigest.put(rotated.accessDigest(), id);
            byRefreshDigest.put(rotated.refreshDigest(), id);
            sessions.put(id, rotated);
            return RotationResult.rotated(rotated);
        }
    }

    @Override
    public void touch(SessionId session, Instant at) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(at, "at");
        synchronized (lock) {
            SessionRecord current = sessions.get(session);
            if (current != null && at.isAfter(current.lastUsedAt())) {
                sessions.put(session, new SessionRecord(current.id(), current.user(), current.accessDigest(),
                        current.refreshDigest(), current.createdAt(), at, current.accessExpiresAt(),
                        current.refreshExpiresAt(), current.ip(), current.userAgent(), current.revokedAt()));
            }
        }
    }

    @Override
    public boolean revoke(UserRef user, SessionId session, Instant at) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(session, "session");
        return revokeWhere(user, id -> id.equals(session), at) == 1;
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
                byAccessDigest.remove(removed.accessDigest());
                byRefreshDigest.remove(removed.refreshDigest());
            }
            spentRefreshDigests.values().removeIf(ids::contains);
            return ids.size();
        }
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
                            session.refreshExpiresAt(), session.ip(), session.userAgent(), at));
                    revoked++;
                }
            }
            return revoked;
        }
    }
}

package dev.tollgate.adapter.memory.password;

import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.password.PasswordHistory;
import dev.tollgate.port.spi.password.RememberedPassword;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link PasswordHistory} in memory: each user's passwords as an immutable list, newest first,
 * replaced in one {@link ConcurrentHashMap#compute} so remembering and trimming are one step.
 */
public final class InMemoryPasswordHistory implements PasswordHistory {

    private static final Comparator<RememberedPassword> NEWEST_FIRST =
            Comparator.comparing(RememberedPassword::setAt).reversed();

    private final Map<UserRef, List<RememberedPassword>> histories = new ConcurrentHashMap<>();

    @Override
    public void remember(UserRef user, RememberedPassword password, int keep) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, was " + keep);
        }
        histories.compute(user, (ref, earlier) -> {
            List<RememberedPassword> next = new ArrayList<>();
            // first, so that of passwords set at one instant the one remembered last counts as the newest
            next.add(password);
            next.addAll(earlier == null ? List.of() : earlier);
            next.sort(NEWEST_FIRST);
            return List.copyOf(next.subList(0, Math.min(keep, next.size())));
        });
    }

    @Override
    public List<RememberedPassword> recent(UserRef user, int limit) {
        Objects.requireNonNull(user, "user");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        List<RememberedPassword> history = histories.getOrDefault(user, List.of());
        return List.copyOf(history.subList(0, Math.min(limit, history.size())));
    }

    @Override
    public int deleteAll(UserRef user) {
        Objects.requireNonNull(user, "user");
        List<RememberedPassword> removed = histories.remove(user);
        return removed == null ? 0 : removed.size();
    }
}

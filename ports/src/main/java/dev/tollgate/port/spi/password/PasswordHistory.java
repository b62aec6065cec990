package dev.tollgate.port.spi.password;

import dev.tollgate.port.UserRef;
import java.util.List;

/**
 * The passwords users had, newest first, so a policy can refuse reusing one and tell how old
 * the current password is. Each method is one atomic operation; a user's history is never
 * reached through a ref of another tenant.
 */
public interface PasswordHistory {

    /**
     * Remembers {@code password} as the user's newest and forgets all but the newest
     * {@code keep} (at least 1) in the same atomic step.
     */
    void remember(UserRef user, RememberedPassword password, int keep);

    /** The user's newest {@code limit} remembered passwords, newest first (by {@code setAt}). */
    List<RememberedPassword> recent(UserRef user, int limit);

    /** Forgets every password of the user; answers how many. */
    int deleteAll(UserRef user);
}

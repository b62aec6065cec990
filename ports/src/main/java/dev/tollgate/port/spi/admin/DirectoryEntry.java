package dev.tollgate.port.spi.admin;

import dev.tollgate.port.spi.user.UserRecord;
import java.util.Objects;

/**
 * One row of a user list.
 *
 * @param plan      the subscribed plan; null when the user has no subscription (the default plan applies)
 * @param staffRole the user's staff role; null for none
 */
public record DirectoryEntry(UserRecord user, String plan, String staffRole) {

    public DirectoryEntry {
        Objects.requireNonNull(user, "user");
    }
}

package dev.tollgate.port.api.admin;

import dev.tollgate.port.api.account.UserView;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of a user list.
 *
 * @param plan      the plan the user is on
 * @param staffRole the user's staff role, if any
 */
public record UserSummary(UserView user, String plan, Optional<String> staffRole) {

    public UserSummary {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(staffRole, "staffRole");
    }
}

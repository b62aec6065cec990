package dev.tollgate.port.api.admin;

import dev.tollgate.port.api.account.UserView;
import dev.tollgate.port.api.key.ApiKeyView;
import dev.tollgate.port.api.metering.SubscriptionView;
import dev.tollgate.port.api.session.SessionView;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything staff see of one user: never a secret, a hash or a key.
 *
 * @param subscription  plan, level, entitlements, overrides and meters now
 * @param keys          the user's live API keys, metadata only
 * @param sessions      the live sessions
 * @param failedLogins  consecutive failed logins since the last success or lock
 * @param lockedUntil   the end of a lock in force now
 * @param notes         the staff notes
 * @param staffRole     the user's staff role, if any
 */
public record UserDetails(
        UserView user,
        Optional<String> statusReason,
        SubscriptionView subscription,
        List<ApiKeyView> keys,
        List<SessionView> sessions,
        int failedLogins,
        Optional<Instant> lockedUntil,
        Optional<StaffNote> notes,
        Optional<String> staffRole) {

    public UserDetails {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(statusReason, "statusReason");
        Objects.requireNonNull(subscription, "subscription");
        keys = List.copyOf(keys);
        sessions = List.copyOf(sessions);
        Objects.requireNonNull(lockedUntil, "lockedUntil");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(staffRole, "staffRole");
    }
}

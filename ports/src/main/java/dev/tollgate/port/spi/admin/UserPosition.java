package dev.tollgate.port.spi.admin;

import dev.tollgate.port.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a page of a user list ended: the last row's sort key and id. The next page starts
 * strictly after it in the list's order, so it costs what the first page did.
 *
 * @param createdAt   for {@link UserOrder.Key#CREATED}; else null
 * @param username    the canonical username, for {@link UserOrder.Key#USERNAME}; else null
 * @param lastLoginAt for {@link UserOrder.Key#LAST_LOGIN}: the last row's last login, null when it never logged in
 */
public record UserPosition(Instant createdAt, String username, Instant lastLoginAt, UserId id) {

    public UserPosition {
        Objects.requireNonNull(id, "id");
    }
}

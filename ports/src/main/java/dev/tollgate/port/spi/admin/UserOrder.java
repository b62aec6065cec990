package dev.tollgate.port.spi.admin;

import java.util.Objects;

/**
 * The order of a user list: by one key, ties broken by user id (compared as unsigned 128-bit
 * numbers, as for audit ids), both ascending or both descending.
 */
public record UserOrder(Key key, boolean descending) {

    public enum Key {
        /** {@code createdAt}. */
        CREATED,
        /** The canonical (lower-case) username. */
        USERNAME,
        /**
         * {@code lastLoginAt}, where a user who never logged in sorts as earlier than every
         * login: first ascending, last descending.
         */
        LAST_LOGIN
    }

    public UserOrder {
        Objects.requireNonNull(key, "key");
    }
}

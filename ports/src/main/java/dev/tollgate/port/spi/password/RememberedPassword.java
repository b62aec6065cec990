package dev.tollgate.port.spi.password;

import java.time.Instant;
import java.util.Objects;

/**
 * A password a user had, as its encoded hash, and when it was set.
 *
 * @param hash  the encoded password hash (algorithm and parameters included)
 * @param setAt when the password became the user's
 */
public record RememberedPassword(String hash, Instant setAt) {

    public RememberedPassword {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(setAt, "setAt");
    }

    @Override
    public String toString() {
        return "RememberedPassword[setAt=" + setAt + "]";
    }
}

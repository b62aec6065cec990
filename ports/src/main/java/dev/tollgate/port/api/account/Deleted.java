package dev.tollgate.port.api.account;

import dev.tollgate.port.UserRef;
import java.time.Instant;
import java.util.Objects;

/** An account was deleted: archived at {@code deletedAt}, its sessions and codes removed. */
public record Deleted(UserRef user, Instant deletedAt) {
    public Deleted {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(deletedAt, "deletedAt");
    }
}

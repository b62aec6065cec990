package dev.tollgate.port;

import java.util.Objects;

/** A user within its tenant: the key every user-scoped operation takes. */
public record UserRef(TenantId tenant, UserId id) {

    public UserRef {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "user id");
    }

    public static UserRef of(TenantId tenant, UserId id) {
        return new UserRef(tenant, id);
    }
}

package dev.tollgate.port.api.staff;

import dev.tollgate.port.TenantId;
import java.util.Objects;

/**
 * A staff member created together with their account (first run, command line, an invitation
 * that sets a password). The password must pass the password policy like anyone's; it is never
 * logged or kept in plain text.
 */
public record NewStaff(TenantId tenant, String username, String email, String password, String role) {

    public NewStaff {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(role, "role");
    }

    @Override
    public String toString() {
        return "NewStaff[tenant=" + tenant + ", username=" + username + ", role=" + role + "]";
    }
}

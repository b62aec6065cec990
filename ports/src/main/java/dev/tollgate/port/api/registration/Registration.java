package dev.tollgate.port.api.registration;

import dev.tollgate.port.AccountType;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import java.util.Objects;

/**
 * A request to create an account. Username, email and password arrive as typed and are
 * validated by {@link RegisterUser}; name is optional.
 */
public record Registration(
        TenantId tenant,
        String username,
        String email,
        String password,
        String name,
        AccountType accountType,
        RequestContext context) {

    public Registration {
        Objects.requireNonNull(tenant, "tenant");
        accountType = Objects.requireNonNullElse(accountType, AccountType.PERSONAL);
        context = Objects.requireNonNullElse(context, RequestContext.NONE);
    }

    /** A personal account in {@code tenant} with no name, from no particular origin. */
    public static Registration of(TenantId tenant, String username, String email, String password) {
        return new Registration(tenant, username, email, password, null, AccountType.PERSONAL, RequestContext.NONE);
    }

    public Registration withName(String newName) {
        return new Registration(tenant, username, email, password, newName, accountType, context);
    }

    public Registration withAccountType(AccountType type) {
        return new Registration(tenant, username, email, password, name, type, context);
    }

    public Registration withContext(RequestContext origin) {
        return new Registration(tenant, username, email, password, name, accountType, origin);
    }

    @Override
    public String toString() {
        return "Registration[tenant=" + tenant + ", username=" + username + ", email=" + email
                + ", password=***, name=" + name + ", accountType=" + accountType + "]";
    }
}

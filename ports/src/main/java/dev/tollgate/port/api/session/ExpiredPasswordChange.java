package dev.tollgate.port.api.session;

import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import java.util.Objects;

/**
 * Setting a new password with the change token a login answered with {@code PASSWORD_EXPIRED}.
 *
 * @param device the device identifier the client keeps, as at login, or null
 */
public record ExpiredPasswordChange(TenantId tenant, String changeToken, String newPassword, RequestContext context,
        String device) {

    public ExpiredPasswordChange {
        Objects.requireNonNull(tenant, "tenant");
        context = Objects.requireNonNullElse(context, RequestContext.NONE);
    }

    public static ExpiredPasswordChange of(TenantId tenant, String changeToken, String newPassword) {
        return new ExpiredPasswordChange(tenant, changeToken, newPassword, RequestContext.NONE, null);
    }

    @Override
    public String toString() {
        return "ExpiredPasswordChange[tenant=" + tenant + ", changeToken=***, newPassword=***]";
    }
}

package dev.tollgate.port.api.session;

import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import java.util.Objects;

/** A login attempt: {@code login} is a username or an email address. */
public record Login(TenantId tenant, String login, String password, RequestContext context) {

    public Login {
        Objects.requireNonNull(tenant, "tenant");
        context = Objects.requireNonNullElse(context, RequestContext.NONE);
    }

    public static Login of(TenantId tenant, String login, String password) {
        return new Login(tenant, login, password, RequestContext.NONE);
    }

    public Login withContext(RequestContext origin) {
        return new Login(tenant, login, password, origin);
    }

    @Override
    public String toString() {
        return "Login[tenant=" + tenant + ", login=" + login + ", password=***]";
    }
}

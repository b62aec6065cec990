package dev.tollgate.port.api.session;

import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import java.util.Objects;

/**
 * A login attempt: {@code login} is a username or an email address.
 *
 * @param device the opaque device identifier the client keeps (a cookie or header value a former
 *               login answered), or null: the login then answers a new one to keep
 */
public record Login(TenantId tenant, String login, String password, RequestContext context, String device) {

    public Login {
        Objects.requireNonNull(tenant, "tenant");
        context = Objects.requireNonNullElse(context, RequestContext.NONE);
    }

    /** A login from a device that names no identifier. */
    public Login(TenantId tenant, String login, String password, RequestContext context) {
        this(tenant, login, password, context, null);
    }

    public static Login of(TenantId tenant, String login, String password) {
        return new Login(tenant, login, password, RequestContext.NONE);
    }

    public Login withContext(RequestContext origin) {
        return new Login(tenant, login, password, origin, device);
    }

    public Login withDevice(String identifier) {
        return new Login(tenant, login, password, context, identifier);
    }

    @Override
    public String toString() {
        return "Login[tenant=" + tenant + ", login=" + login + ", password=***, device=" + (device == null ? "none" : "***") + "]";
    }
}

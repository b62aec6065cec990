package dev.tollgate.port.api.session;

import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import java.util.Objects;

/**
 * The second step of a login: the challenge the first step answered and either a code of the
 * authenticator app or a recovery code (not both).
 *
 * @param device the device identifier the client keeps, as at the first step, or null
 */
public record MfaLogin(TenantId tenant, String challenge, String code, String recoveryCode, RequestContext context,
        String device) {

    public MfaLogin {
        Objects.requireNonNull(tenant, "tenant");
        context = Objects.requireNonNullElse(context, RequestContext.NONE);
    }

    /** The second step with a code of the app. */
    public static MfaLogin withCode(TenantId tenant, String challenge, String code) {
        return new MfaLogin(tenant, challenge, code, null, RequestContext.NONE, null);
    }

    /** The second step with a recovery code. */
    public static MfaLogin withRecoveryCode(TenantId tenant, String challenge, String recoveryCode) {
        return new MfaLogin(tenant, challenge, null, recoveryCode, RequestContext.NONE, null);
    }

    public MfaLogin withContext(RequestContext origin) {
        return new MfaLogin(tenant, challenge, code, recoveryCode, origin, device);
    }

    public MfaLogin withDevice(String identifier) {
        return new MfaLogin(tenant, challenge, code, recoveryCode, context, identifier);
    }

    @Override
    public String toString() {
        return "MfaLogin[tenant=" + tenant + ", challenge=***, code=***]";
    }
}

package dev.tollgate.adapter.http.internal;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.tollgate.port.AccountType;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.profile.ProfileUpdate;
import dev.tollgate.port.api.registration.Registration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The JSON bodies the API accepts, one record per request, named as clients send them. What
 * JSON cannot say (an account type, an instant, an address) is translated here, refused as
 * {@code VALIDATION_FAILED} when the text is none; every rule of the domain is the core's.
 */
public final class Requests {

    private Requests() {
    }

    /** {@code personal} or {@code business} as the account type; empty when absent. */
    private static Outcome<Optional<AccountType>> parseAccountType(String text) {
        if (text == null) {
            return Outcome.done(Optional.empty());
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "personal" -> Outcome.done(Optional.of(AccountType.PERSONAL));
            case "business" -> Outcome.done(Optional.of(AccountType.BUSINESS));
            default -> Outcome.refused(Problem.InvalidInput.of("account_type", "must be personal or business"));
        };
    }

    /** {@code POST /v1/users/register}. */
    public record Register(String username, String email, String password, String name, String accountType)
            implements RequestBody {
        @Override
        public List<String> missingFields() {
            return RequestBody.absent("username", username, "email", email, "password", password);
        }

        Outcome<Registration> toRegistration(TenantId tenant, RequestContext origin) {
            return parseAccountType(accountType).map(type -> new Registration(tenant, username, email, password, name,
                    type.orElse(null), origin));
        }

        @Override
        public String toString() {
            return "Register[username=" + username + ", email=" + email + ", password=***, name=" + name + "]";
        }
    }

    /**
     * {@code POST /v1/users/login}: a username or an email address, and the password; optionally
     * the device identifier a former login answered ({@link Devices}).
     */
    public record Login(String login, String password, String deviceId) implements RequestBody {
        @Override
        public List<String> missingFields() {
            return RequestBody.absent("login", login, "password", password);
        }

        @Override
        public String toString() {
            return "Login[login=" + login + ", password=***, deviceId=" + (deviceId == null ? "none" : "***") + "]";
        }
    }

    /**
     * {@code POST /v1/users/login/mfa}: the challenge of the first step and either a code of the
     * authenticator app or a recovery code, exactly one of them; optionally the device identifier.
     */
    public record MfaLogin(String challenge, String code, String recoveryCode, String deviceId) implements RequestBody {
        @Override
        public List<String> missingFields() {
            return RequestBody.absent("challenge", challenge);
        }

        /** The second step; refused as invalid when the body gives both codes or neither. */
        Outcome<dev.tollgate.port.api.session.MfaLogin> toLogin(TenantId tenant, RequestContext origin, String device) {
            if (code == null && recoveryCode == null) {
                return Outcome.refused(Problem.InvalidInput.of("code", "give code or recovery_code"));
            }
            if (code != null && recoveryCode != null) {
                return Outcome.refused(Problem.InvalidInput.of("recovery_code", "give code or recovery_code, not both"));
            }
            return Outcome.done(new dev.tollgate.port.api.session.MfaLogin(tenant, challenge, code, recoveryCode, origin,
                    device));
        }

        @Override
        public String toString() {
            return "MfaLogin[challenge=***, code=***, recoveryCode=***, deviceId=***]";
        }
    }

    /** {@code POST /v1/users/login/mfa/totp}: the challenge of a login that must enrol a second factor. */
    public record LoginChallenge(String challenge) implements RequestBody {
        @Override
        public List<String> missingFields() {
            return RequestBody.absent("challenge", challenge);
        }

        @Override
        public String toString() {
            return "LoginChallenge[challenge=***]";
        }
    }

    /** {@code POST /v1/users/password/expired}: the change token of the login and the new password. */
    public record ExpiredPasswordChange(String changeToken, String newPassword, String deviceId) implements RequestBody {
        @Override
        public List<String> missingFields() {
            return RequestBody.absent("change_token", changeToken, "new_password", newPassword);
        }

        @Override
        public String toString() {
            return "ExpiredPasswordChange[changeToken=***, newPassword=***, deviceId=***]";
        }
    }

    /** {@code POST /v1/users/mfa/totp/confirm} and {@code /v1/users/mfa/recovery-codes}: a code of the app. */
    public record TotpCode(String code) implements RequestBody {
        @Override
        public List<String> missingFields() {
            return RequestBody.absent("code", code);
        }

        @Override
        public String toString() {
            return "TotpCode[code=***]";
        }
    }

    /** {@code DELETE /v1/users/mfa/totp}: the password and a code of the app (or a recovery code). */
    public record MfaDisable(String password, String code) implements RequestBody {
        @Override
        public List<String> missingFields() {
            return RequestBody.absent("password", password, "code", code);
        }

        @Override
        public String toString() {
            return "MfaDisable[password=***, code=***]";
        }
    }

    /** {@code POST /v1/users/refresh}. */
    public record Refresh(String refreshToken) implements RequestBody {
        @Override
        public List<String> missingFields() {
            return RequestBody.absent("refresh_token", refreshToken);
        }

        @Override
        public String toString() {
            return "Refresh[refreshToken=***]";
        }
    }

    /** {@code PUT /v1/users/profile}: absent fields stay as they are. */
    public record ProfileChange(
            String name,
            String aboutMe,
            @JsonSetter(contentNulls = Nulls.FAIL) List<String> hobbies,
            String accountType) implements RequestBody {
        @Override
        public List<String> missingFields() {
            return List.of();
        }

        Outcome<ProfileUpdate> toUpdate() {
            return parseAccountType(accountType).map(type -> new ProfileUpdate(name, aboutMe, hobbies, type.orElse(null)));
        }
    }

    /** {@code PUT /v1/users/email}. */
    public record EmailChange(String newEmail, String password) implements RequestBody {
        @Override
        public List<String> missingFields() {
            return RequestBody.absent("new_email", newEmail, "password", password);
        }

        @Override
        public String toString() {
            return "EmailChange[newEmail=" + newEmail + ", password=***]";
        }
    }

    /** {@code PUT /v1/users/password}. */
    public record PasswordChange(String currentPassword, String newPassword) implements RequestBody {
        @Override
        public List<String> missingFields() {
            return RequestBody.absent("current_password", currentPassword, "new_password", newPassword);
        }

        @Override
        public String toString() {
            return "PasswordChange[currentPassword=***, newPassword=***]";
        }
    }

    /** {@code POST /v1/users/password-reset/request}. */
    public record ResetRequest(String email) implements RequestBody {
        @Override
        public List<String> missingFields() {
            return RequestBody.absent("email", email);
        }
    }

    /** {@code POST /v1/users/password-reset/confirm}. */
    public record ResetConfirmation(String email, String code, String newPassword) implements RequestBody {
        @Override
        public List<String> missingFields() {
            return RequestBody.absent("email", email, "code", code, "new_password", newPassword);
        }

        @Override
        public String toString() {
            return "ResetConfirmation[email=" + email + ", code=***, newPassword=***]";
        }
    }

    /** {@code DELETE /v1/users/account}. */
    public record AccountDeletion(String password, String reason) implements RequestBody {
        @Override
        public List<String> missingFields() {
            return RequestBody.absent("password", password);
        }

        @Override
        public String toString() {
            return "AccountDeletion[password=***, reason=" + reason + "]";
        }
    }

    /** {@code POST /v1/users/api-key/reveal} and {@code /regenerate}: the current password. */
    public record PasswordConfirmation(String password) implements RequestBody {
        @Override
        public List<String> missingFields() {
            return RequestBody.absent("password", password);
        }

        @Override
        public String toString() {
            return "PasswordConfirmation[password=***]";
        }
    }

    /**
     * {@code POST /v1/users/api-keys}: all optional; {@code expires_at} an ISO-8601 instant,
     * {@code allowed_ips} the address ranges the key works from (the use case checks them).
     */
    public record ApiKeyCreation(String name, String expiresAt,
            @JsonSetter(contentNulls = Nulls.FAIL) List<String> allowedIps) implements RequestBody {
        @Override
        public List<String> missingFields() {
            return List.of();
        }

        /** {@code expires_at} as an instant, empty when absent; text that is no instant is refused as invalid. */
        Outcome<Optional<Instant>> expiry() {
            if (expiresAt == null) {
                return Outcome.done(Optional.empty());
            }
            try {
                return Outcome.done(Optional.of(Instant.parse(expiresAt)));
            } catch (DateTimeParseException malformed) {
                return Outcome.refused(Problem.InvalidInput.of("expires_at",
                        "must be an ISO-8601 instant such as 2030-01-01T00:00:00Z"));
            }
        }
    }

    /** {@code PATCH /v1/users/api-keys/{id}}: the address ranges the key works from, empty for anywhere. */
    public record ApiKeyRestriction(@JsonSetter(contentNulls = Nulls.FAIL) List<String> allowedIps)
            implements RequestBody {
        @Override
        public List<String> missingFields() {
            return RequestBody.absent("allowed_ips", allowedIps);
        }
    }

    /** {@code POST /v1/email/verify}. */
    public record Verification(String email, String code) implements RequestBody {
        @Override
        public List<String> missingFields() {
            return RequestBody.absent("code", code);
        }

        @Override
        public String toString() {
            return "Verification[email=" + email + ", code=***]";
        }
    }

    /** {@code POST /v1/email/verify/resend}. */
    public record VerificationCodeRequest(String email) implements RequestBody {
        @Override
        public List<String> missingFields() {
            return RequestBody.absent("email", email);
        }
    }

    /**
     * {@code POST /v1/keys/verify}: the API key, and optionally the meter ({@code credits}), the
     * cost (1), an entitlement the plan must grant, the service's {@code request_id} of the call
     * and its {@code tags} (an object of strings). The cost, the meter, the request id and the
     * tags are the use case's to judge.
     */
    public record KeyCheck(String key, String meter, Long cost, String entitlement, String clientIp, String requestId,
            Map<String, String> tags) implements RequestBody {

        /** An IPv4 or IPv6 literal, as a proxy or service forwards it; no host names. */
        private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

        @Override
        public List<String> missingFields() {
            return RequestBody.absent("key", key);
        }

        /**
         * The check, from the service's end user's address when the service forwards it in
         * {@code client_ip} (failed verifications are throttled per address), else from the
         * service's own.
         */
        Outcome<dev.tollgate.port.api.metering.KeyCheck> toCheck(TenantId tenant, RequestContext caller) {
            if (clientIp != null && !IP_LITERAL.matcher(clientIp).matches()) {
                return Outcome.refused(Problem.InvalidInput.of("client_ip", "must be an IPv4 or IPv6 address"));
            }
            RequestContext origin = clientIp == null ? caller : RequestContext.of(clientIp, caller.userAgent());
            return Outcome.done(new dev.tollgate.port.api.metering.KeyCheck(tenant, key, meter, cost == null ? 1 : cost,
                    entitlement, origin, requestId, tags));
        }

        @Override
        public String toString() {
            return "KeyCheck[key=***, meter=" + meter + ", cost=" + cost + ", entitlement=" + entitlement
                    + ", clientIp=" + clientIp + ", requestId=" + requestId + ", tags="
                    + (tags == null ? null : tags.keySet()) + "]";
        }
    }

    /** {@code PUT /v1/billing/users/{id}/subscription}: the plan; the overrides optional. */
    public record PlanChange(String plan, Map<String, Long> allowanceOverrides, Integer rateLimitOverride,
            List<String> extraEntitlements) implements RequestBody {
        @Override
        public List<String> missingFields() {
            return RequestBody.absent("plan", plan);
        }

        Outcome<dev.tollgate.port.api.metering.PlanChange> toChange() {
            if (allowanceOverrides != null && allowanceOverrides.containsValue(null)) {
                return Outcome.refused(Problem.InvalidInput.of("allowance_overrides", "must not hold null"));
            }
            if (extraEntitlements != null && extraEntitlements.contains(null)) {
                return Outcome.refused(Problem.InvalidInput.of("extra_entitlements", "must not hold null"));
            }
            return Outcome.done(new dev.tollgate.port.api.metering.PlanChange(plan, allowanceOverrides,
                    rateLimitOverride, extraEntitlements == null ? null : Set.copyOf(extraEntitlements)));
        }
    }

    /** {@code POST /v1/billing/users/{id}/top-ups}: both required. */
    public record TopUp(String meter, Long amount) implements RequestBody {
        @Override
        public List<String> missingFields() {
            return RequestBody.absent("meter", meter, "amount", amount);
        }
    }
}

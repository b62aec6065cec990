package dev.tollgate.adapter.http.internal;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.tollgate.port.AccountType;
import dev.tollgate.port.Permission;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.Problem.FieldError;
import dev.tollgate.port.api.admin.UserChange;
import dev.tollgate.port.api.network.NewIpRule;
import dev.tollgate.port.api.profile.ProfileUpdate;
import dev.tollgate.port.settings.ServiceLevel;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The JSON bodies of {@code /v1/admin}, one record per request; {@code reason} is optional everywhere. */
public final class AdminRequests {

    private AdminRequests() {
    }

    /** A body holding only the optional {@code reason}; the body itself may be absent. */
    public record Reason(String reason) implements RequestBody {
        static final Reason NONE = new Reason(null);

        @Override
        public List<String> missingFields() {
            return List.of();
        }
    }

    /** {@code PATCH /v1/admin/users/{id}}: absent fields stay as they are. */
    public record UserPatch(
            String email,
            String name,
            String aboutMe,
            @JsonSetter(contentNulls = Nulls.FAIL) List<String> hobbies,
            String accountType,
            String plan,
            String level,
            @JsonSetter(contentNulls = Nulls.FAIL) Map<String, Long> allowances,
            Integer rateLimit,
            @JsonSetter(contentNulls = Nulls.FAIL) List<String> entitlements,
            String notes,
            String reason) implements RequestBody {

        @Override
        public List<String> missingFields() {
            return List.of();
        }

        Outcome<UserChange> toChange() {
            List<FieldError> errors = new ArrayList<>();
            AccountType type = null;
            if (accountType != null) {
                type = switch (accountType) {
                    case "personal" -> AccountType.PERSONAL;
                    case "business" -> AccountType.BUSINESS;
                    default -> {
                        errors.add(new FieldError("account_type", "must be personal or business"));
                        yield null;
                    }
                };
            }
            ServiceLevel serviceLevel = null;
            if (level != null) {
                serviceLevel = switch (level) {
                    case "low" -> ServiceLevel.LOW;
                    case "medium" -> ServiceLevel.MEDIUM;
                    case "high" -> ServiceLevel.HIGH;
                    default -> {
                        errors.add(new FieldError("level", "must be low, medium or high"));
                        yield null;
                    }
                };
            }
            if (!errors.isEmpty()) {
                return Outcome.refused(new Problem.InvalidInput(errors));
            }
            boolean profileChanged = name != null || aboutMe != null || hobbies != null || accountType != null;
            return Outcome.done(new UserChange(email, profileChanged ? new ProfileUpdate(name, aboutMe, hobbies, type) : null,
                    plan, serviceLevel, allowances, rateLimit, entitlements == null ? null : Set.copyOf(entitlements),
                    notes));
        }
    }

    /** {@code POST /v1/admin/users/{id}/credits}: a negative amount deducts. */
    public record Credits(String meter, Long amount, String reason) implements RequestBody {
        @Override
        public List<String> missingFields() {
            return RequestBody.absent("meter", meter, "amount", amount);
        }
    }

    /** {@code POST /v1/admin/staff}: an existing user by {@code user_id}, or an invitation by {@code email}. */
    public record StaffGrant(String userId, String email, String role, String reason) implements RequestBody {
        @Override
        public List<String> missingFields() {
            return RequestBody.absent("role", role);
        }
    }

    /** {@code PATCH /v1/admin/staff/{user_id}}. */
    public record RoleChange(String role, String reason) implements RequestBody {
        @Override
        public List<String> missingFields() {
            return RequestBody.absent("role", role);
        }
    }

    /** {@code POST /v1/admin/tenants}. */
    public record TenantCreation(String id, String name) implements RequestBody {
        @Override
        public List<String> missingFields() {
            return RequestBody.absent("id", id, "name", name);
        }
    }

    /** {@code PATCH /v1/admin/tenants/{id}}. */
    public record TenantRename(String name, String reason) implements RequestBody {
        @Override
        public List<String> missingFields() {
            return RequestBody.absent("name", name);
        }
    }

    /** {@code POST /v1/admin/service-accounts}: permissions by their dotted names. */
    public record ServiceAccountCreation(String name, @JsonSetter(contentNulls = Nulls.FAIL) List<String> permissions)
            implements RequestBody {
        @Override
        public List<String> missingFields() {
            return RequestBody.absent("name", name, "permissions", permissions);
        }

        Outcome<Set<Permission>> permissionSet() {
            Set<Permission> found = EnumSet.noneOf(Permission.class);
            List<FieldError> errors = new ArrayList<>();
            for (int i = 0; i < permissions.size(); i++) {
                Optional<Permission> named = Permission.named(permissions.get(i).toLowerCase(Locale.ROOT));
                if (named.isPresent()) {
                    found.add(named.get());
                } else {
                    errors.add(new FieldError("permissions[" + i + "]", "is not a permission"));
                }
            }
            return errors.isEmpty() ? Outcome.done(found) : Outcome.refused(new Problem.InvalidInput(errors));
        }
    }

    /**
     * {@code POST /v1/admin/ip-rules}: the range, {@code allow} or {@code deny}, and why; the tenant
     * it applies to (absent: every tenant) and when it ends (absent: never) are optional. What the
     * use case checks (the range, the action, the reason, the expiry) is its to refuse.
     */
    public record IpRuleCreation(String cidr, String action, String reason, String tenant, String expiresAt)
            implements RequestBody {
        @Override
        public List<String> missingFields() {
            return RequestBody.absent("cidr", cidr, "action", action, "reason", reason);
        }

        Outcome<NewIpRule> toRule() {
            List<FieldError> errors = new ArrayList<>();
            TenantId scope = null;
            if (tenant != null) {
                try {
                    scope = TenantId.of(tenant);
                } catch (IllegalArgumentException malformed) {
                    errors.add(new FieldError("tenant", "must be a tenant id: 1-64 characters of a-z, 0-9, '-' and '_'"));
                }
            }
            Instant expiry = null;
            if (expiresAt != null) {
                try {
                    expiry = Instant.parse(expiresAt);
                } catch (DateTimeParseException malformed) {
                    errors.add(new FieldError("expires_at", "must be an ISO-8601 instant such as 2030-01-01T00:00:00Z"));
                }
            }
            return errors.isEmpty() ? Outcome.done(new NewIpRule(scope, cidr, action, reason, expiry))
                    : Outcome.refused(new Problem.InvalidInput(errors));
        }
    }

    /** {@code POST /v1/admin/setup}: the setup token and the first super admin's account. */
    public record Setup(String token, String username, String email, String password) implements RequestBody {
        @Override
        public List<String> missingFields() {
            return RequestBody.absent("token", token, "username", username, "email", email, "password", password);
        }

        @Override
        public String toString() {
            return "Setup[token=***, username=" + username + ", email=" + email + ", password=***]";
        }
    }
}

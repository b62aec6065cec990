package dev.tollgate.port.settings;

import static dev.tollgate.port.Permission.ADMINS_MANAGE;
import static dev.tollgate.port.Permission.AUDIT_READ;
import static dev.tollgate.port.Permission.STATS_READ;
import static dev.tollgate.port.Permission.TENANTS_MANAGE;
import static dev.tollgate.port.Permission.USERS_CREDITS;
import static dev.tollgate.port.Permission.USERS_READ;
import static dev.tollgate.port.Permission.USERS_RESET_MFA;
import static dev.tollgate.port.Permission.USERS_RESET_PASSWORD;
import static dev.tollgate.port.Permission.USERS_SESSIONS;
import static dev.tollgate.port.Permission.USERS_SUSPEND;
import static dev.tollgate.port.Permission.USERS_UNLOCK;
import static dev.tollgate.port.Permission.USERS_UPDATE_CONTACT;
import static dev.tollgate.port.Permission.USERS_UPDATE_LIMITS;
import static dev.tollgate.port.Permission.USERS_UPDATE_PLAN;

import dev.tollgate.port.Permission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Staff roles and the rules for staff sessions.
 *
 * @param roles                the roles in tiers, lowest first; names unique. The highest one is
 *                             the super admin's: it holds every permission and acts in every
 *                             tenant, and the last holder of it cannot be removed or demoted
 * @param sessions             the lifetimes of a staff member's sessions, which replace the
 *                             user session lifetimes when shorter; default 8 hours access and
 *                             refresh, ending after 30 minutes unused
 * @param requireVerifiedEmail whether staff powers need a verified email address; default true
 */
public record StaffSettings(List<Role> roles, SessionSettings sessions, boolean requireVerifiedEmail) {

    public static final String SUPPORT_NEW = "support_new";
    public static final String SUPPORT = "support";
    public static final String SUPPORT_ADVANCED = "support_advanced";
    public static final String ADMIN = "admin";
    public static final String SUPER_ADMIN = "super_admin";

    /** What one grant or deduction by {@code support} may move by default. */
    public static final long DEFAULT_SUPPORT_CREDIT_CAP = 1_000;

    public static final List<Role> DEFAULT_ROLES = List.of(
            new Role(SUPPORT_NEW, EnumSet.of(USERS_READ), 0, false),
            new Role(SUPPORT, EnumSet.of(USERS_READ, USERS_UPDATE_CONTACT, USERS_RESET_PASSWORD, USERS_UPDATE_PLAN,
                    USERS_UPDATE_LIMITS, USERS_CREDITS), DEFAULT_SUPPORT_CREDIT_CAP, false),
            new Role(SUPPORT_ADVANCED, EnumSet.of(USERS_READ, USERS_UPDATE_CONTACT, USERS_RESET_PASSWORD,
                    USERS_UPDATE_PLAN, USERS_UPDATE_LIMITS, USERS_CREDITS, USERS_SUSPEND, USERS_UNLOCK, USERS_SESSIONS,
                    USERS_RESET_MFA, AUDIT_READ, STATS_READ), Long.MAX_VALUE, false),
            // an admin makes its tenant's service accounts, so it holds what they are made for: it grants no
            // permission it lacks
            new Role(ADMIN, EnumSet.complementOf(EnumSet.of(ADMINS_MANAGE, TENANTS_MANAGE)), Long.MAX_VALUE, false),
            new Role(SUPER_ADMIN, EnumSet.allOf(Permission.class), Long.MAX_VALUE, true));

    public static final StaffSettings DEFAULTS = new StaffSettings(DEFAULT_ROLES,
            new SessionSettings(Duration.ofHours(8), Duration.ofHours(8), Duration.ofMinutes(30)), true);

    public StaffSettings {
        roles = List.copyOf(roles);
        Objects.requireNonNull(sessions, "staff sessions");
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("staff roles: at least the super admin's role is needed");
        }
        Set<String> names = new HashSet<>();
        for (Role role : roles) {
            if (!names.add(role.name())) {
                throw new IllegalArgumentException("staff roles: '" + role.name() + "' is named twice");
            }
        }
        Role top = roles.get(roles.size() - 1);
        if (!top.permissions().containsAll(EnumSet.allOf(Permission.class)) || !top.allTenants()) {
            throw new IllegalArgumentException("staff roles: the highest role ('" + top.name()
                    + "') must hold every permission and act in all tenants");
        }
    }

    /** The role named {@code name}, if configured. */
    public Optional<Role> role(String name) {
        return roles.stream().filter(role -> role.name().equals(name)).findFirst();
    }

    /** The tier of {@code role}: its place in {@link #roles()}, 0 for the lowest. */
    public int tier(Role role) {
        int tier = roles.indexOf(role);
        if (tier < 0) {
            throw new IllegalArgumentException("not a configured role: " + role.name());
        }
        return tier;
    }

    /** The highest role, the super admin's. */
    public Role highest() {
        return roles.get(roles.size() - 1);
    }

    public StaffSettings withRoles(List<Role> value) {
        return new StaffSettings(value, sessions, requireVerifiedEmail);
    }

    public StaffSettings withSessions(SessionSettings value) {
        return new StaffSettings(roles, value, requireVerifiedEmail);
    }

    public StaffSettings withRequireVerifiedEmail(boolean value) {
        return new StaffSettings(roles, sessions, value);
    }
}

package dev.tollgate.port.api.staff;

import dev.tollgate.port.Permission;
import dev.tollgate.port.ServiceAccountId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who performs an administrative use case, as the core resolved it ({@link Staff#actorOf},
 * {@link ServiceAccounts#actorOf}) or as an embedder states it ({@link #system}). Every
 * administrative use case takes one and decides from it alone whether the call is allowed.
 *
 * @param kind        a staff member, a service account or the operator's own system
 * @param tenant      the tenant the actor belongs to; it acts there only unless {@code allTenants}
 * @param staff       the staff member, for {@link Kind#STAFF}; else null
 * @param service     the service account, for {@link Kind#SERVICE}; else null
 * @param role        the staff member's role name, for {@link Kind#STAFF}; else null
 * @param tier        the role's tier (0 lowest); -1 for a service account (below every staff
 *                    account), {@link Integer#MAX_VALUE} for the system
 * @param permissions what the actor may do
 * @param creditCap   the most credits one grant or deduction may move
 * @param allTenants  whether the actor acts in every tenant
 */
public record Actor(
        Kind kind,
        TenantId tenant,
        UserRef staff,
        ServiceAccountId service,
        String role,
        int tier,
        Set<Permission> permissions,
        long creditCap,
        boolean allTenants) {

    /** What kind of principal acts. */
    public enum Kind {
        /** A user holding a staff role, signed in with a session. */
        STAFF,
        /** A non-human principal holding a key. */
        SERVICE,
        /** The operator's own code or command line: every permission, every tenant, recorded without an actor. */
        SYSTEM
    }

    public Actor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tenant, "tenant");
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
        if ((kind == Kind.STAFF) != (staff != null && role != null)) {
            throw new IllegalArgumentException("a staff actor, and only one, names its user and role");
        }
        if ((kind == Kind.SERVICE) != (service != null)) {
            throw new IllegalArgumentException("a service actor, and only one, names its service account");
        }
        if (creditCap < 0) {
            throw new IllegalArgumentException("creditCap must not be negative");
        }
    }

    /**
     * The operator acting through its own code, a command or a job: every permission in every
     * tenant, above every tier. The audit records it with no actor.
     */
    public static Actor system() {
        return new Actor(Kind.SYSTEM, TenantId.DEFAULT, null, null, null, Integer.MAX_VALUE,
                EnumSet.allOf(Permission.class), Long.MAX_VALUE, true);
    }

    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }

    /** Whether the actor may act on records of {@code target}. */
    public boolean reaches(TenantId target) {
        return allTenants || tenant.equals(target);
    }

    /** The user the audit records as the actor: the staff member, or none. */
    public Optional<UserId> auditedAs() {
        return kind == Kind.STAFF ? Optional.of(staff.id()) : Optional.empty();
    }
}

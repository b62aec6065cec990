package dev.tollgate.core;

import dev.tollgate.port.Permission;
import dev.tollgate.port.ServiceAccountId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.settings.Role;
import dev.tollgate.port.settings.StaffSettings;
import dev.tollgate.port.spi.staff.StaffRecord;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Staff actors for the administration tests: a registered user of the fixture holding a default
 * role in the staff store, and the {@link Actor} the core would resolve for them.
 */
final class AdminActors {

    /** The names the permission tables use: the five default roles and a service account without permissions. */
    static final String SERVICE = "service";

    private final CoreFixture fixture;

    AdminActors(CoreFixture fixture) {
        this.fixture = fixture;
    }

    /** A new staff member of {@code role} in the default tenant, or a service account for {@link #SERVICE}. */
    Actor actor(String role) {
        if (SERVICE.equals(role)) {
            return service(EnumSet.noneOf(Permission.class));
        }
        return staff(role, fixture.registerVerified(role + "-" + UUID.randomUUID().toString().substring(0, 8)));
    }

    /** {@code user} made a staff member of {@code role}, and the actor it is. */
    Actor staff(String roleName, UserRef user) {
        StaffSettings settings = fixture.settings.staff();
        Role role = settings.role(roleName).orElseThrow();
        fixture.stores().staff().grant(new StaffRecord(user, roleName, fixture.clock.instant(), null,
                fixture.clock.instant()));
        return new Actor(Actor.Kind.STAFF, user.tenant(), user, null, roleName, settings.tier(role),
                role.permissions(), role.creditCap(), role.allTenants());
    }

    /** A service account of the default tenant holding {@code permissions}. */
    static Actor service(Set<Permission> permissions) {
        return new Actor(Actor.Kind.SERVICE, TenantId.DEFAULT, null, new ServiceAccountId(UUID.randomUUID()), null, -1,
                permissions, 0, false);
    }
}

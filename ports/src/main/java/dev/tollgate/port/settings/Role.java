package dev.tollgate.port.settings;

import dev.tollgate.port.Permission;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A staff role: a named set of permissions. Roles are ordered in tiers by their place in
 * {@link StaffSettings#roles()} (lowest first): nobody grants a role above their own or acts on
 * a staff account of an equal or higher tier, except that the highest tier acts on its peers.
 *
 * @param name        lower-case letters, digits and {@code _}, such as {@code support}
 * @param permissions what holders may do
 * @param creditCap   the most credits one grant or deduction of this role may move; 0 when none,
 *                    {@link Long#MAX_VALUE} for no cap
 * @param allTenants  whether holders act in every tenant, not only their own
 */
public record Role(String name, Set<Permission> permissions, long creditCap, boolean allTenants) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    public Role {
        Objects.requireNonNull(name, "role name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a role name is 1-32 characters of a-z, 0-9 and '_', starting with a letter: "
                    + name);
        }
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
        if (creditCap < 0) {
            throw new IllegalArgumentException("role " + name + ": creditCap must not be negative");
        }
    }

    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }
}

package dev.tollgate.port.spi.staff;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who holds which staff role. Roles are plain names to a store; the core knows their tiers.
 * Each method is one atomic operation, correct with several processes on one database. The
 * guarded role is the highest one: across all tenants, no change may leave it without a holder,
 * so two super admins demoting each other at once leave exactly one.
 */
public interface StaffStore {

    Optional<StaffRecord> find(UserRef user);

    /** Gives the user a role unless they hold one: {@code APPLIED} or {@code ALREADY_STAFF}. */
    StaffChange grant(StaffRecord staff);

    /**
     * Gives the user {@code staff.role()} only if nobody in any tenant holds it yet, and the
     * user holds no role: {@code APPLIED}, {@code HOLDER_EXISTS} or {@code ALREADY_STAFF}. Of
     * many first-run setups at once, exactly one wins.
     */
    StaffChange grantFirst(StaffRecord staff);

    /**
     * Moves the user from {@code expectedRole} to {@code role} (compare-and-set), recording
     * {@code by} and {@code now}: {@code NO_MATCH} when they do not hold {@code expectedRole};
     * {@code LAST_HOLDER} when {@code expectedRole} is {@code guardedRole}, {@code role} is not,
     * and the user is its only holder in all tenants.
     */
    StaffChange changeRole(UserRef user, String expectedRole, String role, UserId by, Instant now, String guardedRole);

    /** Takes the role away, with the same compare-and-set and guard as {@link #changeRole}. */
    StaffChange revoke(UserRef user, String expectedRole, String guardedRole);

    /** How many users hold {@code role}, in all tenants. */
    long countHolders(String role);

    /** The staff of {@code tenant} by user id, ascending, after {@code after} (null: from the first), at most {@code limit}. */
    List<StaffRecord> list(TenantId tenant, UserId after, int limit);
}

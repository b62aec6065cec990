package dev.tollgate.adapter.memory.staff;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.staff.StaffChange;
import dev.tollgate.port.spi.staff.StaffRecord;
import dev.tollgate.port.spi.staff.StaffStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A {@link StaffStore} in memory. One lock guards every role, so the guard on the last holder of
 * the guarded role sees all tenants at once. Staff are listed by user id compared as unsigned
 * 128-bit numbers, as databases compare UUIDs.
 */
public final class InMemoryStaffStore implements StaffStore {

    private static final Comparator<UUID> UNSIGNED = (a, b) -> {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };
    private static final Comparator<StaffRecord> BY_USER_ID =
            Comparator.comparing((StaffRecord staff) -> staff.user().id().value(), UNSIGNED);

    private final Object lock = new Object();
    private final Map<UserRef, StaffRecord> staff = new HashMap<>();

    @Override
    public Optional<StaffRecord> find(UserRef user) {
        Objects.requireNonNull(user, "user");
        synchronized (lock) {
            return Optional.ofNullable(staff.get(user));
        }
    }

    @Override
    public StaffChange grant(StaffRecord record) {
        Objects.requireNonNull(record, "staff");
        synchronized (lock) {
            if (staff.putIfAbsent(record.user(), record) != null) {
                return StaffChange.of(StaffChange.Kind.ALREADY_STAFF);
            }
            return StaffChange.applied(record);
        }
    }

    @Override
    public StaffChange grantFirst(StaffRecord record) {
        Objects.requireNonNull(record, "staff");
        synchronized (lock) {
            if (staff.containsKey(record.user())) {
                return StaffChange.of(StaffChange.Kind.ALREADY_STAFF);
            }
            if (holders(record.role()) > 0) {
                return StaffChange.of(StaffChange.Kind.HOLDER_EXISTS);
            }
            staff.put(record.user(), record);
            return StaffChange.applied(record);
        }
    }

    @Override
    public StaffChange changeRole(UserRef user, String expectedRole, String role, UserId by, Instant now,
            String guardedRole) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(expectedRole, "expectedRole");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(guardedRole, "guardedRole");
        synchronized (lock) {
            StaffRecord current = staff.get(user);
            if (current == null || !current.role().equals(expectedRole)) {
                return StaffChange.of(StaffChange.Kind.NO_MATCH);
            }
            if (expectedRole.equals(guardedRole) && !role.equals(guardedRole) && holders(guardedRole) <= 1) {
                return StaffChange.of(StaffChange.Kind.LAST_HOLDER);
            }
            StaffRecord changed = new StaffRecord(user, role, current.grantedAt(), by, now);
            staff.put(user, changed);
            return StaffChange.applied(changed);
        }
    }

    @Override
    public StaffChange revoke(UserRef user, String expectedRole, String guardedRole) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(expectedRole, "expectedRole");
        Objects.requireNonNull(guardedRole, "guardedRole");
        synchronized (lock) {
            StaffRecord current = staff.get(user);
            if (current == null || !current.role().equals(expectedRole)) {
                return StaffChange.of(StaffChange.Kind.NO_MATCH);
            }
            if (expectedRole.equals(guardedRole) && holders(guardedRole) <= 1) {
                return StaffChange.of(StaffChange.Kind.LAST_HOLDER);
            }
            staff.remove(user);
            return StaffChange.applied(current);
        }
    }

    @Override
    public long countHolders(String role) {
        Objects.requireNonNull(role, "role");
        synchronized (lock) {
            return holders(role);
        }
    }

    @Override
    public List<StaffRecord> list(TenantId tenant, UserId after, int limit) {
        Objects.requireNonNull(tenant, "tenant");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        synchronized (lock) {
            return staff.values().stream()
                    .filter(record -> record.user().tenant().equals(tenant))
                    .filter(record -> after == null || UNSIGNED.compare(record.user().id().value(), after.value()) > 0)
                    .sorted(BY_USER_ID)
                    .limit(limit)
                    .toList();
        }
    }

    /** Holders of {@code role} in all tenants; the caller holds the lock. */
    private long holders(String role) {
        return staff.values().stream().filter(record -> record.role().equals(role)).count();
    }
}

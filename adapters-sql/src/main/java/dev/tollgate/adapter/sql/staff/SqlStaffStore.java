package dev.tollgate.adapter.sql.staff;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.staff.StaffChange;
import dev.tollgate.port.spi.staff.StaffChange.Kind;
import dev.tollgate.port.spi.staff.StaffRecord;
import dev.tollgate.port.spi.staff.StaffStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Staff roles in {@code tg_staff}, one row per user. A change that needs no guard is one
 * conditional statement. One that does (demoting or revoking a holder of the guarded role, or
 * granting a first holder) is a transaction that first takes the role's lock
 * ({@link SqlDialect#transactionLock()}: an advisory lock on PostgreSQL, the write lock every
 * SQLite transaction takes), then counts the holders and changes the row: so of two holders
 * demoting each other at once, the second counts after the first committed and is refused,
 * whichever process or connection each runs on.
 */
public final class SqlStaffStore implements StaffStore {

    private static final String COLUMNS = "tenant_id, user_id, role, granted_at, granted_by, updated_at";
    private static final String OF_USER = " WHERE tenant_id = :tenant AND user_id = :user";
    /** The lock space of staff roles, the first half of their lock's name ("tgst"). */
    private static final int ROLE_LOCKS = 0x74677374;

    private final Database database;
    private final SqlDialect dialect;

    public SqlStaffStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
    }

    @Override
    public Optional<StaffRecord> find(UserRef user) {
        Objects.requireNonNull(user, "user");
        return database.call("find staff", handle -> find(handle, user));
    }

    @Override
    public StaffChange grant(StaffRecord staff) {
        Objects.requireNonNull(staff, "staff");
        return database.call("grant staff role", handle -> insert(handle, staff));
    }

    @Override
    public StaffChange grantFirst(StaffRecord staff) {
        Objects.requireNonNull(staff, "staff");
        return database.inTransaction("grant first staff role", handle -> {
            lock(handle, staff.role());
            if (find(handle, staff.user()).isPresent()) {
                return StaffChange.of(Kind.ALREADY_STAFF);
            }
            if (holders(handle, staff.role()) > 0) {
                return StaffChange.of(Kind.HOLDER_EXISTS);
            }
            return insert(handle, staff);
        });
    }

    @Override
    public StaffChange changeRole(UserRef user, String expectedRole, String role, UserId by, Instant now,
            String guardedRole) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(expectedRole, "expectedRole");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(guardedRole, "guardedRole");
        if (!expectedRole.equals(guardedRole) || role.equals(guardedRole)) {
            return database.call("change staff role", handle -> update(handle, user, expectedRole, role, by, now));
        }
        return database.inTransaction("change staff role", handle -> {
            StaffChange refused = lastHolderGuard(handle, user, guardedRole);
            return refused != null ? refused : update(handle, user, expectedRole, role, by, now);
        });
    }

    @Override
    public StaffChange revoke(UserRef user, String expectedRole, String guardedRole) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(expectedRole, "expectedRole");
        Objects.requireNonNull(guardedRole, "guardedRole");
        if (!expectedRole.equals(guardedRole)) {
            return database.call("revoke staff role", handle -> delete(handle, user, expectedRole));
        }
        return database.inTransaction("revoke staff role", handle -> {
            StaffChange refused = lastHolderGuard(handle, user, guardedRole);
            return refused != null ? refused : delete(handle, user, expectedRole);
        });
    }

    @Override
    public long countHolders(String role) {
        Objects.requireNonNull(role, "role");
        return database.call("count staff", handle -> holders(handle, role));
    }

    @Override
    public List<StaffRecord> list(TenantId tenant, UserId after, int limit) {
        Objects.requireNonNull(tenant, "tenant");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        return database.call("list staff", handle -> {
            var query = handle.createQuery("SELECT " + COLUMNS + " FROM tg_staff WHERE tenant_id = :tenant"
                    + (after == null ? "" : " AND user_id > :after") + " ORDER BY user_id LIMIT :limit");
            if (after != null) {
                query.bind("after", dialect.uuid(after.value()));
            }
            return query.bind("tenant", tenant.value()).bind("limit", limit).map((row, context) -> read(row)).list();
        });
    }

    /**
     * Under the guarded role's lock: {@code NO_MATCH} when the user does not hold it,
     * {@code LAST_HOLDER} when nobody else does, else null (the change may go ahead).
     */
    private StaffChange lastHolderGuard(Handle handle, UserRef user, String guardedRole) {
        lock(handle, guardedRole);
        if (find(handle, user).filter(current -> current.role().equals(guardedRole)).isEmpty()) {
            return StaffChange.of(Kind.NO_MATCH);
        }
        return holders(handle, guardedRole) <= 1 ? StaffChange.of(Kind.LAST_HOLDER) : null;
    }

    private void lock(Handle handle, String role) {
        String statement = dialect.transactionLock();
        if (statement != null) {
            handle.createQuery(statement)
                    .bind("space", ROLE_LOCKS)
                    .bind("key", role.hashCode())
                    .mapToMap()
                    .one();
        }
    }

    private Optional<StaffRecord> find(Handle handle, UserRef user) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM tg_staff" + OF_USER)
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .map((row, context) -> read(row))
                .findOne();
    }

    private long holders(Handle handle, String role) {
        return handle.createQuery("SELECT COUNT(*) FROM tg_staff WHERE role = :role")
                .bind("role", role)
                .mapTo(Long.class)
                .one();
    }

    /** Inserts the row unless the user has one: the unique indexes decide, so concurrent grants cannot both apply. */
    private StaffChange insert(Handle handle, StaffRecord staff) {
        int inserted = handle.createUpdate("INSERT INTO tg_staff (" + COLUMNS + ") VALUES (:tenant, :user, :role, "
                        + ":grantedAt, :grantedBy, :updatedAt) ON CONFLICT DO NOTHING")
                .bind("tenant", staff.user().tenant().value())
                .bind("user", dialect.uuid(staff.user().id().value()))
                .bind("role", staff.role())
                .bind("grantedAt", dialect.instant(staff.grantedAt()))
                .bind("grantedBy", dialect.uuid(staff.grantedBy() == null ? null : staff.grantedBy().value()))
                .bind("updatedAt", dialect.instant(staff.updatedAt()))
                .execute();
        return inserted == 1 ? StaffChange.applied(staff) : StaffChange.of(Kind.ALREADY_STAFF);
    }

    private StaffChange update(Handle handle, UserRef user, String expectedRole, String role, UserId by, Instant now) {
        return handle.createQuery("UPDATE tg_staff SET role = :role, granted_by = :by, updated_at = :now" + OF_USER
                        + " AND role = :expected RETURNING " + COLUMNS)
                .bind("role", role)
                .bind("by", dialect.uuid(by == null ? null : by.value()))
                .bind("now", dialect.instant(now))
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .bind("expected", expectedRole)
                .map((row, context) -> read(row))
                .findOne()
                .map(StaffChange::applied)
                .orElseGet(() -> StaffChange.of(Kind.NO_MATCH));
    }

    private StaffChange delete(Handle handle, UserRef user, String expectedRole) {
        return handle.createQuery("DELETE FROM tg_staff" + OF_USER + " AND role = :expected RETURNING " + COLUMNS)
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .bind("expected", expectedRole)
                .map((row, context) -> read(row))
                .findOne()
                .map(StaffChange::applied)
                .orElseGet(() -> StaffChange.of(Kind.NO_MATCH));
    }

    private StaffRecord read(ResultSet row) throws SQLException {
        UUID grantedBy = dialect.uuid(row, "granted_by");
        return new StaffRecord(
                new UserRef(TenantId.of(row.getString("tenant_id")), new UserId(dialect.uuid(row, "user_id"))),
                row.getString("role"),
                dialect.instant(row, "granted_at"),
                grantedBy == null ? null : new UserId(grantedBy),
                dialect.instant(row, "updated_at"));
    }
}

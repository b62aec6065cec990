package dev.tollgate.adapter.sql.staff;

import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.staff.StaffChange;
import dev.tollgate.port.spi.staff.StaffRecord;
import dev.tollgate.port.spi.staff.StaffStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Being built (issue 11). */
public final class SqlStaffStore implements StaffStore {

    public SqlStaffStore(Database database) {
    }

    @Override
    public Optional<StaffRecord> find(UserRef user) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public StaffChange grant(StaffRecord staff) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public StaffChange grantFirst(StaffRecord staff) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public StaffChange changeRole(UserRef user, String expectedRole, String role, UserId by, Instant now, String guardedRole) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public StaffChange revoke(UserRef user, String expectedRole, String guardedRole) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public long countHolders(String role) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public List<StaffRecord> list(TenantId tenant, UserId after, int limit) {
        throw new UnsupportedOperationException("not built yet");
    }
}

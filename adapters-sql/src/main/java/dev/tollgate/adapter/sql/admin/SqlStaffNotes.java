package dev.tollgate.adapter.sql.admin;

import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.admin.StaffNoteRecord;
import dev.tollgate.port.spi.admin.StaffNotes;
import java.util.Optional;

/** Being built (issue 11). */
public final class SqlStaffNotes implements StaffNotes {

    public SqlStaffNotes(Database database) {
    }

    @Override
    public Optional<StaffNoteRecord> find(UserRef user) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public void put(StaffNoteRecord note) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public boolean delete(UserRef user) {
        throw new UnsupportedOperationException("not built yet");
    }
}

package dev.tollgate.adapter.sql.admin;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.admin.StaffNoteRecord;
import dev.tollgate.port.spi.admin.StaffNotes;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Staff notes in {@code tg_staff_notes}, one row per user, replaced by an upsert. */
public final class SqlStaffNotes implements StaffNotes {

    private final Database database;
    private final SqlDialect dialect;

    public SqlStaffNotes(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
    }

    @Override
    public Optional<StaffNoteRecord> find(UserRef user) {
        Objects.requireNonNull(user, "user");
        return database.call("find staff notes", handle -> handle.createQuery("SELECT text, updated_at, updated_by "
                        + "FROM tg_staff_notes WHERE tenant_id = :tenant AND user_id = :user")
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .map((row, context) -> {
                    UUID by = dialect.uuid(row, "updated_by");
                    return new StaffNoteRecord(user, row.getString("text"), dialect.instant(row, "updated_at"),
                            by == null ? null : new UserId(by));
                })
                .findOne());
    }

    @Override
    public void put(StaffNoteRecord note) {
        Objects.requireNonNull(note, "note");
        database.call("put staff notes", handle -> handle.createUpdate("INSERT INTO tg_staff_notes "
                        + "(tenant_id, user_id, text, updated_at, updated_by) VALUES (:tenant, :user, :text, :at, :by) "
                        + "ON CONFLICT (tenant_id, user_id) DO UPDATE SET text = excluded.text, "
                        + "updated_at = excluded.updated_at, updated_by = excluded.updated_by")
                .bind("tenant", note.user().tenant().value())
                .bind("user", dialect.uuid(note.user().id().value()))
                .bind("text", note.text())
                .bind("at", dialect.instant(note.updatedAt()))
                .bind("by", dialect.uuid(note.updatedBy() == null ? null : note.updatedBy().value()))
                .execute());
    }

    @Override
    public boolean delete(UserRef user) {
        Objects.requireNonNull(user, "user");
        return database.call("delete staff notes", handle -> handle.createUpdate("DELETE FROM tg_staff_notes "
                        + "WHERE tenant_id = :tenant AND user_id = :user")
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .execute()) > 0;
    }
}

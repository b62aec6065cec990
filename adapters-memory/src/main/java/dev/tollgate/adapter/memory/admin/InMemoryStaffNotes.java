package dev.tollgate.adapter.memory.admin;

import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.admin.StaffNoteRecord;
import dev.tollgate.port.spi.admin.StaffNotes;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link StaffNotes} in memory: one immutable note per user. */
public final class InMemoryStaffNotes implements StaffNotes {

    private final Map<UserRef, StaffNoteRecord> notes = new ConcurrentHashMap<>();

    @Override
    public Optional<StaffNoteRecord> find(UserRef user) {
        return Optional.ofNullable(notes.get(Objects.requireNonNull(user, "user")));
    }

    @Override
    public void put(StaffNoteRecord note) {
        Objects.requireNonNull(note, "note");
        notes.put(note.user(), note);
    }

    @Override
    public boolean delete(UserRef user) {
        return notes.remove(Objects.requireNonNull(user, "user")) != null;
    }
}

package dev.tollgate.port.spi.admin;

import dev.tollgate.port.UserRef;
import java.util.Optional;

/** What staff wrote about users: one text per user, replaced whole. */
public interface StaffNotes {

    Optional<StaffNoteRecord> find(UserRef user);

    /** Stores the note, replacing the user's earlier one. */
    void put(StaffNoteRecord note);

    /** Removes the user's note; answers whether there was one. */
    boolean delete(UserRef user);
}

package dev.tollgate.port.spi.staff;

import java.util.Objects;
import java.util.Optional;

/**
 * What a change of staff roles did.
 *
 * @param record the role as stored after the change, for {@code APPLIED}; else empty
 */
public record StaffChange(Kind kind, Optional<StaffRecord> record) {

    public enum Kind {
        /** The change was made. */
        APPLIED,
        /** The user holds no role, or not the one expected; nothing changed. */
        NO_MATCH,
        /** The user holds a role already (granting); nothing changed. */
        ALREADY_STAFF,
        /** The change would leave no holder of the guarded role; nothing changed. */
        LAST_HOLDER,
        /** Granting a first holder: someone holds the role already; nothing changed. */
        HOLDER_EXISTS
    }

    public StaffChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(record, "record");
        if ((kind == Kind.APPLIED) != record.isPresent()) {
            throw new IllegalArgumentException("an applied change, and only one, carries the record");
        }
    }

    public static StaffChange applied(StaffRecord record) {
        return new StaffChange(Kind.APPLIED, Optional.of(record));
    }

    public static StaffChange of(Kind kind) {
        return new StaffChange(kind, Optional.empty());
    }
}

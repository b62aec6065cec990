package dev.tollgate.tck.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.admin.StaffNoteRecord;
import dev.tollgate.port.spi.admin.StaffNotes;
import dev.tollgate.tck.internal.Unique;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link StaffNotes}. {@link #staffNotes()} is called before every test and may
 * answer one store shared by all tests: each test works with fresh users of fresh tenants.
 */
public abstract class StaffNotesContract {

    protected static final Instant T0 = Instant.parse("2025-05-02T11:00:00.456Z");

    private StaffNotes notes;
    private UserRef user;

    /** The store under test; called before each test. */
    protected abstract StaffNotes staffNotes();

    @BeforeEach
    void setUpStaffNotes() {
        notes = staffNotes();
        user = Unique.user();
    }

    @Test
    void aPutNote_isFound_withEveryField() {
        StaffNoteRecord note = new StaffNoteRecord(user, "Called about an invoice.\nÜnïcödé ✓", T0, Unique.userId());

        notes.put(note);

        assertThat(notes.find(user)).contains(note);
    }

    @Test
    void aNoteWithoutAnAuthor_comesBackWithANullAuthor() {
        StaffNoteRecord note = new StaffNoteRecord(user, "written by the system", T0, null);

        notes.put(note);

        assertThat(notes.find(user)).contains(note);
    }

    @Test
    void put_replacesTheUsersEarlierNote() {
        notes.put(new StaffNoteRecord(user, "first", T0, Unique.userId()));
        StaffNoteRecord second = new StaffNoteRecord(user, "second", T0.plusSeconds(5), Unique.userId());

        notes.put(second);

        assertThat(notes.find(user)).contains(second);
    }

    @Test
    void delete_removesTheNote_andAnswersWhetherThereWasOne() {
        notes.put(new StaffNoteRecord(user, "to go", T0, null));

        assertThat(notes.delete(user)).isTrue();
        assertThat(notes.find(user)).isEmpty();
        assertThat(notes.delete(user)).isFalse();
    }

    @Test
    void notes_areTenantScoped() {
        UserRef sameIdElsewhere = UserRef.of(Unique.tenant(), user.id());
        notes.put(new StaffNoteRecord(user, "here", T0, null));

        assertThat(notes.find(sameIdElsewhere)).isEmpty();
        assertThat(notes.delete(sameIdElsewhere)).isFalse();
        assertThat(notes.find(user)).isPresent();
    }

    @Test
    void aUserWithoutANote_hasNone() {
        assertThat(notes.find(user)).isEmpty();
    }
}

package dev.tollgate.tck.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.AccountType;
import dev.tollgate.port.Profile;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.account.AccountArchive;
import dev.tollgate.port.spi.account.ArchivedAccount;
import dev.tollgate.tck.internal.Unique;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link AccountArchive}. A store proves itself by extending this class and
 * answering {@link #accountArchive()}, which is called before every test and may answer one
 * store shared by all tests: each test uses fresh users and never assumes the archive is
 * empty. A store must keep instants to at least the millisecond. An archived account is found
 * only through its own tenant.
 */
public abstract class AccountArchiveContract {

    protected static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123Z");

    private AccountArchive archive;
    private UserRef user;

    /** The store under test; called before each test. */
    protected abstract AccountArchive accountArchive();

    @BeforeEach
    void setUpAccountArchive() {
        archive = accountArchive();
        user = Unique.user();
    }

    private ArchivedAccount anArchivedAccount(UserRef owner, String reason) {
        return new ArchivedAccount(owner, Unique.username(), Unique.email(),
                new Profile("Ada", "Gone fishing.", List.of("fishing", "chess"), AccountType.BUSINESS),
                T0, T0.plusSeconds(3600).plusMillis(1), reason);
    }

    @Test
    void anArchivedAccount_isFound_withEveryField() {
        ArchivedAccount account = anArchivedAccount(user, "moving to another service");

        archive.archive(account);

        assertThat(archive.find(user)).contains(account);
    }

    @Test
    void anArchivedAccountWithoutReasonOrProfileText_comesBackWithNulls() {
        ArchivedAccount account = new ArchivedAccount(user, Unique.username(), Unique.email(),
                Profile.empty(AccountType.PERSONAL), T0, T0.plusSeconds(1), null);

        archive.archive(account);

        assertThat(archive.find(user)).contains(account);
    }

    @Test
    void archivingTheSameUserAgain_replacesTheEntry() {
        archive.archive(anArchivedAccount(user, "first"));
        ArchivedAccount again = anArchivedAccount(user, "second");

        archive.archive(again);

        assertThat(archive.find(user)).contains(again);
    }

    @Test
    void findingAnAccountThatWasNeverArchived_findsNothing() {
        archive.archive(anArchivedAccount(user, null));

        assertThat(archive.find(Unique.user())).isEmpty();
        assertThat(archive.find(UserRef.of(Unique.tenant(), user.id()))).isEmpty();
    }

    @Test
    void givenRecordOfTenantA_tenantB_neitherSeesNorChangesIt() {
        ArchivedAccount ofA = anArchivedAccount(user, "tenant A's reason");
        archive.archive(ofA);
        UserRef aThroughB = UserRef.of(Unique.tenant(), user.id());

        assertThat(archive.find(aThroughB)).isEmpty();
        ArchivedAccount ofB = new ArchivedAccount(aThroughB, ofA.username(), ofA.email(), ofA.profile(), T0,
                T0.plusSeconds(7200), "tenant B's reason");
        archive.archive(ofB);

        assertThat(archive.find(aThroughB)).contains(ofB);
        assertThat(archive.find(user)).contains(ofA);
    }
}

package dev.tollgate.tck.password;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.password.PasswordHistory;
import dev.tollgate.port.spi.password.RememberedPassword;
import dev.tollgate.tck.internal.Race;
import dev.tollgate.tck.internal.Unique;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link PasswordHistory}. A store proves itself by extending this class and
 * answering {@link #passwordHistory()}, which is called before every test and may answer one
 * store shared by all tests: each test uses fresh users of fresh tenants and never assumes the
 * store is empty. A store must keep instants to at least the millisecond.
 *
 * <p>Beyond the Javadoc of {@link PasswordHistory}, the contract pins these readings: a
 * remembered password comes back exactly as given (hash and {@code setAt}); {@code keep}
 * applies to what the user has after the new password is added, so a {@code keep} smaller than
 * earlier calls used trims the older passwords away at once; {@code recent} with a
 * {@code limit} above what is kept answers all of it, with {@code 0} nothing; and the same user
 * id under another tenant is another user, with a history of its own.
 *
 * <p>The tests remember each user's passwords in the order of their {@code setAt}, each later
 * than the one before, as Tollgate does. Not pinned: what trimming keeps when a password is
 * remembered with an older {@code setAt} than one kept, or with the same.
 */
public abstract class PasswordHistoryContract {

    protected static final Instant T0 = Instant.parse("2025-02-11T16:20:05.678Z");

    private PasswordHistory history;
    private UserRef user;

    /** The store under test; called before each test. */
    protected abstract PasswordHistory passwordHistory();

    @BeforeEach
    void setUpPasswordHistory() {
        history = passwordHistory();
        user = Unique.user();
    }

    /** The user's {@code n}th password (0 the first), set {@code n} days and some milliseconds after {@code T0}. */
    private static RememberedPassword password(int n) {
        return new RememberedPassword("$argon2id$v=19$m=19456,t=2,p=1$" + Unique.tag() + "$" + n,
                T0.plusSeconds(86_400L * n).plusMillis(n));
    }

    /** Remembers the user's passwords 0 to {@code count - 1}, each with {@code keep}; answers them, oldest first. */
    private List<RememberedPassword> remembered(UserRef owner, int count, int keep) {
        List<RememberedPassword> passwords = IntStream.range(0, count).mapToObj(PasswordHistoryContract::password).toList();
        passwords.forEach(password -> history.remember(owner, password, keep));
        return passwords;
    }

    @Test
    void aRememberedPassword_isRecent_withEveryField() {
        RememberedPassword password = password(0);

        history.remember(user, password, 5);

        assertThat(history.recent(user, 5)).containsExactly(password);
    }

    @Test
    void recent_answersTheNewestFirst() {
        List<RememberedPassword> passwords = remembered(user, 3, 5);

        assertThat(history.recent(user, 10)).containsExactly(passwords.get(2), passwords.get(1), passwords.get(0));
    }

    @Test
    void rememberingBeyondKeep_forgetsAllButTheNewest() {
        List<RememberedPassword> passwords = remembered(user, 5, 3);

        assertThat(history.recent(user, 10)).containsExactly(passwords.get(4), passwords.get(3), passwords.get(2));
    }

    @Test
    void withKeepOne_onlyTheNewestIsRemembered() {
        List<RememberedPassword> passwords = remembered(user, 4, 1);

        assertThat(history.recent(user, 10)).containsExactly(passwords.get(3));
    }

    @Test
    void aKeepSmallerThanBefore_trimsTheOlderPasswordsAtOnce() {
        List<RememberedPassword> passwords = remembered(user, 5, 5);
        RememberedPassword newest = password(5);

        history.remember(user, newest, 2);

        assertThat(history.recent(user, 10)).containsExactly(newest, passwords.get(4));
    }

    @Test
    void aKeepLargerThanBefore_forgetsNothingMore() {
        List<RememberedPassword> passwords = remembered(user, 3, 2);
        RememberedPassword newest = password(3);

        history.remember(user, newest, 10);

        assertThat(history.recent(user, 10)).containsExactly(newest, passwords.get(2), passwords.get(1));
    }

    @Test
    void recent_answersAtMostLimit_newestFirst() {
        List<RememberedPassword> passwords = remembered(user, 4, 10);

        assertThat(history.recent(user, 2)).containsExactly(passwords.get(3), passwords.get(2));
        assertThat(history.recent(user, 1)).containsExactly(passwords.get(3));
        assertThat(history.recent(user, 0)).isEmpty();
    }

    @Test
    void recent_ofAUserWithoutHistory_isEmpty() {
        remembered(user, 2, 5);

        assertThat(history.recent(Unique.user(), 10)).isEmpty();
        assertThat(history.recent(UserRef.of(user.tenant(), Unique.userId()), 10)).isEmpty();
    }

    @Test
    void deleteAll_forgetsEveryPasswordOfTheUser_andNoOneElses() {
        remembered(user, 3, 5);
        UserRef other = UserRef.of(user.tenant(), Unique.userId());
        List<RememberedPassword> others = remembered(other, 2, 5);

        assertThat(history.deleteAll(user)).isEqualTo(3);

        assertThat(history.recent(user, 10)).isEmpty();
        assertThat(history.recent(other, 10)).containsExactly(others.get(1), others.get(0));
        assertThat(history.deleteAll(user)).isZero();
    }

    @Test
    void ofConcurrentRemembers_theNewestKeepAreKept() {
        List<RememberedPassword> passwords = IntStream.range(0, Race.THREADS).mapToObj(PasswordHistoryContract::password).toList();

        Race.run(i -> {
            history.remember(user, passwords.get(i), 3);
            return i;
        });

        List<RememberedPassword> newestFirst = passwords.stream()
                .sorted(Comparator.comparing(RememberedPassword::setAt).reversed()).toList();
        assertThat(history.recent(user, Race.THREADS)).containsExactlyElementsOf(newestFirst.subList(0, 3));
    }

    // --- tenant isolation --------------------------------------------------------------------

    @Test
    void givenRecordOfTenantA_tenantB_neitherSeesNorChangesIt() {
        List<RememberedPassword> ofA = remembered(user, 3, 5);
        UserRef aThroughB = UserRef.of(Unique.tenant(), user.id());

        assertThat(history.recent(aThroughB, 10)).isEmpty();
        assertThat(history.deleteAll(aThroughB)).isZero();
        // tenant B's user of the same id has a history of its own, trimmed on its own
        RememberedPassword ofB = ofA.get(0);
        history.remember(aThroughB, ofB, 1);
        assertThat(history.recent(aThroughB, 10)).containsExactly(ofB);
        assertThat(history.deleteAll(aThroughB)).isEqualTo(1);

        assertThat(history.recent(user, 10)).containsExactly(ofA.get(2), ofA.get(1), ofA.get(0));
    }
}

package dev.tollgate.tck.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.AccountType;
import dev.tollgate.port.Change;
import dev.tollgate.port.Email;
import dev.tollgate.port.Profile;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.Username;
import dev.tollgate.port.spi.user.EmailChangeResult;
import dev.tollgate.port.spi.user.FailedLogin;
import dev.tollgate.port.spi.user.InsertResult;
import dev.tollgate.port.spi.user.LockoutRule;
import dev.tollgate.port.spi.user.SuccessfulLogin;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.port.spi.user.UserStore;
import dev.tollgate.tck.internal.Race;
import dev.tollgate.tck.internal.Unique;
import dev.tollgate.tck.support.UserRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link UserStore}. A store proves itself by extending this class and
 * answering {@link #userStore()}:
 *
 * <pre>{@code
 * class PostgresUserStoreTest extends UserStoreContract {
 *     protected UserStore userStore() { return store; }
 * }
 * }</pre>
 *
 * <p>The hook is called before every test. It may answer the same store every time, shared by
 * all tests on one database: each test works in a fresh tenant with fresh ids, usernames and
 * addresses and never assumes the store is empty.
 *
 * <p>Instants: a store must keep at least millisecond precision. The tests use instants with
 * milliseconds and expect them back exactly; finer precision may be truncated.
 *
 * <p>Beyond the Javadoc of {@link UserStore}, the contract pins these readings: a user is found
 * only through its own tenant ({@code findById} with another tenant's ref finds nothing and
 * changes nothing); the methods that change a user's hash, profile, address or status set
 * {@code updatedAt} to the {@code now} they are given; {@code markEmailVerified} and
 * {@code confirmPendingEmail} set {@code emailVerifiedAt} to {@code now}; a recorded login
 * answers the user exactly as a lookup finds it afterwards; and a pending address is found by no
 * lookup and reserves nothing. Every method answering a {@link Change}
 * answers {@code NO_MATCH}, changing nothing, for an unknown user and for a user of another
 * tenant. (A threshold below 1 or a lock of no length cannot reach a store:
 * {@link LockoutRule} refuses to be made of them.)
 */
public abstract class UserStoreContract {

    /** A time with milliseconds, so a store that drops them fails. */
    protected static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123Z");
    private static final Duration LOCK = Duration.ofMinutes(15);

    private UserStore store;
    private TenantId tenant;

    /** The store under test; called before each test. */
    protected abstract UserStore userStore();

    @BeforeEach
    void setUpUserStore() {
        store = userStore();
        tenant = Unique.tenant();
    }

    private UserRecords aUser() {
        return UserRecords.aUser().withTenant(tenant).withId(Unique.userId())
                .withUsername(Unique.username()).withEmail(Unique.email());
    }

    private UserRecord inserted(UserRecords user) {
        UserRecord record = user.build();
        assertThat(store.insert(record)).as("insert of a fresh user").isEqualTo(InsertResult.inserted());
        return record;
    }

    private UserRecord inserted() {
        return inserted(aUser());
    }

    private UserRecord stored(UserRef ref) {
        return store.findById(ref).orElseThrow(() -> new AssertionError("user " + ref + " not found"));
    }

    private static UserRef unknownUser() {
        return Unique.user();
    }

    /** A lockout at {@code threshold} failures, locking for {@link #LOCK}. */
    private static LockoutRule rule(int threshold) {
        return new LockoutRule(threshold, LOCK);
    }

    // --- insert and find ---------------------------------------------------------------------

    @Test
    void insertedUser_isFoundById_withEveryFieldAsInserted() {
        UserRecord user = aUser()
                .withUsername("Ada.Lovelace_" + Unique.tag().substring(0, 8))
                .withEmailVerifiedAt(T0.plusMillis(1))
                .withPendingEmail(Unique.email())
                .withPasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g")
                .withStatus(AccountStatus.SUSPENDED)
                .withStatusReason("abuse report #42")
                .withProfile(new Profile("Ada", "Writes programs.", List.of("zither", "archery", "chess"), AccountType.BUSINESS))
                .withFailedLogins(2)
                .withLockedUntil(T0.plusSeconds(60).plusMillis(7))
                .withCreatedAt(T0)
                .withUpdatedAt(T0.plusMillis(2))
                .withLastLoginAt(T0.plusMillis(3))
                .build();

        assertThat(store.insert(user)).isEqualTo(InsertResult.inserted());

        assertThat(store.findById(user.ref())).contains(user);
    }

    @Test
    void insertedUser_withOptionalFieldsUnset_comesBackWithNulls() {
        UserRecord user = aUser()
                .withProfile(new Profile(null, null, List.of(), AccountType.PERSONAL))
                .build();

        store.insert(user);

        UserRecord found = stored(user.ref());
        assertThat(found).isEqualTo(user);
        assertThat(found.emailVerifiedAt()).isNull();
        assertThat(found.pendingEmail()).isNull();
        assertThat(found.statusReason()).isNull();
        assertThat(found.lockedUntil()).isNull();
        assertThat(found.lastLoginAt()).isNull();
        assertThat(found.profile().name()).isNull();
        assertThat(found.profile().aboutMe()).isNull();
        assertThat(found.profile().hobbies()).isEmpty();
    }

    @Test
    void findByUsername_ignoresCase_andKeepsTheUsernameAsTyped() {
        String typed = "MiXeD" + Unique.tag().substring(0, 10);
        UserRecord user = inserted(aUser().withUsername(typed));

        assertThat(store.findByUsername(tenant, Username.of(typed))).contains(user);
        assertThat(store.findByUsername(tenant, Username.of(typed.toLowerCase(Locale.ROOT)))).contains(user);
        assertThat(store.findByUsername(tenant, Username.of(typed.toUpperCase(Locale.ROOT)))).contains(user);
        assertThat(stored(user.ref()).username().value()).isEqualTo(typed);
    }

    @Test
    void findByEmail_findsTheUserWithThatAddress() {
        UserRecord user = inserted();
        inserted();

        assertThat(store.findByEmail(tenant, user.email())).contains(user);
    }

    @Test
    void findingAnUnknownUser_findsNothing() {
        inserted();

        assertThat(store.findById(unknownUser())).isEmpty();
        assertThat(store.findById(UserRef.of(tenant, Unique.userId()))).isEmpty();
        assertThat(store.findByUsername(tenant, Unique.username())).isEmpty();
        assertThat(store.findByEmail(tenant, Unique.email())).isEmpty();
    }

    @Test
    void aUser_isNotFoundThroughAnotherTenant() {
        UserRecord user = inserted();
        TenantId other = Unique.tenant();

        assertThat(store.findById(UserRef.of(other, user.ref().id()))).isEmpty();
        assertThat(store.findByUsername(other, user.username())).isEmpty();
        assertThat(store.findByEmail(other, user.email())).isEmpty();
    }

    @Test
    void givenAUsername_insertingTheSameUsernameInAnotherCase_isUsernameTaken() {
        UserRecord first = inserted(aUser().withUsername("Grace" + Unique.tag().substring(0, 10)));
        UserRecord second = aUser().withUsername(first.username().value().toUpperCase(Locale.ROOT)).build();

        assertThat(store.insert(second)).isEqualTo(InsertResult.usernameTaken());

        assertThat(store.findById(second.ref())).isEmpty();
        assertThat(store.findByUsername(tenant, second.username())).contains(first);
    }

    @Test
    void givenAnEmail_insertingAnotherUserWithIt_isEmailTaken() {
        UserRecord first = inserted();
        UserRecord second = aUser().withEmail(first.email()).build();

        assertThat(store.insert(second)).isEqualTo(InsertResult.emailTaken());

        assertThat(store.findById(second.ref())).isEmpty();
        assertThat(store.findByEmail(tenant, first.email())).contains(first);
    }

    @Test
    void insertingAUserWhoseUsernameAndEmailAreBothTaken_answersEitherTaken() {
        UserRecord first = inserted();
        UserRecord second = aUser().withUsername(first.username()).withEmail(first.email()).build();

        assertThat(store.insert(second)).isIn(InsertResult.usernameTaken(), InsertResult.emailTaken());
        assertThat(store.findById(second.ref())).isEmpty();
    }

    @Test
    void theSameUsernameAndEmail_mayBeUsedInAnotherTenant() {
        UserRecord first = inserted();
        TenantId otherTenant = Unique.tenant();
        UserRecord second = aUser().withTenant(otherTenant).withUsername(first.username()).withEmail(first.email()).build();

        assertThat(store.insert(second)).isEqualTo(InsertResult.inserted());

        assertThat(store.findByUsername(tenant, first.username())).contains(first);
        assertThat(store.findByUsername(otherTenant, first.username())).contains(second);
        assertThat(store.findByEmail(tenant, first.email())).contains(first);
        assertThat(store.findByEmail(otherTenant, first.email())).contains(second);
    }

    // --- failed and successful logins --------------------------------------------------------

    @Test
    void failuresBelowTheThreshold_areCountedOneByOne() {
        UserRecord user = inserted();

        List<FailedLogin> results = IntStream.range(0, 4)
                .mapToObj(i -> store.recordFailedLogin(user.ref(), rule(5), T0.plusSeconds(i)))
                .toList();

        assertThat(results).containsExactly(
                FailedLogin.counted(1), FailedLogin.counted(2), FailedLogin.counted(3), FailedLogin.counted(4));
        assertThat(stored(user.ref()).failedLogins()).isEqualTo(4);
        assertThat(stored(user.ref()).lockedUntil()).isNull();
    }

    @Test
    void theFailureThatReachesTheThreshold_locksNow_andResetsTheCount() {
        UserRecord user = inserted();
        Instant lockUntil = T0.plus(LOCK);
        failTimes(user, 4, 5, T0);

        FailedLogin result = store.recordFailedLogin(user.ref(), rule(5), T0);

        assertThat(result).isEqualTo(FailedLogin.lockedNow(lockUntil));
        UserRecord locked = stored(user.ref());
        assertThat(locked.failedLogins()).isZero();
        assertThat(locked.lockedUntil()).isEqualTo(lockUntil);
    }

    @Test
    void withThresholdOne_theFirstFailureLocks() {
        UserRecord user = inserted();

        assertThat(store.recordFailedLogin(user.ref(), rule(1), T0)).isEqualTo(FailedLogin.lockedNow(T0.plus(LOCK)));
    }

    @Test
    void givenALockInForce_aFailure_isAlreadyLocked_andCountsNothing() {
        UserRecord user = inserted();
        Instant lockUntil = T0.plus(LOCK);
        failTimes(user, 5, 5, T0);

        FailedLogin atOnce = store.recordFailedLogin(user.ref(), rule(5), T0.plusSeconds(1));
        FailedLogin justBeforeTheEnd = store.recordFailedLogin(user.ref(), rule(5), lockUntil.minusMillis(1));

        assertThat(atOnce).isEqualTo(FailedLogin.alreadyLocked(0, lockUntil));
        assertThat(justBeforeTheEnd).isEqualTo(FailedLogin.alreadyLocked(0, lockUntil));
        UserRecord stillLocked = stored(user.ref());
        assertThat(stillLocked.failedLogins()).isZero();
        assertThat(stillLocked.lockedUntil()).as("the lock is not extended").isEqualTo(lockUntil);
    }

    @Test
    void whenTheLockEnds_failuresAreCountedAgain() {
        UserRecord user = inserted();
        Instant lockUntil = T0.plus(LOCK);
        failTimes(user, 5, 5, T0);

        FailedLogin atTheEnd = store.recordFailedLogin(user.ref(), rule(5), lockUntil);
        FailedLogin after = store.recordFailedLogin(user.ref(), rule(5), lockUntil.plusSeconds(1));

        assertThat(atTheEnd).as("a lock is not in force at its lockedUntil").isEqualTo(FailedLogin.counted(1));
        assertThat(after).isEqualTo(FailedLogin.counted(2));
        assertThat(stored(user.ref()).failedLogins()).isEqualTo(2);
    }

    @Test
    void afterALockEnds_reachingTheThresholdAgain_locksAgainUntilTheNewTime() {
        UserRecord user = inserted();
        Instant firstLockEnd = T0.plus(LOCK);
        failTimes(user, 5, 5, T0);
        Instant later = firstLockEnd.plusSeconds(10);
        Instant secondLockEnd = later.plus(LOCK);
        failTimes(user, 2, 3, later);

        FailedLogin result = store.recordFailedLogin(user.ref(), rule(3), later);

        assertThat(result).isEqualTo(FailedLogin.lockedNow(secondLockEnd));
        assertThat(stored(user.ref()).lockedUntil()).isEqualTo(secondLockEnd);
    }

    @Test
    void aFailedLoginOfAnUnknownUser_isNotFound() {
        UserRecord user = inserted();

        assertThat(store.recordFailedLogin(unknownUser(), rule(5), T0)).isEqualTo(FailedLogin.notFound());
        assertThat(store.recordFailedLogin(UserRef.of(Unique.tenant(), user.ref().id()), rule(5), T0))
                .isEqualTo(FailedLogin.notFound());
        assertThat(stored(user.ref()).failedLogins()).isZero();
    }

    @Test
    void aSuccessfulLogin_resetsTheCount_clearsAnEndedLock_andSetsTheLastLogin() {
        UserRecord user = inserted(aUser().withFailedLogins(3).withLockedUntil(T0));
        Instant now = T0.plusSeconds(5);

        SuccessfulLogin result = store.recordSuccessfulLogin(user.ref(), now);

        UserRecord after = stored(user.ref());
        assertThat(result).as("the user as stored after the login").isEqualTo(SuccessfulLogin.recorded(after));
        assertThat(after).isEqualTo(UserRecords.from(user).withFailedLogins(0).withLockedUntil(null)
                .withLastLoginAt(now).build());
        assertThat(after.updatedAt()).as("a login is no change of the user").isEqualTo(user.updatedAt());
    }

    @Test
    void whileALockIsInForce_aSuccessfulLogin_isRefused_andChangesNothing() {
        UserRecord user = inserted(aUser().withFailedLogins(0).withLockedUntil(T0.plus(LOCK)));

        assertThat(store.recordSuccessfulLogin(user.ref(), T0.plusSeconds(5)))
                .isEqualTo(SuccessfulLogin.locked(T0.plus(LOCK)));

        UserRecord after = stored(user.ref());
        assertThat(after.lockedUntil()).isEqualTo(T0.plus(LOCK));
        assertThat(after.lastLoginAt()).isEqualTo(user.lastLoginAt());
    }

    @Test
    void givenCountedFailures_aSuccessfulLogin_startsTheCountAfresh() {
        UserRecord user = inserted();
        failTimes(user, 3, 5, T0);

        store.recordSuccessfulLogin(user.ref(), T0.plusSeconds(1));

        assertThat(store.recordFailedLogin(user.ref(), rule(5), T0.plusSeconds(2))).isEqualTo(FailedLogin.counted(1));
    }

    @Test
    void aSuccessfulLoginOfAnUnknownUser_answersNotFound() {
        assertThat(store.recordSuccessfulLogin(unknownUser(), T0)).isEqualTo(SuccessfulLogin.notFound());
    }

    // --- password hash -----------------------------------------------------------------------

    @Test
    void replacePasswordHash_withTheCurrentHashExpected_replacesIt() {
        UserRecord user = inserted(aUser().withPasswordHash("old-hash"));
        Instant now = T0.plusSeconds(30);

        assertThat(store.replacePasswordHash(user.ref(), "old-hash", "new-hash", now)).isEqualTo(Change.applied());

        UserRecord after = stored(user.ref());
        assertThat(after.passwordHash()).isEqualTo("new-hash");
        assertThat(after.updatedAt()).isEqualTo(now);
    }

    @Test
    void replacePasswordHash_expectingAnotherHash_changesNothing() {
        UserRecord user = inserted(aUser().withPasswordHash("current-hash"));

        assertThat(store.replacePasswordHash(user.ref(), "stale-hash", "new-hash", T0.plusSeconds(30))).isEqualTo(Change.noMatch());

        assertThat(stored(user.ref())).isEqualTo(user);
    }

    @Test
    void replacePasswordHash_ofAnUnknownUser_answersNoMatch() {
        assertThat(store.replacePasswordHash(unknownUser(), "a", "b", T0)).isEqualTo(Change.noMatch());
    }

    @Test
    void resetPasswordHash_setsTheHashWhateverItWas_andClearsFailuresAndLock() {
        UserRecord user = inserted(aUser().withPasswordHash("forgotten").withFailedLogins(2).withLockedUntil(T0.plus(LOCK)));
        Instant now = T0.plusSeconds(30);

        assertThat(store.resetPasswordHash(user.ref(), "fresh-hash", now)).isEqualTo(Change.applied());

        UserRecord after = stored(user.ref());
        assertThat(after.passwordHash()).isEqualTo("fresh-hash");
        assertThat(after.failedLogins()).isZero();
        assertThat(after.lockedUntil()).isNull();
        assertThat(after.updatedAt()).isEqualTo(now);
    }

    @Test
    void resetPasswordHash_ofAnUnknownUser_answersNoMatch() {
        assertThat(store.resetPasswordHash(unknownUser(), "fresh-hash", T0)).isEqualTo(Change.noMatch());
    }

    @Test
    void unlock_liftsTheLockAndResetsTheCount_keepingThePassword() {
        UserRecord user = inserted(aUser().withPasswordHash("kept").withFailedLogins(2).withLockedUntil(T0.plus(LOCK)));
        Instant now = T0.plusSeconds(30);

        assertThat(store.unlock(user.ref(), now)).isEqualTo(Change.applied());

        UserRecord after = stored(user.ref());
        assertThat(after.passwordHash()).isEqualTo("kept");
        assertThat(after.failedLogins()).isZero();
        assertThat(after.lockedUntil()).isNull();
        assertThat(after.updatedAt()).isEqualTo(now);
        assertThat(store.recordSuccessfulLogin(user.ref(), now.plusSeconds(1)).kind())
                .isEqualTo(SuccessfulLogin.Kind.RECORDED);
    }

    @Test
    void unlock_ofAnUnknownUser_orOfAnotherTenant_answersNoMatch() {
        UserRecord user = inserted(aUser().withFailedLogins(2).withLockedUntil(T0.plus(LOCK)));

        assertThat(store.unlock(unknownUser(), T0)).isEqualTo(Change.noMatch());
        assertThat(store.unlock(UserRef.of(Unique.tenant(), user.ref().id()), T0)).isEqualTo(Change.noMatch());
        assertThat(stored(user.ref())).isEqualTo(user);
    }

    // --- profile -----------------------------------------------------------------------------

    @Test
    void updateProfile_storesEveryField_keepingTheOrderOfHobbies() {
        UserRecord user = inserted();
        Profile profile = new Profile("Grace H.", "Admiral; wrote compilers.", List.of("zither", "archery", "chess"), AccountType.BUSINESS);
        Instant now = T0.plusSeconds(30);

        assertThat(store.updateProfile(user.ref(), profile, user.updatedAt(), now)).isEqualTo(Change.applied());

        UserRecord after = stored(user.ref());
        assertThat(after.profile()).isEqualTo(profile);
        assertThat(after.profile().hobbies()).containsExactly("zither", "archery", "chess");
        assertThat(after.updatedAt()).isEqualTo(now);
    }

    @Test
    void updateProfile_withUnsetFields_clearsThem() {
        UserRecord user = inserted(aUser().withProfile(new Profile("Old", "Old text", List.of("chess"), AccountType.BUSINESS)));
        Profile cleared = new Profile(null, null, List.of(), AccountType.PERSONAL);

        store.updateProfile(user.ref(), cleared, stored(user.ref()).updatedAt(), T0.plusSeconds(1));

        assertThat(stored(user.ref()).profile()).isEqualTo(cleared);
    }

    @Test
    void updateProfile_keepsTheLongestAllowedValuesAndAnyUnicode() {
        UserRecord user = inserted();
        String name = "Zoë 名前 ".repeat(20).substring(0, Profile.MAX_NAME);
        String aboutMe = "Ünïcödé ✓ 😀 abcdefg".repeat(Profile.MAX_ABOUT_ME / 20);
        List<String> hobbies = IntStream.range(0, Profile.MAX_HOBBIES)
                .mapToObj(i -> (i + "-hobby-" + "x".repeat(Profile.MAX_HOBBY)).substring(0, Profile.MAX_HOBBY))
                .toList();
        Profile profile = new Profile(name, aboutMe, hobbies, AccountType.PERSONAL);

        store.updateProfile(user.ref(), profile, user.updatedAt(), T0.plusSeconds(1));

        assertThat(stored(user.ref()).profile()).isEqualTo(profile);
    }

    @Test
    void updateProfile_fromAStaleUpdatedAt_changesNothing() {
        UserRecord user = inserted();
        Profile first = new Profile("First", null, List.of(), AccountType.PERSONAL);
        assertThat(store.updateProfile(user.ref(), first, user.updatedAt(), T0.plusSeconds(1))).isEqualTo(Change.applied());

        Profile stale = new Profile(null, "written from an old read", List.of(), AccountType.BUSINESS);
        assertThat(store.updateProfile(user.ref(), stale, user.updatedAt(), T0.plusSeconds(2))).isEqualTo(Change.noMatch());

        assertThat(stored(user.ref()).profile()).isEqualTo(first);
    }

    @Test
    void ofConcurrentProfileUpdatesFromOneRead_exactlyOneWins() {
        UserRecord user = inserted();

        List<Change> results = Race.run(i -> store.updateProfile(user.ref(),
                new Profile("writer " + i, null, List.of(), AccountType.PERSONAL), user.updatedAt(), T0.plusSeconds(1)));

        assertThat(results).filteredOn(Change::isApplied).hasSize(1);
    }

    @Test
    void updateProfile_ofAnUnknownUser_answersNoMatch() {
        assertThat(store.updateProfile(unknownUser(), Profile.empty(AccountType.PERSONAL), T0, T0)).isEqualTo(Change.noMatch());
    }

    // --- email -------------------------------------------------------------------------------

    @Test
    void markEmailVerified_forTheCurrentUnverifiedAddress_verifiesIt() {
        UserRecord user = inserted();
        Instant now = T0.plusSeconds(30);

        assertThat(store.markEmailVerified(user.ref(), user.email(), now)).isEqualTo(Change.applied());

        assertThat(stored(user.ref()).emailVerifiedAt()).isEqualTo(now);
    }

    @Test
    void markEmailVerified_forAnAddressTheUserNoLongerHas_changesNothing() {
        UserRecord user = inserted();

        assertThat(store.markEmailVerified(user.ref(), Unique.email(), T0.plusSeconds(30))).isEqualTo(Change.noMatch());

        assertThat(stored(user.ref()).emailVerifiedAt()).isNull();
    }

    @Test
    void markEmailVerified_whenAlreadyVerified_changesNothing() {
        UserRecord user = inserted(aUser().withEmailVerifiedAt(T0));

        assertThat(store.markEmailVerified(user.ref(), user.email(), T0.plusSeconds(30))).isEqualTo(Change.noMatch());

        assertThat(stored(user.ref()).emailVerifiedAt()).isEqualTo(T0);
    }

    @Test
    void markEmailVerified_ofAnUnknownUser_answersNoMatch() {
        assertThat(store.markEmailVerified(unknownUser(), Unique.email(), T0)).isEqualTo(Change.noMatch());
    }

    @Test
    void setPendingEmail_recordsIt_andKeepsTheCurrentAddressInForce() {
        UserRecord user = inserted(aUser().withEmailVerifiedAt(T0));
        Email next = Unique.email();
        Instant now = T0.plusSeconds(30);

        assertThat(store.setPendingEmail(user.ref(), next, now)).isEqualTo(Change.applied());

        UserRecord after = stored(user.ref());
        assertThat(after.pendingEmail()).isEqualTo(next);
        assertThat(after.email()).isEqualTo(user.email());
        assertThat(after.emailVerifiedAt()).isEqualTo(T0);
        assertThat(after.updatedAt()).isEqualTo(now);
        assertThat(store.findByEmail(tenant, user.email())).contains(after);
        assertThat(store.findByEmail(tenant, next)).as("a pending address finds nobody").isEmpty();
    }

    @Test
    void setPendingEmail_replacesAnEarlierPendingAddress() {
        UserRecord user = inserted();
        Email later = Unique.email();
        store.setPendingEmail(user.ref(), Unique.email(), T0.plusSeconds(1));

        assertThat(store.setPendingEmail(user.ref(), later, T0.plusSeconds(2))).isEqualTo(Change.applied());

        assertThat(stored(user.ref()).pendingEmail()).isEqualTo(later);
    }

    @Test
    void pendingAddresses_reserveNothing_twoUsersMayWaitForOneAddress_andOthersMayRegisterIt() {
        UserRecord first = inserted();
        UserRecord second = inserted();
        Email wanted = Unique.email();

        assertThat(store.setPendingEmail(first.ref(), wanted, T0.plusSeconds(1))).isEqualTo(Change.applied());
        assertThat(store.setPendingEmail(second.ref(), wanted, T0.plusSeconds(1))).isEqualTo(Change.applied());

        assertThat(store.insert(aUser().withEmail(wanted).build())).isEqualTo(InsertResult.inserted());
    }

    @Test
    void setPendingEmail_ofAnUnknownUser_answersNoMatch() {
        assertThat(store.setPendingEmail(unknownUser(), Unique.email(), T0)).isEqualTo(Change.noMatch());
    }

    @Test
    void confirmPendingEmail_movesTheAddress_verifiedNow_andNothingIsPending() {
        UserRecord user = inserted();
        Email next = Unique.email();
        store.setPendingEmail(user.ref(), next, T0.plusSeconds(1));
        Instant now = T0.plusSeconds(30);

        assertThat(store.confirmPendingEmail(user.ref(), next, now)).isEqualTo(EmailChangeResult.changed());

        UserRecord after = stored(user.ref());
        assertThat(after.email()).isEqualTo(next);
        assertThat(after.emailVerifiedAt()).isEqualTo(now);
        assertThat(after.pendingEmail()).isNull();
        assertThat(after.updatedAt()).isEqualTo(now);
        assertThat(store.findByEmail(tenant, next)).contains(after);
        assertThat(store.findByEmail(tenant, user.email())).isEmpty();
    }

    @Test
    void afterConfirmPendingEmail_theOldAddressIsFreeForOthers() {
        UserRecord user = inserted();
        Email next = Unique.email();
        store.setPendingEmail(user.ref(), next, T0.plusSeconds(1));
        store.confirmPendingEmail(user.ref(), next, T0.plusSeconds(30));

        UserRecord newcomer = aUser().withEmail(user.email()).build();

        assertThat(store.insert(newcomer)).isEqualTo(InsertResult.inserted());
        assertThat(store.findByEmail(tenant, user.email())).contains(newcomer);
    }

    @Test
    void confirmPendingEmail_ofAnotherAddressThanPending_isNotPending_andChangesNothing() {
        UserRecord user = inserted();
        store.setPendingEmail(user.ref(), Unique.email(), T0.plusSeconds(1));
        UserRecord before = stored(user.ref());

        assertThat(store.confirmPendingEmail(user.ref(), Unique.email(), T0.plusSeconds(30)))
                .isEqualTo(EmailChangeResult.notPending());

        assertThat(stored(user.ref())).isEqualTo(before);
    }

    @Test
    void confirmPendingEmail_withNothingPending_isNotPending() {
        UserRecord user = inserted();

        assertThat(store.confirmPendingEmail(user.ref(), Unique.email(), T0.plusSeconds(30)))
                .isEqualTo(EmailChangeResult.notPending());

        assertThat(stored(user.ref())).isEqualTo(user);
    }

    @Test
    void confirmPendingEmail_ofAnAddressAnotherUserHasNow_isEmailTaken_andChangesNothing() {
        UserRecord user = inserted(aUser().withEmailVerifiedAt(T0));
        Email wanted = Unique.email();
        store.setPendingEmail(user.ref(), wanted, T0.plusSeconds(1));
        UserRecord other = inserted(aUser().withEmail(wanted));
        UserRecord before = stored(user.ref());

        assertThat(store.confirmPendingEmail(user.ref(), wanted, T0.plusSeconds(30)))
                .isEqualTo(EmailChangeResult.emailTaken());

        assertThat(stored(user.ref())).isEqualTo(before);
        assertThat(store.findByEmail(tenant, wanted)).contains(other);
    }

    @Test
    void confirmPendingEmail_ofAnAddressUsedOnlyInAnotherTenant_isChanged() {
        UserRecord user = inserted();
        UserRecord elsewhere = inserted(aUser().withTenant(Unique.tenant()));
        store.setPendingEmail(user.ref(), elsewhere.email(), T0.plusSeconds(1));

        assertThat(store.confirmPendingEmail(user.ref(), elsewhere.email(), T0.plusSeconds(30)))
                .isEqualTo(EmailChangeResult.changed());
    }

    @Test
    void confirmPendingEmail_ofAnUnknownUser_isNotFound() {
        assertThat(store.confirmPendingEmail(unknownUser(), Unique.email(), T0)).isEqualTo(EmailChangeResult.notFound());
    }

    @Test
    void clearPendingEmail_ofTheExpectedAddress_dropsIt() {
        UserRecord user = inserted();
        Email next = Unique.email();
        store.setPendingEmail(user.ref(), next, T0.plusSeconds(1));
        Instant now = T0.plusSeconds(30);

        assertThat(store.clearPendingEmail(user.ref(), next, now)).isEqualTo(Change.applied());

        UserRecord after = stored(user.ref());
        assertThat(after.pendingEmail()).isNull();
        assertThat(after.email()).isEqualTo(user.email());
        assertThat(after.updatedAt()).isEqualTo(now);
        assertThat(store.confirmPendingEmail(user.ref(), next, now)).isEqualTo(EmailChangeResult.notPending());
    }

    @Test
    void clearPendingEmail_ofAnotherAddressThanPending_changesNothing() {
        UserRecord user = inserted();
        store.setPendingEmail(user.ref(), Unique.email(), T0.plusSeconds(1));
        UserRecord before = stored(user.ref());

        assertThat(store.clearPendingEmail(user.ref(), Unique.email(), T0.plusSeconds(30))).isEqualTo(Change.noMatch());

        assertThat(stored(user.ref())).isEqualTo(before);
    }

    @Test
    void clearPendingEmail_withNothingPendingOrOfAnUnknownUser_answersNoMatch() {
        UserRecord user = inserted();

        assertThat(store.clearPendingEmail(user.ref(), Unique.email(), T0.plusSeconds(30))).isEqualTo(Change.noMatch());
        assertThat(store.clearPendingEmail(unknownUser(), Unique.email(), T0)).isEqualTo(Change.noMatch());
        assertThat(stored(user.ref())).isEqualTo(user);
    }

    // --- status ------------------------------------------------------------------------------

    @Test
    void changeStatus_fromTheExpectedStatus_movesItAndRecordsTheReason() {
        UserRecord user = inserted();
        Instant now = T0.plusSeconds(30);

        assertThat(store.changeStatus(user.ref(), AccountStatus.ACTIVE, AccountStatus.SUSPENDED, "spam", now)).isEqualTo(Change.applied());

        UserRecord after = stored(user.ref());
        assertThat(after.status()).isEqualTo(AccountStatus.SUSPENDED);
        assertThat(after.statusReason()).isEqualTo("spam");
        assertThat(after.updatedAt()).isEqualTo(now);
    }

    @Test
    void changeStatus_fromAnotherStatusThanExpected_changesNothing() {
        UserRecord user = inserted(aUser().withStatus(AccountStatus.DEACTIVATED));

        assertThat(store.changeStatus(user.ref(), AccountStatus.ACTIVE, AccountStatus.SUSPENDED, "spam", T0.plusSeconds(30))).isEqualTo(Change.noMatch());

        assertThat(stored(user.ref())).isEqualTo(user);
    }

    @Test
    void changeStatus_ofAnUnknownUser_answersNoMatch() {
        assertThat(store.changeStatus(unknownUser(), AccountStatus.ACTIVE, AccountStatus.SUSPENDED, "spam", T0)).isEqualTo(Change.noMatch());
    }

    // --- delete ------------------------------------------------------------------------------

    @Test
    void delete_removesTheUser_andFreesUsernameAndEmail() {
        UserRecord user = inserted();

        assertThat(store.delete(user.ref())).isEqualTo(Change.applied());

        assertThat(store.findById(user.ref())).isEmpty();
        assertThat(store.findByUsername(tenant, user.username())).isEmpty();
        assertThat(store.findByEmail(tenant, user.email())).isEmpty();
        UserRecord newcomer = aUser()
                .withUsername(user.username().value().toUpperCase(Locale.ROOT))
                .withEmail(user.email())
                .build();
        assertThat(store.insert(newcomer)).isEqualTo(InsertResult.inserted());
    }

    @Test
    void delete_ofAnUnknownOrDeletedUser_answersNoMatch() {
        UserRecord user = inserted();
        store.delete(user.ref());

        assertThat(store.delete(user.ref())).isEqualTo(Change.noMatch());
        assertThat(store.delete(unknownUser())).isEqualTo(Change.noMatch());
    }

    @Test
    void throughAnotherTenantsRef_nothingAboutAUserChanges() {
        UserRecord user = inserted(aUser().withPasswordHash("hash").withFailedLogins(1));
        UserRef wrong = UserRef.of(Unique.tenant(), user.ref().id());
        Instant now = T0.plusSeconds(30);

        assertThat(store.recordSuccessfulLogin(wrong, now)).isEqualTo(SuccessfulLogin.notFound());
        assertThat(store.replacePasswordHash(wrong, "hash", "other", now)).isEqualTo(Change.noMatch());
        assertThat(store.resetPasswordHash(wrong, "other", now)).isEqualTo(Change.noMatch());
        assertThat(store.updateProfile(wrong, Profile.empty(AccountType.BUSINESS), stored(user.ref()).updatedAt(), now)).isEqualTo(Change.noMatch());
        assertThat(store.markEmailVerified(wrong, user.email(), now)).isEqualTo(Change.noMatch());
        assertThat(store.setPendingEmail(wrong, Unique.email(), now)).isEqualTo(Change.noMatch());
        assertThat(store.confirmPendingEmail(wrong, Unique.email(), now)).isEqualTo(EmailChangeResult.notFound());
        assertThat(store.clearPendingEmail(wrong, Unique.email(), now)).isEqualTo(Change.noMatch());
        assertThat(store.changeStatus(wrong, AccountStatus.ACTIVE, AccountStatus.SUSPENDED, "x", now)).isEqualTo(Change.noMatch());
        assertThat(store.delete(wrong)).isEqualTo(Change.noMatch());

        assertThat(stored(user.ref())).isEqualTo(user);
    }

    // --- concurrency -------------------------------------------------------------------------

    @Test
    void ofConcurrentInsertsOfOneUsernameInMixedCase_exactlyOneSucceeds_andTheOthersAreUsernameTaken() {
        String base = "race" + Unique.tag().substring(0, 12);
        List<UserRecord> contenders = IntStream.range(0, Race.THREADS)
                .mapToObj(i -> aUser().withUsername(i % 2 == 0 ? base : base.toUpperCase(Locale.ROOT)).build())
                .toList();

        List<InsertResult> results = Race.run(i -> store.insert(contenders.get(i)));

        assertThat(Collections.frequency(results, InsertResult.inserted())).isEqualTo(1);
        assertThat(Collections.frequency(results, InsertResult.usernameTaken())).isEqualTo(Race.THREADS - 1);
        UserRecord winner = contenders.get(results.indexOf(InsertResult.inserted()));
        assertThat(store.findByUsername(tenant, Username.of(base))).contains(winner);
    }

    @Test
    void ofConcurrentInsertsOfOneEmail_exactlyOneSucceeds_andTheOthersAreEmailTaken() {
        Email email = Unique.email();
        List<UserRecord> contenders = IntStream.range(0, Race.THREADS)
                .mapToObj(i -> aUser().withEmail(email).build())
                .toList();

        List<InsertResult> results = Race.run(i -> store.insert(contenders.get(i)));

        assertThat(Collections.frequency(results, InsertResult.inserted())).isEqualTo(1);
        assertThat(Collections.frequency(results, InsertResult.emailTaken())).isEqualTo(Race.THREADS - 1);
        UserRecord winner = contenders.get(results.indexOf(InsertResult.inserted()));
        assertThat(store.findByEmail(tenant, email)).contains(winner);
    }

    @Test
    void ofConcurrentConfirmationsOfManyUsersOfOneAddress_exactlyOneIsChanged() {
        Email wanted = Unique.email();
        List<UserRecord> users = IntStream.range(0, Race.THREADS).mapToObj(i -> inserted()).toList();
        users.forEach(user -> assertThat(store.setPendingEmail(user.ref(), wanted, T0.plusSeconds(1))).isEqualTo(Change.applied()));

        List<EmailChangeResult> results = Race.run(i -> store.confirmPendingEmail(users.get(i).ref(), wanted,
                T0.plusSeconds(2)));

        assertThat(Collections.frequency(results, EmailChangeResult.changed())).isEqualTo(1);
        assertThat(Collections.frequency(results, EmailChangeResult.emailTaken())).isEqualTo(Race.THREADS - 1);
        UserRecord winner = users.get(results.indexOf(EmailChangeResult.changed()));
        assertThat(store.findByEmail(tenant, wanted)).hasValueSatisfying(found -> assertThat(found.ref()).isEqualTo(winner.ref()));
        for (UserRecord loser : users) {
            if (!loser.ref().equals(winner.ref())) {
                UserRecord after = stored(loser.ref());
                assertThat(after.email()).as("a loser keeps its address").isEqualTo(loser.email());
                assertThat(after.pendingEmail()).isEqualTo(wanted);
            }
        }
    }

    @Test
    void ofConcurrentFailedLogins_eachIsCountedOnce_andExactlyOneLocks() {
        UserRecord user = inserted();
        Instant lockUntil = T0.plus(LOCK);

        List<FailedLogin> results = Race.run(i -> store.recordFailedLogin(user.ref(), rule(5), T0));

        assertThat(results).filteredOn(r -> r.kind() == FailedLogin.Kind.COUNTED)
                .extracting(FailedLogin::failures).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(results).filteredOn(r -> r.kind() == FailedLogin.Kind.LOCKED_NOW)
                .containsExactly(FailedLogin.lockedNow(lockUntil));
        assertThat(results).filteredOn(r -> r.kind() == FailedLogin.Kind.ALREADY_LOCKED)
                .hasSize(Race.THREADS - 5)
                .allSatisfy(r -> assertThat(r.lockedUntil()).isEqualTo(lockUntil));
        UserRecord after = stored(user.ref());
        assertThat(after.failedLogins()).isZero();
        assertThat(after.lockedUntil()).isEqualTo(lockUntil);
    }

    @Test
    void ofConcurrentPasswordReplacementsFromOneHash_exactlyOneWins() {
        UserRecord user = inserted(aUser().withPasswordHash("shared-old-hash"));

        List<Change> results = Race.run(i -> store.replacePasswordHash(user.ref(), "shared-old-hash", "new-" + i, T0.plusSeconds(1)));

        assertThat(Collections.frequency(results, Change.applied())).isEqualTo(1);
        assertThat(stored(user.ref()).passwordHash()).isEqualTo("new-" + results.indexOf(Change.applied()));
    }

    private void failTimes(UserRecord user, int times, int threshold, Instant now) {
        for (int i = 0; i < times; i++) {
            store.recordFailedLogin(user.ref(), rule(threshold), now);
        }
    }

    // --- tenant isolation --------------------------------------------------------------------

    @Test
    void givenRecordOfTenantA_tenantB_neitherSeesNorChangesIt() {
        UserRecord ofA = inserted(aUser().withPasswordHash("hash").withFailedLogins(1));
        TenantId b = Unique.tenant();
        UserRef aThroughB = UserRef.of(b, ofA.ref().id());
        UserRecord ofB = aUser().withTenant(b).withUsername(ofA.username()).withEmail(ofA.email()).build();
        Instant now = T0.plusSeconds(30);

        assertThat(store.insert(ofB)).as("the same username and address in tenant B").isEqualTo(InsertResult.inserted());
        assertThat(store.findById(aThroughB)).isEmpty();
        assertThat(store.findByUsername(b, ofA.username())).contains(ofB);
        assertThat(store.findByEmail(b, ofA.email())).contains(ofB);
        assertThat(store.recordFailedLogin(aThroughB, rule(1), now)).isEqualTo(FailedLogin.notFound());
        assertThat(store.recordSuccessfulLogin(aThroughB, now)).isEqualTo(SuccessfulLogin.notFound());
        assertThat(store.replacePasswordHash(aThroughB, "hash", "other", now)).isEqualTo(Change.noMatch());
        assertThat(store.resetPasswordHash(aThroughB, "other", now)).isEqualTo(Change.noMatch());
        assertThat(store.updateProfile(aThroughB, Profile.empty(AccountType.BUSINESS), ofA.updatedAt(), now)).isEqualTo(Change.noMatch());
        assertThat(store.markEmailVerified(aThroughB, ofA.email(), now)).isEqualTo(Change.noMatch());
        assertThat(store.setPendingEmail(aThroughB, Unique.email(), now)).isEqualTo(Change.noMatch());
        assertThat(store.confirmPendingEmail(aThroughB, ofA.email(), now)).isEqualTo(EmailChangeResult.notFound());
        assertThat(store.clearPendingEmail(aThroughB, ofA.email(), now)).isEqualTo(Change.noMatch());
        assertThat(store.changeStatus(aThroughB, AccountStatus.ACTIVE, AccountStatus.SUSPENDED, "x", now)).isEqualTo(Change.noMatch());
        // tenant B's own user, of the same name and address, changes and goes
        assertThat(store.recordFailedLogin(ofB.ref(), rule(1), now).kind()).isEqualTo(FailedLogin.Kind.LOCKED_NOW);
        assertThat(store.resetPasswordHash(ofB.ref(), "other", now)).isEqualTo(Change.applied());
        assertThat(store.markEmailVerified(ofB.ref(), ofB.email(), now)).isEqualTo(Change.applied());
        assertThat(store.delete(ofB.ref())).isEqualTo(Change.applied());
        assertThat(store.delete(aThroughB)).isEqualTo(Change.noMatch());

        assertThat(stored(ofA.ref())).isEqualTo(ofA);
        assertThat(store.findByUsername(tenant, ofA.username())).contains(ofA);
        assertThat(store.findByEmail(tenant, ofA.email())).contains(ofA);
    }
}

package dev.tollgate.tck.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.Change;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.mfa.SecondFactorStore;
import dev.tollgate.port.spi.mfa.TotpFactor;
import dev.tollgate.port.spi.user.FailedLogin;
import dev.tollgate.port.spi.user.LockoutRule;
import dev.tollgate.tck.internal.Race;
import dev.tollgate.tck.internal.Unique;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link SecondFactorStore}. A store proves itself by extending this class and
 * answering {@link #secondFactorStore()}, which is called before every test and may answer one
 * store shared by all tests: each test uses fresh users of fresh tenants and fresh digests and
 * never assumes the store is empty. A store must keep instants to at least the millisecond.
 *
 * <p>Beyond the Javadoc of {@link SecondFactorStore}, the contract pins these readings:
 * <ul>
 *   <li>{@code savePending} answers {@code APPLIED} whenever it stores the factor, whether the
 *       user had none or a pending one.</li>
 *   <li>The {@code step} a factor is confirmed with counts as accepted: {@code acceptStep} of it
 *       again is a replay.</li>
 *   <li>{@code acceptStep} while a lock of the factor is in force at {@code now} answers
 *       {@code NO_MATCH} and changes nothing ({@link TotpFactor#lockedUntil()}: no code is
 *       accepted before it); at {@code lockedUntil} the lock is no longer in force.</li>
 *   <li>{@code recordFailure} counts against a pending factor as against a confirmed one: only
 *       a user without any factor is {@code NOT_FOUND}.</li>
 *   <li>A digest spent by {@code useRecoveryCode} no longer counts in
 *       {@code remainingRecoveryCodes} and never matches again, even for the same user.</li>
 *   <li>Every method reaches a user only through its own tenant: the same user id under another
 *       tenant is another user, with no factor and no codes.</li>
 * </ul>
 * Not pinned: whether {@code confirm} is refused while a lock is in force, and the failure
 * count and lock a factor has right after it; whether
 * {@code acceptStep} clears a lock that has ended (it is not in force either way); whether a
 * lock of the factor keeps a recovery code from being used; what a call with the same digest
 * twice in one list of recovery codes stores.
 */
public abstract class SecondFactorStoreContract {

    protected static final Instant T0 = Instant.parse("2025-06-03T09:41:12.345Z");
    private static final Duration LOCK = Duration.ofMinutes(15);
    /** The time step holding {@link #T0}, as an authenticator counts it. */
    private static final long STEP = T0.getEpochSecond() / 30;
    /** Threads in the races of one step or one code. */
    private static final int RACERS = 16;

    private SecondFactorStore store;
    private UserRef user;

    /** The store under test; called before each test. */
    protected abstract SecondFactorStore secondFactorStore();

    @BeforeEach
    void setUpSecondFactorStore() {
        store = secondFactorStore();
        user = Unique.user();
    }

    private static TotpFactor aPendingFactor(UserRef owner) {
        return TotpFactor.pending(owner, "sealed:" + Unique.tag(), T0);
    }

    private TotpFactor pending(UserRef owner) {
        TotpFactor factor = aPendingFactor(owner);
        assertThat(store.savePending(factor)).as("a pending factor for a user without one").isEqualTo(Change.applied());
        return factor;
    }

    /** A factor of {@code owner} confirmed at {@code T0 + 1s} with {@link #STEP}, and its recovery codes. */
    private List<String> confirmed(UserRef owner) {
        TotpFactor factor = pending(owner);
        List<String> codes = someCodes(5);
        assertThat(store.confirm(owner, factor.sealedSecret(), STEP, codes, T0.plusSeconds(1)))
                .as("confirming the pending factor").isEqualTo(Change.applied());
        return codes;
    }

    private List<String> confirmed() {
        return confirmed(user);
    }

    private TotpFactor stored(UserRef owner) {
        return store.find(owner).orElseThrow(() -> new AssertionError("no factor of " + owner));
    }

    private static List<String> someCodes(int count) {
        return IntStream.range(0, count).mapToObj(i -> Unique.digest()).toList();
    }

    private static LockoutRule rule(int threshold) {
        return new LockoutRule(threshold, LOCK);
    }

    private void failTimes(int times, int threshold, Instant now) {
        for (int i = 0; i < times; i++) {
            store.recordFailure(user, rule(threshold), now);
        }
    }

    // --- savePending and find ----------------------------------------------------------------

    @Test
    void aSavedPendingFactor_isFound_withEveryField() {
        TotpFactor factor = aPendingFactor(user);

        assertThat(store.savePending(factor)).isEqualTo(Change.applied());

        TotpFactor found = stored(user);
        assertThat(found).isEqualTo(factor);
        assertThat(found.confirmed()).isFalse();
        assertThat(found.lastStep()).isEqualTo(-1);
        assertThat(found.failures()).isZero();
        assertThat(found.lockedUntil()).isNull();
    }

    @Test
    void withoutAFactor_findFindsNothing() {
        pending(user);

        assertThat(store.find(Unique.user())).isEmpty();
        assertThat(store.find(UserRef.of(user.tenant(), Unique.userId()))).isEmpty();
    }

    @Test
    void savingPendingAgain_replacesThePendingFactor() {
        TotpFactor first = pending(user);
        TotpFactor second = TotpFactor.pending(user, "sealed:" + Unique.tag(), T0.plusSeconds(30));

        assertThat(store.savePending(second)).isEqualTo(Change.applied());

        assertThat(store.find(user)).contains(second);
        assertThat(store.confirm(user, first.sealedSecret(), STEP, someCodes(2), T0.plusSeconds(31)))
                .as("the replaced factor's secret").isEqualTo(Change.noMatch());
        assertThat(store.confirm(user, second.sealedSecret(), STEP, someCodes(2), T0.plusSeconds(31)))
                .isEqualTo(Change.applied());
    }

    @Test
    void givenAConfirmedFactor_savePending_isNoMatch_andChangesNothing() {
        List<String> codes = confirmed();
        TotpFactor before = stored(user);

        assertThat(store.savePending(aPendingFactor(user))).isEqualTo(Change.noMatch());

        assertThat(stored(user)).isEqualTo(before);
        assertThat(store.remainingRecoveryCodes(user)).isEqualTo(codes.size());
    }

    // --- confirm -----------------------------------------------------------------------------

    @Test
    void confirm_withThePendingSealedSecret_confirmsAtNow_withTheStepAsLastAccepted_andStoresTheCodes() {
        TotpFactor factor = pending(user);
        List<String> codes = someCodes(10);
        Instant now = T0.plusSeconds(20).plusMillis(7);

        assertThat(store.confirm(user, factor.sealedSecret(), STEP, codes, now)).isEqualTo(Change.applied());

        TotpFactor found = stored(user);
        assertThat(found.confirmed()).isTrue();
        assertThat(found.confirmedAt()).isEqualTo(now);
        assertThat(found.lastStep()).isEqualTo(STEP);
        assertThat(found.sealedSecret()).isEqualTo(factor.sealedSecret());
        assertThat(found.createdAt()).isEqualTo(factor.createdAt());
        assertThat(found.user()).isEqualTo(user);
        assertThat(store.remainingRecoveryCodes(user)).isEqualTo(10);
        assertThat(store.useRecoveryCode(user, codes.get(3), now)).isEqualTo(Change.applied());
    }

    @Test
    void confirm_expectingAnotherSealedSecret_isNoMatch_andChangesNothing() {
        TotpFactor factor = pending(user);
        List<String> codes = someCodes(3);

        assertThat(store.confirm(user, "sealed:" + Unique.tag(), STEP, codes, T0.plusSeconds(1)))
                .isEqualTo(Change.noMatch());

        assertThat(stored(user)).isEqualTo(factor);
        assertThat(store.remainingRecoveryCodes(user)).isZero();
        assertThat(store.useRecoveryCode(user, codes.get(0), T0.plusSeconds(2))).isEqualTo(Change.noMatch());
    }

    @Test
    void confirm_ofAConfirmedFactor_isNoMatch_andKeepsItsStepAndCodes() {
        List<String> codes = confirmed();
        TotpFactor before = stored(user);

        assertThat(store.confirm(user, before.sealedSecret(), STEP + 10, someCodes(2), T0.plusSeconds(60)))
                .isEqualTo(Change.noMatch());

        assertThat(stored(user)).isEqualTo(before);
        assertThat(store.remainingRecoveryCodes(user)).isEqualTo(codes.size());
        assertThat(store.useRecoveryCode(user, codes.get(0), T0.plusSeconds(61))).isEqualTo(Change.applied());
    }

    @Test
    void confirm_withoutAFactor_isNoMatch() {
        assertThat(store.confirm(user, "sealed:" + Unique.tag(), STEP, someCodes(2), T0)).isEqualTo(Change.noMatch());

        assertThat(store.find(user)).isEmpty();
        assertThat(store.remainingRecoveryCodes(user)).isZero();
    }

    // --- acceptStep --------------------------------------------------------------------------

    @Test
    void acceptStep_aboveTheLastAcceptedStep_isApplied_andBecomesTheLastStep() {
        confirmed();

        assertThat(store.acceptStep(user, STEP + 1, T0.plusSeconds(30))).isEqualTo(Change.applied());

        assertThat(stored(user).lastStep()).isEqualTo(STEP + 1);
    }

    @Test
    void acceptStep_ofAStepAtOrBelowTheLastAccepted_isAReplay_andNoMatch() {
        confirmed();

        assertThat(store.acceptStep(user, STEP, T0.plusSeconds(2))).as("the step confirmed with").isEqualTo(Change.noMatch());
        assertThat(store.acceptStep(user, STEP + 1, T0.plusSeconds(30))).isEqualTo(Change.applied());
        assertThat(store.acceptStep(user, STEP + 1, T0.plusSeconds(31))).as("the same step again").isEqualTo(Change.noMatch());
        assertThat(store.acceptStep(user, STEP, T0.plusSeconds(32))).as("a lower step").isEqualTo(Change.noMatch());
        assertThat(stored(user).lastStep()).isEqualTo(STEP + 1);
        assertThat(store.acceptStep(user, STEP + 5, T0.plusSeconds(150))).as("a higher step").isEqualTo(Change.applied());
        assertThat(stored(user).lastStep()).isEqualTo(STEP + 5);
    }

    @Test
    void acceptStep_ofAPendingFactor_orWithoutAFactor_isNoMatch() {
        TotpFactor factor = pending(user);

        assertThat(store.acceptStep(user, STEP, T0.plusSeconds(1))).isEqualTo(Change.noMatch());
        assertThat(store.acceptStep(Unique.user(), STEP, T0.plusSeconds(1))).isEqualTo(Change.noMatch());

        assertThat(stored(user)).isEqualTo(factor);
    }

    @Test
    void acceptStep_resetsTheFailureCount() {
        confirmed();
        failTimes(3, 5, T0.plusSeconds(10));
        assertThat(stored(user).failures()).isEqualTo(3);

        assertThat(store.acceptStep(user, STEP + 1, T0.plusSeconds(30))).isEqualTo(Change.applied());

        assertThat(stored(user).failures()).isZero();
        assertThat(store.recordFailure(user, rule(5), T0.plusSeconds(31))).isEqualTo(FailedLogin.counted(1));
    }

    @Test
    void whileALockIsInForce_acceptStep_isNoMatch_andChangesNothing_butAtItsEndIsApplied() {
        confirmed();
        Instant lockUntil = T0.plusSeconds(10).plus(LOCK);
        failTimes(5, 5, T0.plusSeconds(10));
        TotpFactor locked = stored(user);

        assertThat(store.acceptStep(user, STEP + 1, T0.plusSeconds(30))).isEqualTo(Change.noMatch());
        assertThat(store.acceptStep(user, STEP + 2, lockUntil.minusMillis(1))).isEqualTo(Change.noMatch());
        assertThat(stored(user)).isEqualTo(locked);

        assertThat(store.acceptStep(user, STEP + 3, lockUntil)).isEqualTo(Change.applied());
        assertThat(stored(user).lastStep()).isEqualTo(STEP + 3);
    }

    // --- recordFailure -----------------------------------------------------------------------

    @Test
    void failuresBelowTheThreshold_areCountedOneByOne() {
        confirmed();

        List<FailedLogin> results = IntStream.range(0, 4)
                .mapToObj(i -> store.recordFailure(user, rule(5), T0.plusSeconds(10 + i)))
                .toList();

        assertThat(results).containsExactly(
                FailedLogin.counted(1), FailedLogin.counted(2), FailedLogin.counted(3), FailedLogin.counted(4));
        assertThat(stored(user).failures()).isEqualTo(4);
        assertThat(stored(user).lockedUntil()).isNull();
    }

    @Test
    void theFailureThatReachesTheThreshold_locksNow_andResetsTheCount() {
        confirmed();
        Instant now = T0.plusSeconds(10);
        failTimes(4, 5, now);

        FailedLogin result = store.recordFailure(user, rule(5), now);

        assertThat(result).isEqualTo(FailedLogin.lockedNow(now.plus(LOCK)));
        TotpFactor locked = stored(user);
        assertThat(locked.failures()).isZero();
        assertThat(locked.lockedUntil()).isEqualTo(now.plus(LOCK));
        assertThat(locked.lockedAt(now)).isTrue();
    }

    @Test
    void withThresholdOne_theFirstFailureLocks() {
        confirmed();

        assertThat(store.recordFailure(user, rule(1), T0.plusSeconds(10)))
                .isEqualTo(FailedLogin.lockedNow(T0.plusSeconds(10).plus(LOCK)));
    }

    @Test
    void givenALockInForce_aFailure_isAlreadyLocked_andCountsNothing() {
        confirmed();
        Instant now = T0.plusSeconds(10);
        Instant lockUntil = now.plus(LOCK);
        failTimes(5, 5, now);

        FailedLogin atOnce = store.recordFailure(user, rule(5), now.plusSeconds(1));
        FailedLogin justBeforeTheEnd = store.recordFailure(user, rule(5), lockUntil.minusMillis(1));

        assertThat(atOnce).isEqualTo(FailedLogin.alreadyLocked(0, lockUntil));
        assertThat(justBeforeTheEnd).isEqualTo(FailedLogin.alreadyLocked(0, lockUntil));
        TotpFactor stillLocked = stored(user);
        assertThat(stillLocked.failures()).isZero();
        assertThat(stillLocked.lockedUntil()).as("the lock is not extended").isEqualTo(lockUntil);
    }

    @Test
    void whenTheLockEnds_failuresAreCountedAgain_andReachingTheThresholdLocksAgain() {
        confirmed();
        Instant lockUntil = T0.plusSeconds(10).plus(LOCK);
        failTimes(5, 5, T0.plusSeconds(10));

        FailedLogin atTheEnd = store.recordFailure(user, rule(3), lockUntil);
        FailedLogin after = store.recordFailure(user, rule(3), lockUntil.plusSeconds(1));
        FailedLogin third = store.recordFailure(user, rule(3), lockUntil.plusSeconds(2));

        assertThat(atTheEnd).as("a lock is not in force at its lockedUntil").isEqualTo(FailedLogin.counted(1));
        assertThat(after).isEqualTo(FailedLogin.counted(2));
        assertThat(third).isEqualTo(FailedLogin.lockedNow(lockUntil.plusSeconds(2).plus(LOCK)));
        assertThat(stored(user).lockedUntil()).isEqualTo(lockUntil.plusSeconds(2).plus(LOCK));
    }

    @Test
    void aFailureWithoutAFactor_isNotFound() {
        assertThat(store.recordFailure(user, rule(5), T0)).isEqualTo(FailedLogin.notFound());

        assertThat(store.find(user)).isEmpty();
    }

    @Test
    void aFailureAgainstAPendingFactor_isCounted() {
        pending(user);

        assertThat(store.recordFailure(user, rule(5), T0.plusSeconds(1))).isEqualTo(FailedLogin.counted(1));

        assertThat(stored(user).failures()).isEqualTo(1);
    }

    @Test
    void ofConcurrentFailures_eachIsCountedOnce_andExactlyOneLocks() {
        confirmed();
        Instant now = T0.plusSeconds(10);
        Instant lockUntil = now.plus(LOCK);

        List<FailedLogin> results = Race.run(i -> store.recordFailure(user, rule(5), now));

        assertThat(results).filteredOn(r -> r.kind() == FailedLogin.Kind.COUNTED)
                .extracting(FailedLogin::failures).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(results).filteredOn(r -> r.kind() == FailedLogin.Kind.LOCKED_NOW)
                .containsExactly(FailedLogin.lockedNow(lockUntil));
        assertThat(results).filteredOn(r -> r.kind() == FailedLogin.Kind.ALREADY_LOCKED)
                .hasSize(Race.THREADS - 5)
                .allSatisfy(r -> assertThat(r.lockedUntil()).isEqualTo(lockUntil));
        TotpFactor after = stored(user);
        assertThat(after.failures()).isZero();
        assertThat(after.lockedUntil()).isEqualTo(lockUntil);
    }

    @Test
    void ofConcurrentAcceptancesOfOneStep_exactlyOneIsApplied() {
        confirmed();
        Instant now = T0.plusSeconds(30);

        List<Change> results = Race.run(RACERS, i -> store.acceptStep(user, STEP + 1, now));

        assertThat(Collections.frequency(results, Change.applied())).isEqualTo(1);
        assertThat(Collections.frequency(results, Change.noMatch())).isEqualTo(RACERS - 1);
        assertThat(stored(user).lastStep()).isEqualTo(STEP + 1);
    }

    // --- recovery codes ----------------------------------------------------------------------

    @Test
    void aRecoveryCode_isUsedOnce_andThenIsSpentForGood() {
        List<String> codes = confirmed();
        Instant now = T0.plusSeconds(60);

        assertThat(store.useRecoveryCode(user, codes.get(2), now)).isEqualTo(Change.applied());

        assertThat(store.remainingRecoveryCodes(user)).isEqualTo(codes.size() - 1);
        assertThat(store.useRecoveryCode(user, codes.get(2), now.plusSeconds(1))).isEqualTo(Change.noMatch());
        assertThat(store.remainingRecoveryCodes(user)).isEqualTo(codes.size() - 1);
        assertThat(store.useRecoveryCode(user, codes.get(0), now.plusSeconds(2))).isEqualTo(Change.applied());
        assertThat(store.remainingRecoveryCodes(user)).isEqualTo(codes.size() - 2);
    }

    @Test
    void anUnknownRecoveryCode_isNoMatch_andSpendsNothing() {
        List<String> codes = confirmed();

        assertThat(store.useRecoveryCode(user, Unique.digest(), T0.plusSeconds(60))).isEqualTo(Change.noMatch());

        assertThat(store.remainingRecoveryCodes(user)).isEqualTo(codes.size());
    }

    @Test
    void anotherUsersRecoveryCode_isNoMatch_andStaysTheirs() {
        List<String> codes = confirmed();
        UserRef other = UserRef.of(user.tenant(), Unique.userId());
        confirmed(other);

        assertThat(store.useRecoveryCode(other, codes.get(0), T0.plusSeconds(60))).isEqualTo(Change.noMatch());
        assertThat(store.useRecoveryCode(Unique.user(), codes.get(0), T0.plusSeconds(60))).isEqualTo(Change.noMatch());

        assertThat(store.remainingRecoveryCodes(user)).isEqualTo(codes.size());
        assertThat(store.useRecoveryCode(user, codes.get(0), T0.plusSeconds(61))).isEqualTo(Change.applied());
    }

    @Test
    void usingARecoveryCode_resetsTheFailureCount() {
        List<String> codes = confirmed();
        failTimes(3, 5, T0.plusSeconds(10));

        assertThat(store.useRecoveryCode(user, codes.get(0), T0.plusSeconds(20))).isEqualTo(Change.applied());

        assertThat(stored(user).failures()).isZero();
        assertThat(store.recordFailure(user, rule(5), T0.plusSeconds(21))).isEqualTo(FailedLogin.counted(1));
    }

    @Test
    void ofConcurrentUsesOfOneRecoveryCode_exactlyOneIsApplied() {
        List<String> codes = confirmed();

        List<Change> results = Race.run(RACERS, i -> store.useRecoveryCode(user, codes.get(1), T0.plusSeconds(60)));

        assertThat(Collections.frequency(results, Change.applied())).isEqualTo(1);
        assertThat(Collections.frequency(results, Change.noMatch())).isEqualTo(RACERS - 1);
        assertThat(store.remainingRecoveryCodes(user)).isEqualTo(codes.size() - 1);
    }

    @Test
    void replaceRecoveryCodes_ofAConfirmedFactor_killsTheOldCodes_andTheNewOnesWork() {
        List<String> old = confirmed();
        store.useRecoveryCode(user, old.get(0), T0.plusSeconds(30));
        List<String> fresh = someCodes(8);

        assertThat(store.replaceRecoveryCodes(user, fresh, T0.plusSeconds(60))).isEqualTo(Change.applied());

        assertThat(store.remainingRecoveryCodes(user)).isEqualTo(8);
        assertThat(old).allSatisfy(code ->
                assertThat(store.useRecoveryCode(user, code, T0.plusSeconds(61))).isEqualTo(Change.noMatch()));
        assertThat(store.useRecoveryCode(user, fresh.get(7), T0.plusSeconds(62))).isEqualTo(Change.applied());
        assertThat(store.remainingRecoveryCodes(user)).isEqualTo(7);
    }

    @Test
    void replaceRecoveryCodes_withNone_leavesNone() {
        confirmed();

        assertThat(store.replaceRecoveryCodes(user, List.of(), T0.plusSeconds(60))).isEqualTo(Change.applied());

        assertThat(store.remainingRecoveryCodes(user)).isZero();
    }

    @Test
    void replaceRecoveryCodes_withoutAConfirmedFactor_isNoMatch_andStoresNothing() {
        UserRef pendingOnly = UserRef.of(user.tenant(), Unique.userId());
        pending(pendingOnly);
        List<String> codes = someCodes(3);

        assertThat(store.replaceRecoveryCodes(user, codes, T0.plusSeconds(60))).as("no factor").isEqualTo(Change.noMatch());
        assertThat(store.replaceRecoveryCodes(pendingOnly, codes, T0.plusSeconds(60))).as("a pending factor")
                .isEqualTo(Change.noMatch());

        assertThat(store.remainingRecoveryCodes(user)).isZero();
        assertThat(store.remainingRecoveryCodes(pendingOnly)).isZero();
        assertThat(store.useRecoveryCode(pendingOnly, codes.get(0), T0.plusSeconds(61))).isEqualTo(Change.noMatch());
    }

    @Test
    void remainingRecoveryCodes_ofAUserWithoutAny_isZero() {
        assertThat(store.remainingRecoveryCodes(user)).isZero();
    }

    // --- delete ------------------------------------------------------------------------------

    @Test
    void delete_removesTheFactorAndItsRecoveryCodes() {
        List<String> codes = confirmed();
        UserRef other = UserRef.of(user.tenant(), Unique.userId());
        List<String> othersCodes = confirmed(other);

        assertThat(store.delete(user)).isEqualTo(Change.applied());

        assertThat(store.find(user)).isEmpty();
        assertThat(store.remainingRecoveryCodes(user)).isZero();
        assertThat(store.useRecoveryCode(user, codes.get(0), T0.plusSeconds(60))).isEqualTo(Change.noMatch());
        assertThat(store.acceptStep(user, STEP + 1, T0.plusSeconds(60))).isEqualTo(Change.noMatch());
        assertThat(store.delete(user)).as("nothing left to delete").isEqualTo(Change.noMatch());
        assertThat(store.find(other)).isPresent();
        assertThat(store.remainingRecoveryCodes(other)).isEqualTo(othersCodes.size());
    }

    @Test
    void afterDelete_theUserMayEnrolAgain() {
        confirmed();
        store.delete(user);
        TotpFactor again = aPendingFactor(user);

        assertThat(store.savePending(again)).isEqualTo(Change.applied());

        assertThat(store.find(user)).contains(again);
    }

    @Test
    void delete_ofAPendingFactor_isApplied_andWithoutAFactor_isNoMatch() {
        pending(user);

        assertThat(store.delete(user)).isEqualTo(Change.applied());
        assertThat(store.delete(Unique.user())).isEqualTo(Change.noMatch());
        assertThat(store.find(user)).isEmpty();
    }

    // --- tenant isolation --------------------------------------------------------------------

    @Test
    void givenRecordOfTenantA_tenantB_neitherSeesNorChangesIt() {
        List<String> codes = confirmed();
        store.recordFailure(user, rule(5), T0.plusSeconds(5));
        TotpFactor ofA = stored(user);
        UserRef aThroughB = UserRef.of(Unique.tenant(), user.id());
        Instant now = T0.plusSeconds(60);

        assertThat(store.find(aThroughB)).isEmpty();
        assertThat(store.savePending(TotpFactor.pending(aThroughB, ofA.sealedSecret(), now)))
                .as("tenant B's user of the same id has no factor yet").isEqualTo(Change.applied());
        assertThat(store.acceptStep(aThroughB, STEP + 1, now)).as("B's factor is pending").isEqualTo(Change.noMatch());
        assertThat(store.remainingRecoveryCodes(aThroughB)).isZero();
        assertThat(store.useRecoveryCode(aThroughB, codes.get(0), now)).isEqualTo(Change.noMatch());
        assertThat(store.replaceRecoveryCodes(aThroughB, someCodes(2), now)).isEqualTo(Change.noMatch());
        assertThat(store.confirm(aThroughB, ofA.sealedSecret(), STEP, someCodes(1), now)).isEqualTo(Change.applied());
        assertThat(store.remainingRecoveryCodes(aThroughB)).isEqualTo(1);
        assertThat(store.recordFailure(aThroughB, rule(1), now).kind()).isEqualTo(FailedLogin.Kind.LOCKED_NOW);
        assertThat(store.delete(aThroughB)).isEqualTo(Change.applied());

        assertThat(stored(user)).isEqualTo(ofA);
        assertThat(store.remainingRecoveryCodes(user)).isEqualTo(codes.size());
        assertThat(store.acceptStep(user, STEP + 1, now)).isEqualTo(Change.applied());
    }
}

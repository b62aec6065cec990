package dev.tollgate.tck.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.code.AttemptResult;
import dev.tollgate.port.spi.code.CodePurpose;
import dev.tollgate.port.spi.code.OneTimeCode;
import dev.tollgate.port.spi.code.OneTimeCodeStore;
import dev.tollgate.tck.internal.Race;
import dev.tollgate.tck.internal.Unique;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link OneTimeCodeStore}. A store proves itself by extending this class and
 * answering {@link #oneTimeCodeStore()}, which is called before every test and may answer one
 * store shared by all tests: each test uses fresh users and digests and never assumes the
 * store is empty. A store must keep instants to at least the millisecond.
 *
 * <p>Beyond the Javadoc of {@link OneTimeCodeStore}, the contract pins these readings: the checks
 * of {@code attempt} apply in the order the Javadoc lists them, so an expired code answers
 * {@code EXPIRED} even when its tries are used up; the right digest on the last allowed try
 * still matches; once a code matched, racing tries answer {@code NOT_FOUND}; and the login's own
 * codes ({@code MFA_CHALLENGE}, {@code PASSWORD_CHANGE}) are kept one per user and purpose like
 * the mailed ones, so no code replaces one of another purpose. Not pinned:
 * the {@code attempts} of the code a {@code MATCHED} answer carries, and whether {@code find}
 * still shows an exhausted code.
 */
public abstract class OneTimeCodeStoreContract {

    protected static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123Z");
    private static final Duration TTL = Duration.ofMinutes(10);

    private OneTimeCodeStore store;
    private UserRef user;

    /** The store under test; called before each test. */
    protected abstract OneTimeCodeStore oneTimeCodeStore();

    @BeforeEach
    void setUpOneTimeCodeStore() {
        store = oneTimeCodeStore();
        user = Unique.user();
    }

    private static OneTimeCode aCode(UserRef owner, CodePurpose purpose, int maxAttempts) {
        return new OneTimeCode(owner, purpose, Unique.email(), Unique.digest(), T0, T0.plus(TTL), 0, maxAttempts);
    }

    private OneTimeCode issued(CodePurpose purpose, int maxAttempts) {
        OneTimeCode code = aCode(user, purpose, maxAttempts);
        store.issue(code);
        return code;
    }

    private OneTimeCode issued() {
        return issued(CodePurpose.EMAIL_VERIFICATION, 5);
    }

    private AttemptResult attempt(OneTimeCode code, String digest, Instant now) {
        return store.attempt(code.user(), code.purpose(), digest, now);
    }

    private static Instant during() {
        return T0.plusSeconds(1);
    }

    // --- issue and find ----------------------------------------------------------------------

    @Test
    void anIssuedCode_isFound_withEveryField() {
        OneTimeCode code = new OneTimeCode(user, CodePurpose.PASSWORD_RESET, Unique.email(), Unique.digest(),
                T0, T0.plus(TTL).plusMillis(1), 0, 7);

        store.issue(code);

        assertThat(store.find(user, CodePurpose.PASSWORD_RESET)).contains(code);
    }

    @Test
    void withoutAnIssuedCode_findFindsNothing() {
        issued(CodePurpose.EMAIL_VERIFICATION, 5);

        assertThat(store.find(user, CodePurpose.PASSWORD_RESET)).isEmpty();
        assertThat(store.find(Unique.user(), CodePurpose.EMAIL_VERIFICATION)).isEmpty();
        assertThat(store.find(UserRef.of(Unique.tenant(), user.id()), CodePurpose.EMAIL_VERIFICATION)).isEmpty();
    }

    @Test
    void issuingAgain_replacesTheEarlierCode_withItsCountOfTries() {
        OneTimeCode earlier = issued();
        attempt(earlier, Unique.digest(), during());
        OneTimeCode later = aCode(user, CodePurpose.EMAIL_VERIFICATION, 3);

        store.issue(later);

        assertThat(store.find(user, CodePurpose.EMAIL_VERIFICATION)).contains(later);
    }

    @Test
    void afterAReissue_theEarlierDigestNoLongerMatches_butTheNewOneDoes() {
        OneTimeCode earlier = issued();
        OneTimeCode later = aCode(user, CodePurpose.EMAIL_VERIFICATION, 3);
        store.issue(later);

        assertThat(attempt(earlier, earlier.codeDigest(), during())).isEqualTo(AttemptResult.mismatched(2));
        assertThat(attempt(later, later.codeDigest(), during()).kind()).isEqualTo(AttemptResult.Kind.MATCHED);
    }

    // --- attempt -----------------------------------------------------------------------------

    @Test
    void attemptingWithoutACode_isNotFound() {
        issued(CodePurpose.PASSWORD_RESET, 5);

        assertThat(store.attempt(user, CodePurpose.EMAIL_VERIFICATION, Unique.digest(), during()))
                .isEqualTo(AttemptResult.of(AttemptResult.Kind.NOT_FOUND));
        assertThat(store.attempt(UserRef.of(Unique.tenant(), user.id()), CodePurpose.PASSWORD_RESET, Unique.digest(), during()))
                .isEqualTo(AttemptResult.of(AttemptResult.Kind.NOT_FOUND));
    }

    @Test
    void attemptingAtOrAfterTheExpiry_isExpired_andCountsNothing() {
        OneTimeCode code = issued();

        assertThat(attempt(code, code.codeDigest(), code.expiresAt())).isEqualTo(AttemptResult.of(AttemptResult.Kind.EXPIRED));
        assertThat(attempt(code, code.codeDigest(), code.expiresAt().plusSeconds(1))).isEqualTo(AttemptResult.of(AttemptResult.Kind.EXPIRED));

        assertThat(store.find(user, code.purpose())).contains(code);
    }

    @Test
    void attemptingJustBeforeTheExpiry_withTheRightDigest_matches() {
        OneTimeCode code = issued();

        assertThat(attempt(code, code.codeDigest(), code.expiresAt().minusMillis(1)).kind()).isEqualTo(AttemptResult.Kind.MATCHED);
    }

    @Test
    void wrongDigests_areMismatched_withFewerTriesLeftEachTime() {
        OneTimeCode code = issued(CodePurpose.EMAIL_VERIFICATION, 3);

        assertThat(attempt(code, Unique.digest(), during())).isEqualTo(AttemptResult.mismatched(2));
        assertThat(attempt(code, Unique.digest(), during())).isEqualTo(AttemptResult.mismatched(1));
        assertThat(store.find(user, code.purpose())).hasValueSatisfying(c -> assertThat(c.attempts()).isEqualTo(2));
        assertThat(attempt(code, Unique.digest(), during())).isEqualTo(AttemptResult.mismatched(0));
    }

    @Test
    void whenEveryTryIsUsed_evenTheRightDigestIsExhausted() {
        OneTimeCode code = issued(CodePurpose.EMAIL_VERIFICATION, 3);
        for (int i = 0; i < 3; i++) {
            attempt(code, Unique.digest(), during());
        }

        assertThat(attempt(code, code.codeDigest(), during())).isEqualTo(AttemptResult.of(AttemptResult.Kind.EXHAUSTED));
        assertThat(attempt(code, Unique.digest(), during())).isEqualTo(AttemptResult.of(AttemptResult.Kind.EXHAUSTED));
    }

    @Test
    void theRightDigestOnTheLastAllowedTry_matches() {
        OneTimeCode code = issued(CodePurpose.EMAIL_VERIFICATION, 3);
        attempt(code, Unique.digest(), during());
        attempt(code, Unique.digest(), during());

        assertThat(attempt(code, code.codeDigest(), during()).kind()).isEqualTo(AttemptResult.Kind.MATCHED);
    }

    @Test
    void anExpiredCodeWithEveryTryUsed_isExpired() {
        OneTimeCode code = issued(CodePurpose.EMAIL_VERIFICATION, 1);
        attempt(code, Unique.digest(), during());

        assertThat(attempt(code, code.codeDigest(), code.expiresAt())).isEqualTo(AttemptResult.of(AttemptResult.Kind.EXPIRED));
    }

    @Test
    void theRightDigest_matches_answersTheCode_andConsumesIt() {
        OneTimeCode code = issued();

        AttemptResult result = attempt(code, code.codeDigest(), during());

        assertThat(result.kind()).isEqualTo(AttemptResult.Kind.MATCHED);
        assertThat(result.code()).usingRecursiveComparison().ignoringFields("attempts").isEqualTo(code);
        assertThat(store.find(user, code.purpose())).isEmpty();
        assertThat(attempt(code, code.codeDigest(), during())).isEqualTo(AttemptResult.of(AttemptResult.Kind.NOT_FOUND));
    }

    @Test
    void codesOfDifferentPurposes_areIndependent() {
        OneTimeCode verification = issued(CodePurpose.EMAIL_VERIFICATION, 5);
        OneTimeCode reset = issued(CodePurpose.PASSWORD_RESET, 5);

        assertThat(attempt(verification, reset.codeDigest(), during())).isEqualTo(AttemptResult.mismatched(4));
        assertThat(attempt(reset, reset.codeDigest(), during()).kind()).isEqualTo(AttemptResult.Kind.MATCHED);

        assertThat(store.find(user, CodePurpose.EMAIL_VERIFICATION)).hasValueSatisfying(c -> {
            assertThat(c.codeDigest()).isEqualTo(verification.codeDigest());
            assertThat(c.attempts()).isEqualTo(1);
        });
        assertThat(store.find(user, CodePurpose.PASSWORD_RESET)).isEmpty();
    }

    @Test
    void aCodeOfEveryPurpose_isIssuedAndFound_besideTheOthers() {
        List<OneTimeCode> codes = Arrays.stream(CodePurpose.values()).map(purpose -> issued(purpose, 5)).toList();

        for (OneTimeCode code : codes) {
            assertThat(store.find(user, code.purpose())).as(code.purpose().name()).contains(code);
        }
    }

    @Test
    void theLoginsOwnCodes_neitherReplaceEachOther_norTheMailedOnes() {
        OneTimeCode verification = issued(CodePurpose.EMAIL_VERIFICATION, 5);
        OneTimeCode challenge = issued(CodePurpose.MFA_CHALLENGE, 5);
        OneTimeCode change = issued(CodePurpose.PASSWORD_CHANGE, 5);

        assertThat(store.find(user, CodePurpose.EMAIL_VERIFICATION)).contains(verification);
        assertThat(store.find(user, CodePurpose.MFA_CHALLENGE)).contains(challenge);
        assertThat(store.find(user, CodePurpose.PASSWORD_CHANGE)).contains(change);

        OneTimeCode nextChallenge = aCode(user, CodePurpose.MFA_CHALLENGE, 3);
        store.issue(nextChallenge);
        assertThat(store.find(user, CodePurpose.MFA_CHALLENGE)).contains(nextChallenge);
        assertThat(store.find(user, CodePurpose.PASSWORD_CHANGE)).contains(change);
        assertThat(store.find(user, CodePurpose.EMAIL_VERIFICATION)).contains(verification);

        assertThat(attempt(change, nextChallenge.codeDigest(), during())).isEqualTo(AttemptResult.mismatched(4));
        assertThat(attempt(nextChallenge, nextChallenge.codeDigest(), during()).kind()).isEqualTo(AttemptResult.Kind.MATCHED);
        assertThat(store.find(user, CodePurpose.MFA_CHALLENGE)).isEmpty();
        assertThat(attempt(change, change.codeDigest(), during()).kind()).isEqualTo(AttemptResult.Kind.MATCHED);
        assertThat(store.find(user, CodePurpose.EMAIL_VERIFICATION)).contains(verification);
        assertThat(store.deleteAll(user)).isEqualTo(1);
    }

    // --- deleteAll ---------------------------------------------------------------------------

    @Test
    void deleteAll_removesEveryCodeOfTheUser_andNoOneElses() {
        issued(CodePurpose.EMAIL_VERIFICATION, 5);
        issued(CodePurpose.PASSWORD_RESET, 5);
        OneTimeCode someoneElses = aCode(Unique.user(), CodePurpose.EMAIL_VERIFICATION, 5);
        store.issue(someoneElses);

        assertThat(store.deleteAll(user)).isEqualTo(2);

        assertThat(store.find(user, CodePurpose.EMAIL_VERIFICATION)).isEmpty();
        assertThat(store.find(user, CodePurpose.PASSWORD_RESET)).isEmpty();
        assertThat(store.find(someoneElses.user(), someoneElses.purpose())).contains(someoneElses);
        assertThat(store.deleteAll(user)).isZero();
    }

    // --- concurrency -------------------------------------------------------------------------

    @Test
    void ofConcurrentWrongTries_noMoreThanMaxAttemptsAreCounted() {
        OneTimeCode code = issued(CodePurpose.PASSWORD_RESET, 5);

        List<AttemptResult> results = Race.run(i -> attempt(code, Unique.digest(), during()));

        assertThat(results).filteredOn(r -> r.kind() == AttemptResult.Kind.MISMATCHED)
                .extracting(AttemptResult::attemptsLeft).containsExactlyInAnyOrder(4, 3, 2, 1, 0);
        assertThat(results).filteredOn(r -> r.kind() == AttemptResult.Kind.EXHAUSTED).hasSize(Race.THREADS - 5);
        assertThat(attempt(code, code.codeDigest(), during())).isEqualTo(AttemptResult.of(AttemptResult.Kind.EXHAUSTED));
    }

    @Test
    void ofConcurrentTriesWithTheRightDigest_exactlyOneMatches() {
        OneTimeCode code = issued(CodePurpose.PASSWORD_RESET, 5);

        List<AttemptResult> results = Race.run(i -> attempt(code, code.codeDigest(), during()));

        assertThat(results).filteredOn(r -> r.kind() == AttemptResult.Kind.MATCHED).hasSize(1);
        assertThat(results).filteredOn(r -> r.kind() != AttemptResult.Kind.MATCHED)
                .hasSize(Race.THREADS - 1)
                .containsOnly(AttemptResult.of(AttemptResult.Kind.NOT_FOUND));
    }

    // --- tenant isolation --------------------------------------------------------------------

    @Test
    void givenRecordOfTenantA_tenantB_neitherSeesNorChangesIt() {
        OneTimeCode ofA = issued(CodePurpose.PASSWORD_RESET, 3);
        UserRef aThroughB = UserRef.of(Unique.tenant(), user.id());

        assertThat(store.find(aThroughB, ofA.purpose())).isEmpty();
        assertThat(store.attempt(aThroughB, ofA.purpose(), ofA.codeDigest(), during()).kind())
                .isEqualTo(AttemptResult.Kind.NOT_FOUND);
        assertThat(store.deleteAll(aThroughB)).isZero();
        // tenant B's code for a user of the same id and purpose, with the same digest, is its own
        OneTimeCode ofB = new OneTimeCode(aThroughB, ofA.purpose(), ofA.sentTo(), ofA.codeDigest(), T0, T0.plus(TTL), 0, 3);
        store.issue(ofB);
        assertThat(store.attempt(aThroughB, ofA.purpose(), ofA.codeDigest(), during()).kind())
                .isEqualTo(AttemptResult.Kind.MATCHED);
        assertThat(store.find(aThroughB, ofA.purpose())).isEmpty();

        assertThat(store.find(user, ofA.purpose())).contains(ofA);
    }
}

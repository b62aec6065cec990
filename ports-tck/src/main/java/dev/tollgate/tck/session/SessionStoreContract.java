package dev.tollgate.tck.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.Change;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.session.Rotation;
import dev.tollgate.port.spi.session.RotationResult;
import dev.tollgate.port.spi.session.SessionRecord;
import dev.tollgate.port.spi.session.SessionStore;
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
 * The contract of {@link SessionStore}. A store proves itself by extending this class and
 * answering {@link #sessionStore()}, which is called before every test and may answer one
 * store shared by all tests: each test uses fresh users, session ids and digests and never
 * assumes the store is empty. A store must keep instants to at least the millisecond.
 *
 * <p>Beyond the Javadoc of {@link SessionStore}, the contract pins these readings:
 * <ul>
 *   <li>{@code findByAccessDigest} finds revoked sessions too, with their {@code revokedAt}.</li>
 *   <li>Every refresh digest a session ever had stays spent until {@code deleteAll}: presenting
 *       any of them answers {@code REUSED}, not only the one rotated away last.</li>
 *   <li>{@code REUSED} changes nothing: the session keeps its current digests, which still
 *       rotate. Deciding what to do about the reuse (revoking) is the caller's business.</li>
 *   <li><b>Reuse racing a rotation.</b> The digest a rotation retires becomes spent in the same
 *       atomic step as the session takes its new digests. So of concurrent rotations presenting
 *       the current digest, one is {@code ROTATED} and every other one is {@code REUSED} (never
 *       {@code UNKNOWN}, which would hide a theft); and a digest that was already spent answers
 *       {@code REUSED} whatever rotation of its session runs at the same time.</li>
 *   <li>A refresh expiry equal to {@code now} is expired, for {@code rotate} and {@code listLive}.</li>
 *   <li>A session's {@code device} label (null when it has none) and {@code idleTimeout} come back
 *       from every lookup and stay through {@code touch}, {@code rotate} and {@code revoke}.</li>
 * </ul>
 * Not pinned: what {@code rotate} does to {@code lastUsedAt}, what a spent digest of a revoked
 * or expired session answers, and whether {@code revoke} ends a session whose refresh expiry
 * has passed.
 */
public abstract class SessionStoreContract {

    protected static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123Z");
    private static final Duration ACCESS = Duration.ofMinutes(15);
    private static final Duration REFRESH = Duration.ofDays(30);

    private SessionStore store;
    private UserRef user;

    /** The store under test; called before each test. */
    protected abstract SessionStore sessionStore();

    @BeforeEach
    void setUpSessionStore() {
        store = sessionStore();
        user = Unique.user();
    }

    private static SessionRecord aSession(UserRef owner, Instant createdAt) {
        return new SessionRecord(Unique.sessionId(), owner, Unique.digest(), Unique.digest(), createdAt, createdAt,
                createdAt.plus(ACCESS), createdAt.plus(REFRESH), "203.0.113.7", "Mozilla/5.0 (TCK)", null);
    }

    private SessionRecord created(UserRef owner, Instant createdAt) {
        SessionRecord session = aSession(owner, createdAt);
        store.create(session);
        return session;
    }

    private SessionRecord created() {
        return created(user, T0);
    }

    private static Rotation aRotation(Instant now) {
        return new Rotation(Unique.digest(), Unique.digest(), now.plus(ACCESS).plusMillis(1), now.plus(REFRESH).plusMillis(1));
    }

    private SessionRecord current(SessionRecord session) {
        return store.findByAccessDigest(session.user().tenant(), session.accessDigest())
                .orElseThrow(() -> new AssertionError("session " + session.id() + " not found by its access digest"));
    }

    private SessionRecord current(Rotation rotation) {
        return store.findByAccessDigest(user.tenant(), rotation.accessDigest())
                .orElseThrow(() -> new AssertionError("no session has the rotated access digest"));
    }

    // --- create and find ---------------------------------------------------------------------

    @Test
    void aCreatedSession_isFoundByItsAccessDigest_withEveryField() {
        SessionRecord session = new SessionRecord(Unique.sessionId(), user, Unique.digest(), Unique.digest(),
                T0, T0.plusMillis(5), T0.plus(ACCESS), T0.plus(REFRESH), "2001:db8::1", "curl/8.5.0", null);

        store.create(session);

        assertThat(store.findByAccessDigest(user.tenant(), session.accessDigest())).contains(session);
    }

    @Test
    void aCreatedSession_withoutIpOrUserAgent_comesBackWithNulls() {
        SessionRecord session = new SessionRecord(Unique.sessionId(), user, Unique.digest(), Unique.digest(),
                T0, T0, T0.plus(ACCESS), T0.plus(REFRESH), null, null, null);

        store.create(session);

        assertThat(store.findByAccessDigest(user.tenant(), session.accessDigest())).contains(session);
    }

    @Test
    void aSessionsIdleTimeout_roundTrips_andStaysThroughTouchRotationAndRevocation() {
        SessionRecord staff = new SessionRecord(Unique.sessionId(), user, Unique.digest(), Unique.digest(), T0, T0,
                T0.plus(ACCESS), T0.plus(REFRESH), null, null, null, Duration.ofMinutes(30).plusMillis(7));
        store.create(staff);
        SessionRecord plain = created();

        assertThat(current(staff)).isEqualTo(staff);
        assertThat(current(plain).idleTimeout()).isNull();

        store.touch(user, staff.id(), T0.plusSeconds(5));
        assertThat(current(staff).idleTimeout()).isEqualTo(staff.idleTimeout());
        Instant now = T0.plusSeconds(10);
        Rotation next = aRotation(now);
        assertThat(store.rotate(user.tenant(), staff.refreshDigest(), next, now).session().idleTimeout())
                .isEqualTo(staff.idleTimeout());
        assertThat(current(next).idleTimeout()).isEqualTo(staff.idleTimeout());
        store.revoke(user, staff.id(), T0.plusSeconds(20));
        assertThat(current(next).idleTimeout()).isEqualTo(staff.idleTimeout());
        assertThat(current(plain).idleTimeout()).isNull();
    }

    @Test
    void aSessionsDevice_roundTrips_throughFindAndList_andStaysThroughTouchRotationAndRevocation() {
        SessionRecord session = new SessionRecord(Unique.sessionId(), user, Unique.digest(), Unique.digest(), T0, T0,
                T0.plus(ACCESS), T0.plus(REFRESH), "203.0.113.7", "Mozilla/5.0 (TCK)", null, null, "dev-3f9a1c");
        store.create(session);

        assertThat(current(session)).isEqualTo(session);
        assertThat(store.listLive(user, T0.plusSeconds(1))).containsExactly(session);

        store.touch(user, session.id(), T0.plusSeconds(5));
        assertThat(current(session).device()).isEqualTo("dev-3f9a1c");
        Instant now = T0.plusSeconds(10);
        Rotation next = aRotation(now);
        assertThat(store.rotate(user.tenant(), session.refreshDigest(), next, now).session().device())
                .isEqualTo("dev-3f9a1c");
        assertThat(current(next).device()).isEqualTo("dev-3f9a1c");
        assertThat(store.listLive(user, now)).extracting(SessionRecord::device).containsExactly("dev-3f9a1c");
        store.revoke(user, session.id(), T0.plusSeconds(20));
        assertThat(current(next).device()).isEqualTo("dev-3f9a1c");
    }

    @Test
    void aSessionOpenedFromNoKnownDevice_comesBackWithANullDevice() {
        SessionRecord session = created();
        SessionRecord named = new SessionRecord(Unique.sessionId(), user, Unique.digest(), Unique.digest(), T0, T0,
                T0.plus(ACCESS), T0.plus(REFRESH), null, null, null, null, null);
        store.create(named);

        assertThat(current(session).device()).isNull();
        assertThat(current(named)).isEqualTo(named);
        assertThat(store.listLive(user, T0.plusSeconds(1))).extracting(SessionRecord::device).containsOnlyNulls();
    }

    @Test
    void anUnknownAccessDigest_findsNothing() {
        SessionRecord session = created();

        assertThat(store.findByAccessDigest(user.tenant(), Unique.digest())).isEmpty();
        assertThat(store.findByAccessDigest(user.tenant(), session.refreshDigest())).as("a refresh digest is no access digest").isEmpty();
    }

    // --- rotate ------------------------------------------------------------------------------

    @Test
    void rotatingWithTheCurrentRefreshDigest_isRotated_andTheSessionTakesTheNewDigestsAndExpiries() {
        SessionRecord session = created();
        Instant now = T0.plusSeconds(60);
        Rotation next = aRotation(now);

        RotationResult result = store.rotate(user.tenant(), session.refreshDigest(), next, now);

        assertThat(result.kind()).isEqualTo(RotationResult.Kind.ROTATED);
        SessionRecord rotated = result.session();
        assertThat(rotated.id()).isEqualTo(session.id());
        assertThat(rotated.user()).isEqualTo(user);
        assertThat(rotated.accessDigest()).isEqualTo(next.accessDigest());
        assertThat(rotated.refreshDigest()).isEqualTo(next.refreshDigest());
        assertThat(rotated.accessExpiresAt()).isEqualTo(next.accessExpiresAt());
        assertThat(rotated.refreshExpiresAt()).isEqualTo(next.refreshExpiresAt());
        assertThat(rotated.createdAt()).isEqualTo(session.createdAt());
        assertThat(rotated.ip()).isEqualTo(session.ip());
        assertThat(rotated.userAgent()).isEqualTo(session.userAgent());
        assertThat(rotated.revokedAt()).isNull();
    }

    @Test
    void afterARotation_onlyTheNewAccessDigestFindsTheSession() {
        SessionRecord session = created();
        Rotation next = aRotation(T0.plusSeconds(60));

        RotationResult result = store.rotate(user.tenant(), session.refreshDigest(), next, T0.plusSeconds(60));

        assertThat(store.findByAccessDigest(user.tenant(), session.accessDigest())).isEmpty();
        assertThat(store.findByAccessDigest(user.tenant(), next.accessDigest())).contains(result.session());
    }

    @Test
    void presentingARefreshDigestThatWasRotatedAway_isReused_withThatSession_andChangesNothing() {
        SessionRecord session = created();
        Rotation next = aRotation(T0.plusSeconds(60));
        store.rotate(user.tenant(), session.refreshDigest(), next, T0.plusSeconds(60));
        SessionRecord before = current(next);

        RotationResult result = store.rotate(user.tenant(), session.refreshDigest(), aRotation(T0.plusSeconds(120)), T0.plusSeconds(120));

        assertThat(result.kind()).isEqualTo(RotationResult.Kind.REUSED);
        assertThat(result.session().id()).isEqualTo(session.id());
        assertThat(result.session().user()).isEqualTo(user);
        assertThat(current(next)).isEqualTo(before);
        assertThat(store.rotate(user.tenant(), next.refreshDigest(), aRotation(T0.plusSeconds(180)), T0.plusSeconds(180)).kind())
                .as("the current digest still rotates after a reuse")
                .isEqualTo(RotationResult.Kind.ROTATED);
    }

    @Test
    void everyRefreshDigestASessionEverHad_staysSpent() {
        SessionRecord session = created();
        Rotation second = aRotation(T0.plusSeconds(60));
        store.rotate(user.tenant(), session.refreshDigest(), second, T0.plusSeconds(60));
        store.rotate(user.tenant(), second.refreshDigest(), aRotation(T0.plusSeconds(120)), T0.plusSeconds(120));

        RotationResult first = store.rotate(user.tenant(), session.refreshDigest(), aRotation(T0.plusSeconds(180)), T0.plusSeconds(180));
        RotationResult middle = store.rotate(user.tenant(), second.refreshDigest(), aRotation(T0.plusSeconds(180)), T0.plusSeconds(180));

        assertThat(first.kind()).isEqualTo(RotationResult.Kind.REUSED);
        assertThat(first.session().id()).isEqualTo(session.id());
        assertThat(middle.kind()).isEqualTo(RotationResult.Kind.REUSED);
        assertThat(middle.session().id()).isEqualTo(session.id());
    }

    @Test
    void rotatingWithAnUnknownDigest_isUnknown() {
        created();

        assertThat(store.rotate(user.tenant(), Unique.digest(), aRotation(T0), T0)).isEqualTo(RotationResult.unknown());
    }

    @Test
    void rotatingARevokedSession_isUnknown_andChangesNothing() {
        SessionRecord session = created();
        store.revoke(user, session.id(), T0.plusSeconds(1));
        SessionRecord revoked = current(session);

        assertThat(store.rotate(user.tenant(), session.refreshDigest(), aRotation(T0.plusSeconds(2)), T0.plusSeconds(2)))
                .isEqualTo(RotationResult.unknown());
        assertThat(current(session)).isEqualTo(revoked);
    }

    @Test
    void rotatingWhenTheRefreshExpiryIsNotAfterNow_isUnknown() {
        SessionRecord session = created();
        Instant expiry = session.refreshExpiresAt();

        assertThat(store.rotate(user.tenant(), session.refreshDigest(), aRotation(expiry), expiry)).isEqualTo(RotationResult.unknown());
        assertThat(store.rotate(user.tenant(), session.refreshDigest(), aRotation(expiry.plusSeconds(1)), expiry.plusSeconds(1)))
                .isEqualTo(RotationResult.unknown());
        assertThat(current(session)).isEqualTo(session);
    }

    @Test
    void rotatingJustBeforeTheRefreshExpiry_isRotated() {
        SessionRecord session = created();
        Instant now = session.refreshExpiresAt().minusMillis(1);

        assertThat(store.rotate(user.tenant(), session.refreshDigest(), aRotation(now), now).kind()).isEqualTo(RotationResult.Kind.ROTATED);
    }

    // --- touch -------------------------------------------------------------------------------

    @Test
    void touch_recordsALaterUse() {
        SessionRecord session = created();

        store.touch(session.user(), session.id(), T0.plusSeconds(42));

        assertThat(current(session).lastUsedAt()).isEqualTo(T0.plusSeconds(42));
    }

    @Test
    void touch_neverMovesTheLastUseBackwards() {
        SessionRecord session = created();
        store.touch(session.user(), session.id(), T0.plusSeconds(42));

        store.touch(session.user(), session.id(), T0.plusSeconds(10));

        assertThat(current(session).lastUsedAt()).isEqualTo(T0.plusSeconds(42));
    }

    @Test
    void touchingAnUnknownSession_changesNothingAndDoesNotFail() {
        SessionRecord session = created();

        store.touch(user, Unique.sessionId(), T0.plusSeconds(42));

        assertThat(current(session)).isEqualTo(session);
    }

    // --- revoke ------------------------------------------------------------------------------

    @Test
    void revokingALiveSessionOfTheUser_endsIt() {
        SessionRecord session = created();
        Instant at = T0.plusSeconds(60);

        assertThat(store.revoke(user, session.id(), at)).isEqualTo(Change.applied());

        assertThat(current(session).revokedAt()).isEqualTo(at);
        assertThat(store.listLive(user, at)).isEmpty();
    }

    @Test
    void revokingAnotherUsersSession_answersNoMatch_andLeavesItLive() {
        SessionRecord session = created();

        assertThat(store.revoke(Unique.user(), session.id(), T0.plusSeconds(60))).isEqualTo(Change.noMatch());
        assertThat(store.revoke(UserRef.of(Unique.tenant(), user.id()), session.id(), T0.plusSeconds(60))).isEqualTo(Change.noMatch());

        assertThat(current(session).revokedAt()).isNull();
    }

    @Test
    void revokingARevokedSession_answersNoMatch_andKeepsTheFirstRevocationTime() {
        SessionRecord session = created();
        store.revoke(user, session.id(), T0.plusSeconds(60));

        assertThat(store.revoke(user, session.id(), T0.plusSeconds(120))).isEqualTo(Change.noMatch());

        assertThat(current(session).revokedAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void revokingAnUnknownSession_answersNoMatch() {
        assertThat(store.revoke(user, Unique.sessionId(), T0)).isEqualTo(Change.noMatch());
    }

    @Test
    void revokeAll_endsEveryLiveSessionOfTheUser_andCountsOnlyThose() {
        SessionRecord first = created(user, T0);
        SessionRecord second = created(user, T0.plusSeconds(1));
        SessionRecord alreadyRevoked = created(user, T0.plusSeconds(2));
        store.revoke(user, alreadyRevoked.id(), T0.plusSeconds(3));
        SessionRecord someoneElses = created(Unique.user(), T0);
        Instant at = T0.plusSeconds(60);

        assertThat(store.revokeAll(user, at)).isEqualTo(2);

        assertThat(current(first).revokedAt()).isEqualTo(at);
        assertThat(current(second).revokedAt()).isEqualTo(at);
        assertThat(current(alreadyRevoked).revokedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(current(someoneElses).revokedAt()).isNull();
    }

    @Test
    void revokeAllExcept_endsEveryOtherLiveSession_andKeepsTheOneNamed() {
        SessionRecord keep = created(user, T0);
        SessionRecord other = created(user, T0.plusSeconds(1));
        SessionRecord another = created(user, T0.plusSeconds(2));
        SessionRecord someoneElses = created(Unique.user(), T0);
        Instant at = T0.plusSeconds(60);

        assertThat(store.revokeAllExcept(user, keep.id(), at)).isEqualTo(2);

        assertThat(current(keep).revokedAt()).isNull();
        assertThat(current(other).revokedAt()).isEqualTo(at);
        assertThat(current(another).revokedAt()).isEqualTo(at);
        assertThat(current(someoneElses).revokedAt()).isNull();
        assertThat(store.listLive(user, at)).extracting(SessionRecord::id).containsExactly(keep.id());
    }

    @Test
    void revokeAll_ofAUserWithoutSessions_answersZero() {
        assertThat(store.revokeAll(user, T0)).isZero();
        assertThat(store.revokeAllExcept(user, Unique.sessionId(), T0)).isZero();
    }

    // --- listLive ----------------------------------------------------------------------------

    @Test
    void listLive_answersTheUsersUnrevokedUnexpiredSessions_newestFirst() {
        SessionRecord middle = created(user, T0.plusSeconds(10));
        SessionRecord oldest = created(user, T0);
        SessionRecord newest = created(user, T0.plusSeconds(20));
        SessionRecord revoked = created(user, T0.plusSeconds(30));
        store.revoke(user, revoked.id(), T0.plusSeconds(31));
        created(Unique.user(), T0.plusSeconds(40));

        List<SessionRecord> live = store.listLive(user, T0.plusSeconds(60));

        assertThat(live).extracting(SessionRecord::id).containsExactly(newest.id(), middle.id(), oldest.id());
        assertThat(live.get(0)).isEqualTo(newest);
    }

    @Test
    void listLive_leavesOutSessionsWhoseRefreshExpiryIsNotAfterNow() {
        SessionRecord older = created(user, T0);
        SessionRecord younger = created(user, T0.plusSeconds(1));

        assertThat(store.listLive(user, older.refreshExpiresAt()))
                .extracting(SessionRecord::id).containsExactly(younger.id());
        assertThat(store.listLive(user, younger.refreshExpiresAt())).isEmpty();
    }

    @Test
    void listLive_ofAnotherTenantsUserWithTheSameId_isEmpty() {
        created();

        assertThat(store.listLive(UserRef.of(Unique.tenant(), user.id()), T0)).isEmpty();
    }

    // --- deleteAll ---------------------------------------------------------------------------

    @Test
    void deleteAll_removesEverySessionOfTheUser_withTheirSpentDigests() {
        SessionRecord live = created(user, T0);
        SessionRecord revoked = created(user, T0.plusSeconds(1));
        store.revoke(user, revoked.id(), T0.plusSeconds(2));
        Rotation next = aRotation(T0.plusSeconds(3));
        store.rotate(user.tenant(), live.refreshDigest(), next, T0.plusSeconds(3));
        SessionRecord someoneElses = created(Unique.user(), T0);

        assertThat(store.deleteAll(user)).isEqualTo(2);

        assertThat(store.findByAccessDigest(user.tenant(), next.accessDigest())).isEmpty();
        assertThat(store.findByAccessDigest(user.tenant(), revoked.accessDigest())).isEmpty();
        assertThat(store.listLive(user, T0.plusSeconds(4))).isEmpty();
        assertThat(store.rotate(user.tenant(), live.refreshDigest(), aRotation(T0.plusSeconds(5)), T0.plusSeconds(5)))
                .as("a spent digest of a deleted session").isEqualTo(RotationResult.unknown());
        assertThat(store.rotate(user.tenant(), next.refreshDigest(), aRotation(T0.plusSeconds(5)), T0.plusSeconds(5)))
                .as("the current digest of a deleted session").isEqualTo(RotationResult.unknown());
        assertThat(current(someoneElses)).isEqualTo(someoneElses);
        assertThat(store.deleteAll(user)).isZero();
    }

    // --- concurrency -------------------------------------------------------------------------

    @Test
    void ofConcurrentRotationsPresentingOneDigest_exactlyOneRotates_andEveryOtherIsReused() {
        SessionRecord session = created();
        Instant now = T0.plusSeconds(60);
        List<Rotation> rotations = IntStream.range(0, Race.THREADS).mapToObj(i -> aRotation(now)).toList();

        List<RotationResult> results = Race.run(i -> store.rotate(user.tenant(), session.refreshDigest(), rotations.get(i), now));

        List<RotationResult.Kind> kinds = results.stream().map(RotationResult::kind).toList();
        assertThat(Collections.frequency(kinds, RotationResult.Kind.ROTATED)).isEqualTo(1);
        assertThat(Collections.frequency(kinds, RotationResult.Kind.REUSED)).isEqualTo(Race.THREADS - 1);
        assertThat(results).allSatisfy(r -> assertThat(r.session().id()).isEqualTo(session.id()));
        Rotation winner = rotations.get(kinds.indexOf(RotationResult.Kind.ROTATED));
        assertThat(current(winner).refreshDigest()).isEqualTo(winner.refreshDigest());
    }

    @Test
    void aSpentDigestPresentedWhileTheCurrentOneRotates_isAlwaysReused() {
        SessionRecord session = created();
        Rotation second = aRotation(T0.plusSeconds(1));
        store.rotate(user.tenant(), session.refreshDigest(), second, T0.plusSeconds(1));
        Instant now = T0.plusSeconds(60);
        List<Rotation> rotations = IntStream.range(0, Race.THREADS).mapToObj(i -> aRotation(now)).toList();

        List<RotationResult> results = Race.run(i -> store.rotate(user.tenant(), 
                i % 2 == 0 ? session.refreshDigest() : second.refreshDigest(), rotations.get(i), now));

        List<RotationResult.Kind> kinds = results.stream().map(RotationResult::kind).toList();
        assertThat(IntStream.range(0, Race.THREADS).filter(i -> i % 2 == 0).mapToObj(kinds::get))
                .as("presenting the long-spent digest").containsOnly(RotationResult.Kind.REUSED);
        assertThat(IntStream.range(0, Race.THREADS).filter(i -> i % 2 == 1).mapToObj(kinds::get))
                .as("presenting the current digest").containsOnly(RotationResult.Kind.ROTATED, RotationResult.Kind.REUSED)
                .containsOnlyOnce(RotationResult.Kind.ROTATED);
    }

    @Test
    void ofConcurrentRevocationsOfOneSession_exactlyOneApplies() {
        SessionRecord session = created();

        List<Change> results = Race.run(i -> store.revoke(user, session.id(), T0.plusSeconds(60)));

        assertThat(Collections.frequency(results, Change.applied())).isEqualTo(1);
    }

    @Test
    void ofConcurrentTouches_theLatestUseWins() {
        SessionRecord session = created();

        Race.run(i -> {
            store.touch(session.user(), session.id(), T0.plusSeconds(i + 1L));
            return null;
        });

        assertThat(current(session).lastUsedAt()).isEqualTo(T0.plusSeconds(Race.THREADS));
    }

    // --- tenant isolation --------------------------------------------------------------------

    @Test
    void givenRecordOfTenantA_tenantB_neitherSeesNorChangesIt() {
        SessionRecord ofA = created();
        Rotation spentInA = aRotation(T0.plusSeconds(1));
        String spentDigest = ofA.refreshDigest();
        SessionRecord rotatedA = store.rotate(user.tenant(), spentDigest, spentInA, T0.plusSeconds(1)).session();
        TenantId b = Unique.tenant();
        UserRef aThroughB = UserRef.of(b, user.id());
        Instant now = T0.plusSeconds(60);

        assertThat(store.findByAccessDigest(b, rotatedA.accessDigest())).as("tenant B, same access digest").isEmpty();
        assertThat(store.rotate(b, rotatedA.refreshDigest(), aRotation(now), now))
                .as("tenant B, A's current refresh digest").isEqualTo(RotationResult.unknown());
        assertThat(store.rotate(b, spentDigest, aRotation(now), now))
                .as("tenant B, A's spent refresh digest").isEqualTo(RotationResult.unknown());
        store.touch(aThroughB, ofA.id(), now);
        assertThat(store.revoke(aThroughB, ofA.id(), now)).isEqualTo(Change.noMatch());
        assertThat(store.revokeAll(aThroughB, now)).isZero();
        assertThat(store.revokeAllExcept(aThroughB, Unique.sessionId(), now)).isZero();
        assertThat(store.listLive(aThroughB, now)).isEmpty();
        assertThat(store.deleteAll(aThroughB)).isZero();
        // tenant B may hold a session with the very digests of A's; each tenant finds and rotates its own
        SessionRecord ofB = new SessionRecord(Unique.sessionId(), aThroughB, rotatedA.accessDigest(), spentDigest, T0, T0,
                T0.plus(ACCESS), T0.plus(REFRESH), null, null, null);
        store.create(ofB);
        assertThat(store.findByAccessDigest(b, rotatedA.accessDigest())).contains(ofB);
        assertThat(store.rotate(b, spentDigest, aRotation(now), now).kind()).isEqualTo(RotationResult.Kind.ROTATED);
        assertThat(store.deleteAll(aThroughB)).isEqualTo(1);

        assertThat(current(rotatedA)).isEqualTo(rotatedA);
        assertThat(store.rotate(user.tenant(), spentDigest, aRotation(now), now).kind())
                .as("A's spent digest is still spent in A").isEqualTo(RotationResult.Kind.REUSED);
        assertThat(store.rotate(user.tenant(), rotatedA.refreshDigest(), aRotation(now), now).kind())
                .isEqualTo(RotationResult.Kind.ROTATED);
    }
}

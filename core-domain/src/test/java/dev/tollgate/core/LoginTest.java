package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.otp.JavaOtpTotpAlgorithm;
import dev.tollgate.adapter.zxing.ZxingQrCodes;
import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.session.Login;
import dev.tollgate.port.api.session.SessionTokens;
import dev.tollgate.port.settings.HashingSettings;
import dev.tollgate.port.settings.ThrottleSettings;
import dev.tollgate.port.spi.password.PasswordCheck;
import dev.tollgate.port.spi.password.PasswordHasher;
import dev.tollgate.port.spi.user.UserStore;
import dev.tollgate.tck.support.FastTestPasswordHasher;
import dev.tollgate.tck.support.SeededRandomSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoginTest {

    private final CoreFixture fixture = new CoreFixture();

    @Test
    void rightPassword_byUsernameInAnyCase_orByEmail_opensASession() {
        UserRef user = fixture.register("alice").user().ref();

        assertThat(fixture.login("alice", PASSWORD).orElseThrow().user().id()).isEqualTo(user.id());
        assertThat(fixture.login("ALICE", PASSWORD).isDone()).isTrue();
        assertThat(fixture.login("Alice@Example.com", PASSWORD).isDone()).isTrue();
    }

    @Test
    void successfulLogin_recordsTheLastLoginTime() {
        UserRef user = fixture.register("bob").user().ref();
        fixture.clock.advance(Duration.ofMinutes(3));

        SessionTokens tokens = fixture.loggedIn("bob");

        assertThat(tokens.user().lastLoginAt()).isEqualTo(fixture.clock.instant());
        assertThat(fixture.users.findById(user).orElseThrow().lastLoginAt()).isEqualTo(fixture.clock.instant());
    }

    @Test
    void theHappyPath_readsTheUserOnce_andAnswersItAsTheLoginLeftIt() {
        UserRef user = fixture.register("quinn").user().ref();
        fixture.clock.advance(Duration.ofMinutes(5));
        ReadCountingUsers counting = new ReadCountingUsers(fixture.users);
        CoreServices core = fixture.overUsers(counting.store());

        SessionTokens byName = core.sessions().login(Login.of(user.tenant(), "quinn", PASSWORD)).orElseThrow();
        int byNameReads = counting.reads.getAndSet(0);
        SessionTokens byEmail = core.sessions().login(Login.of(user.tenant(), "quinn@example.com", PASSWORD))
                .orElseThrow();

        assertThat(byNameReads).as("reads of the user by a login by name").isEqualTo(1);
        assertThat(counting.reads).as("reads of the user by a login by address").hasValue(1);
        assertThat(byName.user().lastLoginAt()).isEqualTo(fixture.clock.instant());
        assertThat(byEmail.user()).isEqualTo(fixture.core.accounts().find(user).orElseThrow());
    }

    @Test
    void aSuspension_committedWhileThePasswordIsChecked_refusesTheLogin_andOpensNoSession() {
        UserRef user = fixture.register("sasha").user().ref();
        // staff suspend the account between the read of the login and its recording
        UserStore suspendingFirst = (UserStore) Proxy.newProxyInstance(UserStore.class.getClassLoader(),
                new Class<?>[] {UserStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("recordSuccessfulLogin")) {
                        fixture.users.changeStatus(user, AccountStatus.ACTIVE, AccountStatus.SUSPENDED, "abuse",
                                fixture.clock.instant());
                    }
                    try {
                        return method.invoke(fixture.users, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        CoreServices core = fixture.overUsers(suspendingFirst);

        Outcome<SessionTokens> login = core.sessions().login(Login.of(user.tenant(), "sasha", PASSWORD));

        assertThat(login.problem()).isEqualTo(new Problem.AccountInactive(AccountStatus.SUSPENDED));
        assertThat(fixture.core.sessions().list(user)).isEmpty();
        assertThat(fixture.audit(user)).filteredOn(event -> event.type() == AuditType.LOGIN).first()
                .satisfies(event -> assertThat(event.reason()).isEqualTo("ACCOUNT_INACTIVE"));
    }

    @Test
    void aRightPassword_checkedWhileConcurrentFailuresLockTheAccount_isRefusedAsLocked() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        BlockingHasher blocking = new BlockingHasher(new FastTestPasswordHasher(new SeededRandomSource(5)), entered,
                release);
        CoreFixture raced = new CoreFixture(
                s -> s.withHashing(new HashingSettings(4, Duration.ofSeconds(30))), blocking, Runnable::run);
        raced.register("rosa");
        blocking.blocking = true;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Outcome<SessionTokens>> right = pool.submit(() -> raced.login("rosa", PASSWORD));
            assertThat(entered.await(60, TimeUnit.SECONDS)).isTrue();
            blocking.blocking = false;
            for (int i = 0; i < 5; i++) {
                raced.login("rosa", "wrong-" + i);
            }
            Instant until = raced.clock.instant().plus(Duration.ofHours(1));
            release.countDown();

            assertThat(right.get(60, TimeUnit.SECONDS).problem()).isEqualTo(new Problem.AccountLocked(until));
            assertThat(raced.users.findById(raced.core.accounts().findByLogin(TenantId.DEFAULT, "rosa").orElseThrow()
                    .ref()).orElseThrow().lastLoginAt()).as("no login recorded").isNull();
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void unknownUser_andWrongPassword_getTheSameAnswer_afterTheSameHashingWork() {
        CountingHasher counting = new CountingHasher(new FastTestPasswordHasher(new SeededRandomSource(7)));
        CoreFixture counted = new CoreFixture(s -> s, counting, Runnable::run);
        counted.register("carol");

        int before = counting.verifications.get();
        Outcome<SessionTokens> wrongPassword = counted.login("carol", "not-the-password");
        int forWrongPassword = counting.verifications.get() - before;
        Outcome<SessionTokens> unknownUser = counted.login("nobody-here", "not-the-password");
        int forUnknownUser = counting.verifications.get() - before - forWrongPassword;

        assertThat(unknownUser.problem()).isEqualTo(wrongPassword.problem()).isInstanceOf(Problem.InvalidCredentials.class);
        assertThat(unknownUser.problem().detail()).isEqualTo(wrongPassword.problem().detail());
        assertThat(forUnknownUser).isEqualTo(forWrongPassword).isEqualTo(1);
    }

    @Test
    void fiveConsecutiveFailures_lockTheAccountForAnHour_evenForTheRightPassword() {
        fixture.register("dave");
        for (int i = 1; i <= 4; i++) {
            assertThat(fixture.login("dave", "wrong-" + i).problem()).isInstanceOf(Problem.InvalidCredentials.class);
        }

        Problem fifth = fixture.login("dave", "wrong-5").problem();

        Instant until = fixture.clock.instant().plus(Duration.ofHours(1));
        assertThat(fifth).isEqualTo(new Problem.AccountLocked(until));
        assertThat(fixture.login("dave", PASSWORD).problem()).isEqualTo(new Problem.AccountLocked(until));
        fixture.clock.advance(Duration.ofMinutes(59));
        assertThat(fixture.login("dave", PASSWORD).problem()).isInstanceOf(Problem.AccountLocked.class);
        fixture.clock.advance(Duration.ofMinutes(1));
        assertThat(fixture.login("dave", PASSWORD).isDone()).isTrue();
    }

    @Test
    void anUnknownName_locksExactlyLikeAnAccount_soTheLockRevealsNothing() {
        fixture.register("dora");
        List<Problem> known = new ArrayList<>();
        List<Problem> unknown = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            known.add(fixture.login("dora", "wrong-" + i).problem());
            unknown.add(fixture.login("nobody-at-all", "wrong-" + i).problem());
        }

        assertThat(unknown).isEqualTo(known);
        Instant until = fixture.clock.instant().plus(Duration.ofHours(1));
        assertThat(unknown.subList(0, 4)).allMatch(Problem.InvalidCredentials.class::isInstance);
        assertThat(unknown.subList(4, 7)).containsOnly(new Problem.AccountLocked(until));
        assertThat(fixture.login("NOBODY-at-all", "any").problem()).as("names match without regard to case")
                .isEqualTo(new Problem.AccountLocked(until));

        fixture.clock.advance(Duration.ofHours(1));
        for (int i = 1; i <= 4; i++) {
            assertThat(fixture.login("nobody-at-all", "again-" + i).problem())
                    .as("after the lock the count starts afresh").isEqualTo(fixture.login("dora", "again-" + i).problem())
                    .isInstanceOf(Problem.InvalidCredentials.class);
        }
        assertThat(fixture.login("nobody-at-all", "again-5").problem())
                .isEqualTo(fixture.login("dora", "again-5").problem()).isInstanceOf(Problem.AccountLocked.class);
    }

    @Test
    void fiftyParallelFailures_ofAnUnknownName_lockAtTheThreshold_asForAnAccount() throws Exception {
        CoreFixture unthrottled = new CoreFixture(s -> s.withThrottles(ThrottleSettings.NONE));
        List<Outcome<SessionTokens>> outcomes = inParallel(50, () -> unthrottled.login("ghost", "wrong"));

        assertThat(outcomes.stream().filter(o -> o.problem() instanceof Problem.InvalidCredentials).count())
                .isEqualTo(4);
        assertThat(outcomes.stream().filter(o -> o.problem() instanceof Problem.AccountLocked).count()).isEqualTo(46);
    }

    @Test
    void lockedAccount_isAudited() {
        UserRef user = fixture.register("erin").user().ref();
        for (int i = 0; i < 5; i++) {
            fixture.login("erin", "wrong");
        }

        assertThat(fixture.audit(user)).extracting(e -> e.type()).contains(AuditType.ACCOUNT_LOCKED);
    }

    @Test
    void success_resetsTheFailureCount() {
        fixture.register("frank");
        for (int i = 0; i < 4; i++) {
            fixture.login("frank", "wrong");
        }
        fixture.loggedIn("frank");
        for (int i = 0; i < 4; i++) {
            assertThat(fixture.login("frank", "wrong").problem()).isInstanceOf(Problem.InvalidCredentials.class);
        }

        assertThat(fixture.login("frank", PASSWORD).isDone()).isTrue();
    }

    @Test
    void thresholdAndLockDuration_areConfigurable() {
        CoreFixture strict = new CoreFixture(
                s -> s.withLockout(s.lockout().withMaxFailures(2).withLockDuration(Duration.ofMinutes(10))));
        strict.register("grace");

        strict.login("grace", "wrong");
        Problem second = strict.login("grace", "wrong").problem();

        assertThat(second).isEqualTo(new Problem.AccountLocked(strict.clock.instant().plus(Duration.ofMinutes(10))));
    }

    @Test
    void fiftyParallelFailures_lockExactlyAtTheThreshold() throws Exception {
        // the lockout is under test, not the login throttle, which would refuse most of the 50
        CoreFixture unthrottled = new CoreFixture(s -> s.withThrottles(ThrottleSettings.NONE));
        UserRef user = unthrottled.register("heidi").user().ref();
        List<Outcome<SessionTokens>> outcomes = inParallel(50, () -> unthrottled.login("heidi", "wrong"));

        long invalid = outcomes.stream().filter(o -> o.problem() instanceof Problem.InvalidCredentials).count();
        long locked = outcomes.stream().filter(o -> o.problem() instanceof Problem.AccountLocked).count();
        assertThat(invalid + locked).isEqualTo(50);
        // the store counts four plain failures, the fifth locks, and no later one is counted
        assertThat(invalid).isEqualTo(4);
        assertThat(unthrottled.audit(user)).filteredOn(e -> e.type() == AuditType.ACCOUNT_LOCKED).hasSize(1);
    }

    @Test
    void aCorrectPassword_checkedWhileConcurrentFailuresLockTheAccount_doesNotLogIn() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        BlockingHasher blocking = new BlockingHasher(new FastTestPasswordHasher(new SeededRandomSource(5)), entered, release);
        CoreFixture gated = new CoreFixture(s -> s.withHashing(new HashingSettings(4, Duration.ofSeconds(5))), blocking,
                Runnable::run);
        UserRef user = gated.register("oscar").user().ref();
        blocking.blocking = true;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Outcome<SessionTokens>> correct = pool.submit(() -> gated.login("oscar", PASSWORD));
            assertThat(entered.await(60, TimeUnit.SECONDS)).isTrue();
            blocking.blocking = false;
            for (int i = 0; i < 5; i++) {
                gated.login("oscar", "wrong");
            }
            release.countDown();

            assertThat(correct.get(60, TimeUnit.SECONDS).problem()).isInstanceOf(Problem.AccountLocked.class);
            assertThat(gated.users.findById(user).orElseThrow().lockedAt(gated.clock.instant())).isTrue();
            assertThat(gated.sessionStore.listLive(user, gated.clock.instant())).isEmpty();
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aLockedAccount_isRefusedAfterTheSameHashingWorkAsAnyOtherAnswer() {
        CountingHasher counting = new CountingHasher(new FastTestPasswordHasher(new SeededRandomSource(8)));
        CoreFixture counted = new CoreFixture(s -> s, counting, Runnable::run);
        counted.register("pia");
        for (int i = 0; i < 5; i++) {
            counted.login("pia", "wrong");
        }
        int before = counting.verifications.get();

        assertThat(counted.login("pia", PASSWORD).problem()).isInstanceOf(Problem.AccountLocked.class);

        assertThat(counting.verifications.get() - before).isEqualTo(1);
    }

    @Test
    void olderHash_isReplacedTransparentlyOnLogin() {
        FastTestPasswordHasher old = new FastTestPasswordHasher(new SeededRandomSource(1), 1);
        CoreFixture before = new CoreFixture(s -> s, old, Runnable::run);
        UserRef user = before.register("ivan").user().ref();
        String oldHash = before.users.findById(user).orElseThrow().passwordHash();

        // the same stores, now with a hasher whose current parameters are newer
        CoreServices upgraded = new CoreServices(new CoreDependencies(before.stores(), before.usageSink, before.mailer,
                old.withCurrentVersion(2), new ListStrengthEstimator(), before.clock, before.random, Runnable::run,
                "core-test-digest-key".getBytes(), null, before.settings, JavaOtpTotpAlgorithm.create(), ZxingQrCodes.create(), null));
        assertThat(upgraded.sessions().login(dev.tollgate.port.api.session.Login.of(user.tenant(), "ivan", PASSWORD))
                .isDone()).isTrue();

        String newHash = before.users.findById(user).orElseThrow().passwordHash();
        assertThat(newHash).isNotEqualTo(oldHash);
        assertThat(old.withCurrentVersion(2).verify(PASSWORD, newHash)).isEqualTo(PasswordCheck.MATCH);
        assertThat(before.audit(user)).extracting(e -> e.type()).contains(AuditType.PASSWORD_REHASHED);
    }

    @Test
    void unverifiedUsers_mayLogInByDefault_butNotWhenTheSettingSaysSo() {
        fixture.register("judy");
        assertThat(fixture.login("judy", PASSWORD).isDone()).isTrue();

        CoreFixture strict = new CoreFixture(s -> s.withAllowUnverifiedLogin(false));
        strict.register("judy");
        assertThat(strict.login("judy", PASSWORD).problem()).isInstanceOf(Problem.EmailUnverified.class);
        strict.registerVerified("karl");
        assertThat(strict.login("karl", PASSWORD).isDone()).isTrue();
    }

    @Test
    void suspendedUser_withTheRightPassword_isInactive_withAWrongOne_getsNoHint() {
        UserRef user = fixture.register("leo").user().ref();
        fixture.core.accounts().suspend(user, "abuse", CoreFixture.ORIGIN).orElseThrow();

        assertThat(fixture.login("leo", PASSWORD).problem()).isInstanceOf(Problem.AccountInactive.class);
        assertThat(fixture.login("leo", "wrong").problem()).isInstanceOf(Problem.InvalidCredentials.class);
    }

    @Test
    void blankOrOversizedLogin_isInvalidInput() {
        assertThat(fixture.login("", PASSWORD).problem()).isInstanceOf(Problem.InvalidInput.class);
        assertThat(fixture.login("x".repeat(300), PASSWORD).problem()).isInstanceOf(Problem.InvalidInput.class);
        assertThat(fixture.login("nobody", null).problem()).isInstanceOf(Problem.InvalidCredentials.class);
    }

    @Test
    void saturatedHashing_waitsThenAnswersServiceBusy() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        BlockingHasher blocking = new BlockingHasher(new FastTestPasswordHasher(new SeededRandomSource(3)), entered, release);
        CoreFixture gated = new CoreFixture(
                s -> s.withHashing(new HashingSettings(1, Duration.ofMillis(50))), blocking, Runnable::run);
        gated.register("mallory");
        blocking.blocking = true;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Outcome<SessionTokens>> first = pool.submit(() -> gated.login("mallory", PASSWORD));
            assertThat(entered.await(60, TimeUnit.SECONDS)).isTrue();

            Outcome<SessionTokens> second = gated.login("mallory", PASSWORD);

            assertThat(second.problem()).isInstanceOf(Problem.ServiceBusy.class);
            release.countDown();
            assertThat(first.get(60, TimeUnit.SECONDS).isDone()).isTrue();
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    private static <T> List<T> inParallel(int threads, java.util.concurrent.Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A user store that counts the reads of a user (every {@code find...}), passing every call on. */
    private static final class ReadCountingUsers {
        final AtomicInteger reads = new AtomicInteger();
        private final UserStore delegate;

        ReadCountingUsers(UserStore delegate) {
            this.delegate = delegate;
        }

        UserStore store() {
            return (UserStore) Proxy.newProxyInstance(UserStore.class.getClassLoader(), new Class<?>[] {UserStore.class},
                    (proxy, method, args) -> {
                        if (method.getName().startsWith("find")) {
                            reads.incrementAndGet();
                        }
                        try {
                            return method.invoke(delegate, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    private static final class CountingHasher implements PasswordHasher {
        final AtomicInteger verifications = new AtomicInteger();
        private final PasswordHasher delegate;

        CountingHasher(PasswordHasher delegate) {
            this.delegate = delegate;
        }

        @Override
        public String hash(String password) {
            return delegate.hash(password);
        }

        @Override
        public PasswordCheck verify(String password, String encodedHash) {
            verifications.incrementAndGet();
            return delegate.verify(password, encodedHash);
        }
    }

    private static final class BlockingHasher implements PasswordHasher {
        private final PasswordHasher delegate;
        private final CountDownLatch entered;
        private final CountDownLatch release;
        volatile boolean blocking;

        BlockingHasher(PasswordHasher delegate, CountDownLatch entered, CountDownLatch release) {
            this.delegate = delegate;
            this.entered = entered;
            this.release = release;
        }

        @Override
        public String hash(String password) {
            return delegate.hash(password);
        }

        @Override
        public PasswordCheck verify(String password, String encodedHash) {
            if (blocking) {
                entered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return delegate.verify(password, encodedHash);
        }
    }
}

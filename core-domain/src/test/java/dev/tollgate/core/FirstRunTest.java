package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.ORIGIN;
import static dev.tollgate.core.CoreFixture.PASSWORD;
import static dev.tollgate.port.settings.StaffSettings.SUPER_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.staff.FirstRunService;
import dev.tollgate.port.AuditOutcome;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.staff.FirstRun;
import dev.tollgate.port.api.staff.FirstRun.SetupToken;
import dev.tollgate.port.api.staff.NewStaff;
import dev.tollgate.port.api.staff.StaffMember;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The first super admin, made with a one-time setup token: expiry by the clock, single use, one winner. */
class FirstRunTest {

    private final CoreFixture fixture = new CoreFixture();
    private final FirstRun firstRun = fixture.core.firstRun();

    private static NewStaff root(String username) {
        return new NewStaff(TenantId.DEFAULT, username, username + "@example.com", PASSWORD, SUPER_ADMIN);
    }

    @Test
    void aFreshInstallation_hasNoSuperAdmin_andTheTokenMakesOne_whoseAddressCountsAsVerified() {
        assertThat(firstRun.superAdminExists()).isFalse();
        SetupToken token = firstRun.issueToken().orElseThrow();

        StaffMember made = firstRun.complete(token.token(), root("root"), ORIGIN).orElseThrow();

        assertThat(token.expiresAt()).isEqualTo(fixture.clock.instant().plus(FirstRunService.TOKEN_LIFETIME));
        assertThat(token.toString()).doesNotContain(token.token());
        assertThat(made.role()).isEqualTo(SUPER_ADMIN);
        assertThat(made.grantedBy()).isEmpty();
        assertThat(firstRun.superAdminExists()).isTrue();
        assertThat(fixture.users.findById(made.user()).orElseThrow().emailVerified()).isTrue();
        assertThat(new StaffFixture(fixture).actor(made.user(), "root").allTenants()).isTrue();
        assertThat(firstRun.issueToken()).isEmpty();
        assertThat(fixture.audit(made.user())).filteredOn(e -> e.type() == AuditType.SETUP_COMPLETED)
                .singleElement().satisfies(event -> {
                    assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
                    assertThat(event.actor()).isNull();
                });
    }

    @Test
    void theToken_expiresAfterAnHour_byTheClock() {
        SetupToken token = firstRun.issueToken().orElseThrow();
        fixture.clock.advance(Duration.ofMinutes(59));
        SetupToken second = firstRun.issueToken().orElseThrow();
        fixture.clock.advance(Duration.ofMinutes(60));

        assertThat(firstRun.complete(second.token(), root("root"), ORIGIN).problem())
                .isInstanceOf(Problem.InvalidToken.class);
        assertThat(firstRun.complete(token.token(), root("root"), ORIGIN).problem())
                .isInstanceOf(Problem.InvalidToken.class);
        assertThat(firstRun.superAdminExists()).isFalse();
    }

    @Test
    void theToken_worksOnce_aNewOneReplacesTheLast_andAWrongOneNever() {
        SetupToken replaced = firstRun.issueToken().orElseThrow();
        SetupToken token = firstRun.issueToken().orElseThrow();

        assertThat(firstRun.complete(replaced.token(), root("early"), ORIGIN).problem())
                .isInstanceOf(Problem.InvalidToken.class);
        assertThat(firstRun.complete("not-the-token", root("guess"), ORIGIN).problem())
                .isInstanceOf(Problem.InvalidToken.class);
        assertThat(firstRun.complete(null, root("nothing"), ORIGIN).problem()).isInstanceOf(Problem.InvalidToken.class);
        assertThat(firstRun.complete(token.token(), root("root"), ORIGIN).isDone()).isTrue();
        assertThat(firstRun.complete(token.token(), root("again"), ORIGIN).problem())
                .isInstanceOf(Problem.InvalidToken.class);
        assertThat(fixture.core.accounts().findByLogin(TenantId.DEFAULT, "again")).isEmpty();
        assertThat(fixture.auditEvents).filteredOn(e -> e.type() == AuditType.SETUP_COMPLETED)
                .filteredOn(e -> e.outcome() == AuditOutcome.FAILURE).hasSize(4);
    }

    @Test
    void aRefusedRegistration_doesNotUseTheTokenUp() {
        SetupToken token = firstRun.issueToken().orElseThrow();

        Outcome<StaffMember> weak = firstRun.complete(token.token(),
                new NewStaff(TenantId.DEFAULT, "root", "root@example.com", "short", SUPER_ADMIN), ORIGIN);

        assertThat(weak.problem()).isInstanceOf(Problem.PasswordRejected.class);
        assertThat(firstRun.complete(token.token(), root("root"), ORIGIN).isDone()).isTrue();
    }

    @Test
    void concurrentCompletionsWithTheToken_exactlyOneSucceeds() throws Exception {
        SetupToken token = firstRun.issueToken().orElseThrow();
        List<Outcome<StaffMember>> outcomes = race(8, i -> () -> firstRun.complete(token.token(), root("root" + i),
                ORIGIN));

        assertThat(outcomes).filteredOn(Outcome::isDone).hasSize(1);
        assertThat(outcomes).filteredOn(outcome -> !outcome.isDone()).allSatisfy(outcome -> assertThat(
                outcome.problem()).isInstanceOfAny(Problem.InvalidToken.class, Problem.SetupUnavailable.class));
        assertThat(fixture.stores().staff().countHolders(SUPER_ADMIN)).isEqualTo(1);
    }

    @Test
    void twoProcessesCompletingAtOnce_makeOneSuperAdmin_andTheLosersAccountIsRemovedAgain() throws Exception {
        List<FirstRun> processes = List.of(firstRun, fixture.restartedWith(UnaryOperator.identity()).firstRun(),
                fixture.restartedWith(UnaryOperator.identity()).firstRun());
        List<SetupToken> tokens = processes.stream().map(process -> process.issueToken().orElseThrow()).toList();

        List<Outcome<StaffMember>> outcomes = race(3, i -> () -> processes.get(i).complete(tokens.get(i).token(),
                root("root" + i), ORIGIN));

        assertThat(outcomes).filteredOn(Outcome::isDone).hasSize(1);
        assertThat(outcomes).filteredOn(outcome -> !outcome.isDone()).allSatisfy(outcome -> assertThat(
                outcome.problem()).isInstanceOfAny(Problem.SetupUnavailable.class, Problem.InvalidToken.class));
        assertThat(fixture.stores().staff().countHolders(SUPER_ADMIN)).isEqualTo(1);
        for (int i = 0; i < 3; i++) {
            assertThat(fixture.core.accounts().findByLogin(TenantId.DEFAULT, "root" + i).isPresent())
                    .isEqualTo(outcomes.get(i).isDone());
        }
        assertThat(processes.get(1).complete(tokens.get(1).token(), root("late"), ORIGIN).problem())
                .isInstanceOfAny(Problem.SetupUnavailable.class, Problem.InvalidToken.class);
    }

    private static List<Outcome<StaffMember>> race(int callers,
            IntFunction<Callable<Outcome<StaffMember>>> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Outcome<StaffMember>>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Callable<Outcome<StaffMember>> task = call.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<Outcome<StaffMember>> outcomes = new ArrayList<>();
            for (Future<Outcome<StaffMember>> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}

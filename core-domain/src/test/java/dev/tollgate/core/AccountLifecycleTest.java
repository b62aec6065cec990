package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.ORIGIN;
import static dev.tollgate.core.CoreFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.AccountType;
import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.AuditOutcome;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.Email;
import dev.tollgate.port.Profile;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.Username;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.account.Deleted;
import dev.tollgate.port.api.account.UserView;
import dev.tollgate.port.api.profile.ProfileUpdate;
import dev.tollgate.port.api.session.SessionTokens;
import dev.tollgate.port.spi.account.ArchivedAccount;
import dev.tollgate.port.spi.audit.AuditEvent;
import dev.tollgate.port.spi.code.CodePurpose;
import dev.tollgate.port.spi.metering.DayRange;
import dev.tollgate.port.spi.metering.UsageEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AccountLifecycleTest {

    private final CoreFixture fixture = new CoreFixture();
    private final Instant registeredAt = fixture.clock.instant();
    private final UserRef alice = fixture.register("alice").user().ref();

    @Nested
    class Deletion {

        @Test
        void wrongPassword_delete_isRefusedWithInvalidCredentials_andDeletesNothing() {
            SessionTokens session = fixture.loggedIn("alice");

            Outcome<Deleted> outcome = delete("not-my-Password-99", "bye");

            assertThat(outcome.problem()).isInstanceOf(Problem.InvalidCredentials.class);
            assertThat(fixture.core.accounts().find(alice).isDone()).isTrue();
            assertThat(fixture.archive.find(alice)).isEmpty();
            assertThat(fixture.core.sessions().authenticate(TenantId.DEFAULT, session.accessToken()).isDone()).isTrue();
            assertThat(fixture.codeStore.find(alice, CodePurpose.EMAIL_VERIFICATION)).isPresent();
        }

        @Test
        void missingPassword_delete_isRefusedWithInvalidCredentials() {
            assertThat(delete(null, null).problem()).isInstanceOf(Problem.InvalidCredentials.class);
            assertThat(fixture.core.accounts().find(alice).isDone()).isTrue();
        }

        @Test
        void delete_answersWhenItHappened() {
            Instant deletedAt = fixture.clock.advance(Duration.ofDays(3));

            Deleted deleted = delete(PASSWORD, "moving on").orElseThrow();

            assertThat(deleted).isEqualTo(new Deleted(alice, deletedAt));
        }

        @Test
        void delete_archivesWhoTheUserWas_withTimesAndReason() {
            fixture.core.profiles().update(alice, ProfileUpdate.none().withName("Alice Liddell").withAboutMe("curious")
                    .withHobbies(List.of("croquet", "chess")).withAccountType(AccountType.BUSINESS), ORIGIN).orElseThrow();
            Instant deletedAt = fixture.clock.advance(Duration.ofDays(30));

            delete(PASSWORD, "  moving on  ").orElseThrow();

            assertThat(fixture.archive.find(alice)).hasValue(new ArchivedAccount(alice, Username.of("alice"),
                    Email.of("alice@example.com"),
                    new Profile("Alice Liddell", "curious", List.of("croquet", "chess"), AccountType.BUSINESS),
                    registeredAt, deletedAt, "moving on"));
        }

        @Test
        void deleteWithoutReason_archivesNoReason() {
            delete(PASSWORD, "   ").orElseThrow();

            assertThat(fixture.archive.find(alice).orElseThrow().reason()).isNull();
        }

        @Test
        void afterDelete_theUserIsNotFound() {
            delete(PASSWORD, null).orElseThrow();

            assertThat(fixture.core.accounts().find(alice).problem()).isInstanceOf(Problem.UserNotFound.class);
            assertThat(fixture.core.accounts().findByLogin(TenantId.DEFAULT, "alice")).isEmpty();
            assertThat(fixture.core.accounts().findByLogin(TenantId.DEFAULT, "alice@example.com")).isEmpty();
            assertThat(fixture.users.findById(alice)).isEmpty();
        }

        @Test
        void afterDelete_theUsersSessionsNoLongerWork() {
            SessionTokens first = fixture.loggedIn("alice");
            SessionTokens second = fixture.loggedIn("alice");

            delete(PASSWORD, null).orElseThrow();

            for (SessionTokens gone : List.of(first, second)) {
                assertThat(fixture.core.sessions().authenticate(TenantId.DEFAULT, gone.accessToken()).problem())
                        .isInstanceOf(Problem.InvalidToken.class);
                assertThat(fixture.core.sessions().refresh(TenantId.DEFAULT, gone.refreshToken(), ORIGIN).problem())
                        .isInstanceOf(Problem.InvalidToken.class);
            }
            assertThat(fixture.core.sessions().list(alice)).isEmpty();
        }

        @Test
        void afterDelete_theUserCannotLogIn() {
            delete(PASSWORD, null).orElseThrow();

            assertThat(fixture.login("alice", PASSWORD).problem()).isInstanceOf(Problem.InvalidCredentials.class);
        }

        @Test
        void afterDelete_theUsersCodesAreGone() {
            fixture.core.passwords().requestReset(TenantId.DEFAULT, "alice@example.com", ORIGIN).orElseThrow();
            assertThat(fixture.codeStore.find(alice, CodePurpose.EMAIL_VERIFICATION)).isPresent();
            assertThat(fixture.codeStore.find(alice, CodePurpose.PASSWORD_RESET)).isPresent();

            delete(PASSWORD, null).orElseThrow();

            assertThat(fixture.codeStore.find(alice, CodePurpose.EMAIL_VERIFICATION)).isEmpty();
            assertThat(fixture.codeStore.find(alice, CodePurpose.PASSWORD_RESET)).isEmpty();
        }

        @Test
        void afterDelete_theUsersUsageIsGone_andOtherUsersUsageStays() {
            UserRef bob = fixture.register("bob").user().ref();
            ApiKeyId key = new ApiKeyId(UUID.randomUUID());
            Instant now = fixture.clock.instant();
            fixture.usage.append(List.of(new UsageEvent(alice, key, "credits", 2, UsageEvent.GRANTED, now),
                    new UsageEvent(bob, key, "credits", 3, UsageEvent.GRANTED, now)), ZoneOffset.UTC);

            delete(PASSWORD, null).orElseThrow();

            assertThat(fixture.usage.recent(alice, 10)).isEmpty();
            assertThat(fixture.usage.daily(alice, DayRange.of(LocalDate.MIN, LocalDate.MAX))).isEmpty();
            assertThat(fixture.usage.recent(bob, 10)).hasSize(1);
            assertThat(fixture.usage.daily(bob, DayRange.of(LocalDate.MIN, LocalDate.MAX))).hasSize(1);
        }

        @Test
        void afterDelete_usernameAndEmailCanBeRegisteredAgain() {
            delete(PASSWORD, null).orElseThrow();

            UserView again = fixture.register("alice").user();

            assertThat(again.ref()).isNotEqualTo(alice);
            assertThat(again.username()).isEqualTo(Username.of("alice"));
            assertThat(again.email()).isEqualTo(Email.of("alice@example.com"));
            assertThat(fixture.login("alice", PASSWORD).orElseThrow().user().ref()).isEqualTo(again.ref());
        }

        @Test
        void delete_leavesOtherUsersAlone() {
            UserRef bob = fixture.registerVerified("bob");
            SessionTokens bobs = fixture.loggedIn("bob");

            delete(PASSWORD, null).orElseThrow();

            assertThat(fixture.core.accounts().find(bob).isDone()).isTrue();
            assertThat(fixture.core.sessions().authenticate(TenantId.DEFAULT, bobs.accessToken()).isDone()).isTrue();
        }

        @Test
        void reasonOfFiveHundredCharacters_isKept() {
            String reason = "r".repeat(500);

            delete(PASSWORD, reason).orElseThrow();

            assertThat(fixture.archive.find(alice).orElseThrow().reason()).isEqualTo(reason);
        }

        @Test
        void tooLongReason_delete_failsValidationNamingTheReason_andDeletesNothing() {
            Outcome<Deleted> outcome = delete(PASSWORD, "r".repeat(501));

            assertThat(fieldsOf(outcome.problem())).containsExactly("reason");
            assertThat(fixture.core.accounts().find(alice).isDone()).isTrue();
            assertThat(fixture.archive.find(alice)).isEmpty();
        }

        @Test
        void delete_isAuditedAsASuccess_andAFailedOneAsAFailure() {
            delete("not-my-Password-99", null);
            delete(PASSWORD, null).orElseThrow();

            assertThat(eventsOf(AuditType.ACCOUNT_DELETED))
                    .allSatisfy(event -> assertThat(event.subject()).isEqualTo(alice.id()))
                    .extracting(AuditEvent::outcome, AuditEvent::reason)
                    .containsExactly(
                            tuple(AuditOutcome.SUCCESS, null),
                            tuple(AuditOutcome.FAILURE, "INVALID_CREDENTIALS"));
        }

        @Test
        void unknownUser_delete_isRefusedWithUserNotFound() {
            UserRef nobody = UserRef.of(TenantId.DEFAULT, new UserId(UUID.randomUUID()));

            assertThat(fixture.core.accounts().delete(nobody, PASSWORD, null, ORIGIN).problem())
                    .isInstanceOf(Problem.UserNotFound.class);
        }

        private Outcome<Deleted> delete(String password, String reason) {
            return fixture.core.accounts().delete(alice, password, reason, ORIGIN);
        }
    }

    @Nested
    class States {

        @Test
        void suspend_makesAnActiveUserSuspended() {
            UserView view = fixture.core.accounts().suspend(alice, "spam reports", ORIGIN).orElseThrow();

            assertThat(view.status()).isEqualTo(AccountStatus.SUSPENDED);
            assertThat(fixture.core.accounts().find(alice).orElseThrow().status()).isEqualTo(AccountStatus.SUSPENDED);
        }

        @Test
        void deactivate_makesAnActiveUserDeactivated() {
            UserView view = fixture.core.accounts().deactivate(alice, "owner asked", ORIGIN).orElseThrow();

            assertThat(view.status()).isEqualTo(AccountStatus.DEACTIVATED);
            assertThat(fixture.core.accounts().find(alice).orElseThrow().status()).isEqualTo(AccountStatus.DEACTIVATED);
        }

        @Test
        void suspendedUser_loginWithTheRightPassword_isRefusedAsInactive() {
            fixture.core.accounts().suspend(alice, null, ORIGIN).orElseThrow();

            assertThat(fixture.login("alice", PASSWORD).problem())
                    .isEqualTo(new Problem.AccountInactive(AccountStatus.SUSPENDED));
        }

        @Test
        void deactivatedUser_loginWithTheRightPassword_isRefusedAsInactive() {
            fixture.core.accounts().deactivate(alice, null, ORIGIN).orElseThrow();

            assertThat(fixture.login("alice", PASSWORD).problem())
                    .isEqualTo(new Problem.AccountInactive(AccountStatus.DEACTIVATED));
        }

        @Test
        void inactiveUser_loginWithAWrongPassword_isRefusedWithInvalidCredentials_revealingNoStatus() {
            UserRef bob = fixture.registerVerified("bob");
            fixture.core.accounts().suspend(alice, null, ORIGIN).orElseThrow();
            fixture.core.accounts().deactivate(bob, null, ORIGIN).orElseThrow();

            assertThat(fixture.login("alice", "not-my-Password-99").problem())
                    .isInstanceOf(Problem.InvalidCredentials.class);
            assertThat(fixture.login("bob@example.com", "not-my-Password-99").problem())
                    .isInstanceOf(Problem.InvalidCredentials.class);
        }

        @Test
        void suspend_endsTheUsersSessions() {
            SessionTokens session = fixture.loggedIn("alice");

            fixture.core.accounts().suspend(alice, null, ORIGIN).orElseThrow();

            assertThat(fixture.core.sessions().authenticate(TenantId.DEFAULT, session.accessToken()).problem())
                    .isInstanceOf(Problem.InvalidToken.class);
            assertThat(fixture.core.sessions().refresh(TenantId.DEFAULT, session.refreshToken(), ORIGIN).problem())
                    .isInstanceOf(Problem.InvalidToken.class);
        }

        @Test
        void deactivate_endsTheUsersSessions() {
            SessionTokens session = fixture.loggedIn("alice");

            fixture.core.accounts().deactivate(alice, null, ORIGIN).orElseThrow();

            assertThat(fixture.core.sessions().authenticate(TenantId.DEFAULT, session.accessToken()).problem())
                    .isInstanceOf(Problem.InvalidToken.class);
            assertThat(fixture.core.sessions().refresh(TenantId.DEFAULT, session.refreshToken(), ORIGIN).problem())
                    .isInstanceOf(Problem.InvalidToken.class);
        }

        @Test
        void reactivateSuspended_letsTheUserLogInAgain() {
            fixture.core.accounts().suspend(alice, null, ORIGIN).orElseThrow();

            UserView view = fixture.core.accounts().reactivate(alice, "appeal upheld", ORIGIN).orElseThrow();

            assertThat(view.status()).isEqualTo(AccountStatus.ACTIVE);
            assertThat(fixture.login("alice", PASSWORD).isDone()).isTrue();
        }

        @Test
        void reactivateDeactivated_letsTheUserLogInAgain() {
            fixture.core.accounts().deactivate(alice, null, ORIGIN).orElseThrow();

            fixture.core.accounts().reactivate(alice, null, ORIGIN).orElseThrow();

            assertThat(fixture.login("alice", PASSWORD).isDone()).isTrue();
        }

        @Test
        void reactivate_doesNotReviveTheSessionsThatEnded() {
            SessionTokens session = fixture.loggedIn("alice");
            fixture.core.accounts().suspend(alice, null, ORIGIN).orElseThrow();

            fixture.core.accounts().reactivate(alice, null, ORIGIN).orElseThrow();

            assertThat(fixture.core.sessions().authenticate(TenantId.DEFAULT, session.accessToken()).problem())
                    .isInstanceOf(Problem.InvalidToken.class);
        }

        @Test
        void suspendDeactivated_isAllowed() {
            fixture.core.accounts().deactivate(alice, null, ORIGIN).orElseThrow();

            assertThat(fixture.core.accounts().suspend(alice, null, ORIGIN).orElseThrow().status())
                    .isEqualTo(AccountStatus.SUSPENDED);
        }

        @Test
        void reactivateActive_isAStateConflictCarryingActive() {
            Outcome<UserView> outcome = fixture.core.accounts().reactivate(alice, null, ORIGIN);

            assertThat(outcome.problem()).isEqualTo(new Problem.AccountStateConflict(AccountStatus.ACTIVE));
        }

        @Test
        void deactivateSuspended_isAStateConflictCarryingSuspended_andLeavesItSuspended() {
            fixture.core.accounts().suspend(alice, "spam reports", ORIGIN).orElseThrow();

            Outcome<UserView> outcome = fixture.core.accounts().deactivate(alice, "owner asked", ORIGIN);

            assertThat(outcome.problem()).isEqualTo(new Problem.AccountStateConflict(AccountStatus.SUSPENDED));
            assertThat(fixture.users.findById(alice).orElseThrow())
                    .satisfies(record -> {
                        assertThat(record.status()).isEqualTo(AccountStatus.SUSPENDED);
                        assertThat(record.statusReason()).isEqualTo("spam reports");
                    });
        }

        @Test
        void suspendSuspended_isAStateConflictCarryingSuspended() {
            fixture.core.accounts().suspend(alice, null, ORIGIN).orElseThrow();

            assertThat(fixture.core.accounts().suspend(alice, null, ORIGIN).problem())
                    .isEqualTo(new Problem.AccountStateConflict(AccountStatus.SUSPENDED));
        }

        @Test
        void statusChange_storesTheReason() {
            fixture.core.accounts().suspend(alice, "  spam reports ", ORIGIN).orElseThrow();

            assertThat(fixture.users.findById(alice).orElseThrow().statusReason()).isEqualTo("spam reports");

            fixture.core.accounts().reactivate(alice, "appeal upheld", ORIGIN).orElseThrow();

            assertThat(fixture.users.findById(alice).orElseThrow().statusReason()).isEqualTo("appeal upheld");
        }

        @Test
        void tooLongReason_suspend_failsValidation_andChangesNothing() {
            Outcome<UserView> outcome = fixture.core.accounts().suspend(alice, "r".repeat(501), ORIGIN);

            assertThat(fieldsOf(outcome.problem())).containsExactly("reason");
            assertThat(fixture.core.accounts().find(alice).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
        }

        @Test
        void unknownUser_suspend_isRefusedWithUserNotFound() {
            UserRef nobody = UserRef.of(TenantId.DEFAULT, new UserId(UUID.randomUUID()));

            assertThat(fixture.core.accounts().suspend(nobody, null, ORIGIN).problem())
                    .isInstanceOf(Problem.UserNotFound.class);
        }

        @Test
        void statusChanges_areAuditedWithTheirReason() {
            fixture.core.accounts().suspend(alice, "spam reports", ORIGIN).orElseThrow();
            fixture.core.accounts().reactivate(alice, "appeal upheld", ORIGIN).orElseThrow();
            fixture.core.accounts().deactivate(alice, null, ORIGIN).orElseThrow();
            fixture.core.accounts().deactivate(alice, null, ORIGIN);

            assertThat(eventsOf(AuditType.ACCOUNT_SUSPENDED)).singleElement().satisfies(event -> {
                assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
                assertThat(event.details()).containsEntry("reason", "spam reports");
            });
            assertThat(eventsOf(AuditType.ACCOUNT_REACTIVATED)).singleElement()
                    .satisfies(event -> assertThat(event.details()).containsEntry("reason", "appeal upheld"));
            assertThat(eventsOf(AuditType.ACCOUNT_DEACTIVATED))
                    .extracting(AuditEvent::outcome, AuditEvent::reason)
                    .containsExactly(
                            tuple(AuditOutcome.FAILURE, "ACCOUNT_STATE_CONFLICT"),
                            tuple(AuditOutcome.SUCCESS, null));
        }
    }

    private List<AuditEvent> eventsOf(AuditType type) {
        return fixture.audit(alice).stream().filter(event -> event.type() == type).toList();
    }

    private static List<String> fieldsOf(Problem problem) {
        assertThat(problem).isInstanceOf(Problem.InvalidInput.class);
        return ((Problem.InvalidInput) problem).errors().stream().map(Problem.FieldError::field).toList();
    }
}

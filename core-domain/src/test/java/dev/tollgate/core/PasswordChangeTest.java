package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.ORIGIN;
import static dev.tollgate.core.CoreFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.AuditOutcome;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.Email;
import dev.tollgate.port.SessionId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.Problem.PasswordRejected;
import dev.tollgate.port.api.account.UserView;
import dev.tollgate.port.api.password.PasswordChange;
import dev.tollgate.port.api.session.SessionTokens;
import dev.tollgate.port.spi.audit.AuditEvent;
import dev.tollgate.port.spi.mail.MailMessage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PasswordChangeTest {

    private static final String NEW_PASSWORD = "another-Quiet-river-42";
    private static final Email ALICE_ADDRESS = Email.of("alice@example.com");

    private final CoreFixture fixture = new CoreFixture();
    private final UserRef alice = fixture.registerVerified("alice");

    @Test
    void wrongCurrentPassword_change_isRefusedWithInvalidCredentials() {
        Outcome<UserView> outcome = change(null, "not-my-Password-99", NEW_PASSWORD);

        assertThat(outcome.problem()).isInstanceOf(Problem.InvalidCredentials.class);
        assertThat(fixture.login("alice", PASSWORD).isDone()).as("the old password still works").isTrue();
        assertThat(fixture.login("alice", NEW_PASSWORD).problem()).isInstanceOf(Problem.InvalidCredentials.class);
    }

    @Test
    void missingCurrentPassword_change_isRefusedWithInvalidCredentials() {
        Outcome<UserView> outcome = change(null, null, NEW_PASSWORD);

        assertThat(outcome.problem()).isInstanceOf(Problem.InvalidCredentials.class);
    }

    @Test
    void wrongCurrentPasswords_countTowardLockout() {
        int maxFailures = fixture.settings.lockout().maxFailures();
        for (int i = 1; i < maxFailures; i++) {
            assertThat(change(null, "not-my-Password-" + i, NEW_PASSWORD).problem())
                    .isInstanceOf(Problem.InvalidCredentials.class);
        }

        Outcome<UserView> last = change(null, "not-my-Password-last", NEW_PASSWORD);

        assertThat(last.problem()).isInstanceOf(Problem.AccountLocked.class);
        assertThat(fixture.login("alice", PASSWORD).problem())
                .as("a correct login is refused while the lock holds")
                .isInstanceOf(Problem.AccountLocked.class);
    }

    @Test
    void wrongCurrentPassword_afterFailedLogins_locksTheAccount() {
        int maxFailures = fixture.settings.lockout().maxFailures();
        for (int i = 1; i < maxFailures; i++) {
            fixture.login("alice", "not-my-Password-" + i);
        }

        Outcome<UserView> outcome = change(null, "not-my-Password-last", NEW_PASSWORD);

        assertThat(outcome.problem()).isInstanceOf(Problem.AccountLocked.class);
    }

    @Test
    void commonNewPassword_change_isRejectedNamingTheRule() {
        Outcome<UserView> outcome = change(null, PASSWORD, "password1");

        assertThat(outcome.problem()).isInstanceOf(Problem.PasswordRejected.class);
        assertThat(((Problem.PasswordRejected) outcome.problem()).violations()).contains(PasswordRejected.Rule.COMMON);
        assertThat(fixture.login("alice", PASSWORD).isDone()).as("the old password still works").isTrue();
    }

    @Test
    void tooShortNewPassword_change_isRejectedAsTooShort() {
        Outcome<UserView> outcome = change(null, PASSWORD, "Sh0rt!");

        assertThat(outcome.problem()).isEqualTo(new Problem.PasswordRejected(List.of(PasswordRejected.Rule.TOO_SHORT)));
    }

    @Test
    void newPasswordContainingTheUsername_change_isRejected() {
        Outcome<UserView> outcome = change(null, PASSWORD, "Quiet-ALICE-river-42");

        assertThat(outcome.problem()).isInstanceOf(Problem.PasswordRejected.class);
        assertThat(((Problem.PasswordRejected) outcome.problem()).violations()).contains(PasswordRejected.Rule.CONTAINS_USERNAME);
    }

    @Test
    void rejectedNewPassword_change_sendsNoNoticeAndEndsNoSession() {
        SessionTokens session = fixture.loggedIn("alice");

        change(null, PASSWORD, "password1");

        assertThat(passwordChangedNotices()).isEmpty();
        assertThat(fixture.core.sessions().authenticate(TenantId.DEFAULT, session.accessToken()).isDone()).isTrue();
    }

    @Test
    void afterChange_oldPasswordFails_andNewOneLogsIn() {
        change(null, PASSWORD, NEW_PASSWORD).orElseThrow();

        assertThat(fixture.login("alice", PASSWORD).problem()).isInstanceOf(Problem.InvalidCredentials.class);
        assertThat(fixture.login("alice", NEW_PASSWORD).isDone()).isTrue();
    }

    @Test
    void change_answersTheUser() {
        UserView view = change(null, PASSWORD, NEW_PASSWORD).orElseThrow();

        assertThat(view.ref()).isEqualTo(alice);
        assertThat(view.email()).isEqualTo(ALICE_ADDRESS);
    }

    @Test
    void change_endsEveryOtherSession_butKeepsTheSessionItWasMadeFrom() {
        SessionTokens current = fixture.loggedIn("alice");
        SessionTokens other = fixture.loggedIn("alice");
        SessionTokens third = fixture.loggedIn("alice");

        change(current.sessionId(), PASSWORD, NEW_PASSWORD).orElseThrow();

        assertThat(fixture.core.sessions().authenticate(TenantId.DEFAULT, current.accessToken()).orElseThrow().session())
                .isEqualTo(current.sessionId());
        assertThat(fixture.core.sessions().refresh(TenantId.DEFAULT, current.refreshToken(), ORIGIN).isDone())
                .as("the kept session can still be refreshed").isTrue();
        for (SessionTokens ended : List.of(other, third)) {
            assertThat(fixture.core.sessions().authenticate(TenantId.DEFAULT, ended.accessToken()).problem())
                    .isInstanceOf(Problem.InvalidToken.class);
            assertThat(fixture.core.sessions().refresh(TenantId.DEFAULT, ended.refreshToken(), ORIGIN).problem())
                    .isInstanceOf(Problem.InvalidToken.class);
        }
        assertThat(fixture.core.sessions().list(alice)).extracting(s -> s.id()).containsExactly(current.sessionId());
    }

    @Test
    void changeWithoutKeepSession_endsEverySession() {
        SessionTokens first = fixture.loggedIn("alice");
        SessionTokens second = fixture.loggedIn("alice");

        change(null, PASSWORD, NEW_PASSWORD).orElseThrow();

        assertThat(fixture.core.sessions().authenticate(TenantId.DEFAULT, first.accessToken()).problem())
                .isInstanceOf(Problem.InvalidToken.class);
        assertThat(fixture.core.sessions().authenticate(TenantId.DEFAULT, second.accessToken()).problem())
                .isInstanceOf(Problem.InvalidToken.class);
        assertThat(fixture.core.sessions().list(alice)).isEmpty();
    }

    @Test
    void change_doesNotTouchOtherUsersSessions() {
        fixture.registerVerified("bob");
        SessionTokens bobs = fixture.loggedIn("bob");

        change(null, PASSWORD, NEW_PASSWORD).orElseThrow();

        assertThat(fixture.core.sessions().authenticate(TenantId.DEFAULT, bobs.accessToken()).isDone()).isTrue();
    }

    @Test
    void change_mailsAPasswordChangedNoticeToTheOwner() {
        fixture.clock.advance(Duration.ofMinutes(7));

        change(null, PASSWORD, NEW_PASSWORD).orElseThrow();

        assertThat(passwordChangedNotices()).singleElement().satisfies(notice -> {
            assertThat(notice.to()).isEqualTo(ALICE_ADDRESS);
            assertThat(notice.username().value()).isEqualTo("alice");
            assertThat(notice.tenant()).isEqualTo(alice.tenant());
            assertThat(notice.at()).isEqualTo(fixture.clock.instant());
        });
    }

    @Test
    void wrongCurrentPassword_change_mailsNoNotice() {
        change(null, "not-my-Password-99", NEW_PASSWORD);

        assertThat(passwordChangedNotices()).isEmpty();
    }

    @Test
    void change_isAuditedAsASuccess() {
        change(null, PASSWORD, NEW_PASSWORD).orElseThrow();

        assertThat(passwordChangedEvents()).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
            assertThat(event.subject()).isEqualTo(alice.id());
            assertThat(event.actor()).isEqualTo(alice.id());
            assertThat(event.reason()).isNull();
            assertThat(event.ip()).isEqualTo(ORIGIN.ip());
        });
    }

    @Test
    void refusedChanges_areAuditedAsFailuresWithTheirReason() {
        change(null, "not-my-Password-99", NEW_PASSWORD);
        change(null, PASSWORD, "password1");

        assertThat(passwordChangedEvents())
                .allSatisfy(event -> assertThat(event.outcome()).isEqualTo(AuditOutcome.FAILURE))
                .extracting(AuditEvent::reason)
                .containsExactlyInAnyOrder("INVALID_CREDENTIALS", "PASSWORD_REJECTED");
    }

    @Test
    void unknownUser_change_isRefusedWithUserNotFound() {
        UserRef nobody = UserRef.of(alice.tenant(), new UserId(UUID.randomUUID()));

        Outcome<UserView> outcome = fixture.core.passwords()
                .change(new PasswordChange(nobody, null, PASSWORD, NEW_PASSWORD, ORIGIN));

        assertThat(outcome.problem()).isInstanceOf(Problem.UserNotFound.class);
    }

    private Outcome<UserView> change(SessionId keep, String current, String next) {
        return fixture.core.passwords().change(new PasswordChange(alice, keep, current, next, ORIGIN));
    }

    private List<MailMessage.PasswordChanged> passwordChangedNotices() {
        return fixture.mailer.sent().stream()
                .filter(MailMessage.PasswordChanged.class::isInstance)
                .map(MailMessage.PasswordChanged.class::cast)
                .toList();
    }

    private List<AuditEvent> passwordChangedEvents() {
        return fixture.audit(alice).stream().filter(event -> event.type() == AuditType.PASSWORD_CHANGED).toList();
    }
}

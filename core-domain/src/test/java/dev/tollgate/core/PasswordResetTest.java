package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.ORIGIN;
import static dev.tollgate.core.CoreFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.Email;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.Problem.PasswordRejected;
import dev.tollgate.port.api.account.UserView;
import dev.tollgate.port.api.password.ResetRequested;
import dev.tollgate.port.api.session.SessionTokens;
import dev.tollgate.port.spi.code.CodePurpose;
import dev.tollgate.port.spi.mail.MailMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordResetTest {

    private static final String NEW_PASSWORD = "another-Quiet-river-42";
    private static final String ALICE = "alice@example.com";
    private static final String NOBODY = "nobody@example.com";
    private static final Duration RESET_LIFETIME = Duration.ofMinutes(15);

    private final CoreFixture fixture = new CoreFixture();
    private final UserRef alice = fixture.register("alice").user().ref();

    @Test
    void unknownAddress_requestReset_answersAsForAKnownOne_andMailsNothing() {
        Outcome<ResetRequested> known = requestReset(ALICE);
        int mailsBefore = fixture.mailer.sent().size();

        Outcome<ResetRequested> unknown = requestReset(NOBODY);

        assertThat(unknown).isEqualTo(known);
        assertThat(unknown.isDone()).isTrue();
        assertThat(fixture.mailer.sentTo(Email.of(NOBODY))).isEmpty();
        assertThat(fixture.mailer.sent()).hasSize(mailsBefore);
    }

    @Test
    void knownAddress_requestReset_mailsAResetCodeToIt() {
        Instant now = fixture.clock.instant();

        requestReset(ALICE).orElseThrow();

        MailMessage.PasswordResetCode mail = lastResetMail(ALICE);
        assertThat(mail.username().value()).isEqualTo("alice");
        assertThat(mail.tenant()).isEqualTo(TenantId.DEFAULT);
        assertThat(mail.code()).matches("[0-9]{" + fixture.settings.codes().digits() + "}");
        assertThat(mail.expiresAt()).isEqualTo(now.plus(RESET_LIFETIME));
    }

    @Test
    void addressInAnyCase_requestReset_reachesTheAccount() {
        requestReset("  ALICE@Example.COM ").orElseThrow();

        assertThat(resetMails(ALICE)).hasSize(1);
    }

    @Test
    void confirmWithTheMailedCode_setsTheNewPassword() {
        requestReset(ALICE).orElseThrow();

        Outcome<UserView> outcome = confirm(ALICE, resetCode(ALICE), NEW_PASSWORD);

        assertThat(outcome.orElseThrow().ref()).isEqualTo(alice);
        assertThat(fixture.login("alice", PASSWORD).problem()).isInstanceOf(Problem.InvalidCredentials.class);
        assertThat(fixture.login("alice", NEW_PASSWORD).isDone()).isTrue();
    }

    @Test
    void confirm_endsEverySession() {
        SessionTokens first = fixture.loggedIn("alice");
        SessionTokens second = fixture.loggedIn("alice");
        requestReset(ALICE).orElseThrow();

        confirm(ALICE, resetCode(ALICE), NEW_PASSWORD).orElseThrow();

        for (SessionTokens ended : List.of(first, second)) {
            assertThat(fixture.core.sessions().authenticate(TenantId.DEFAULT, ended.accessToken()).problem())
                    .isInstanceOf(Problem.InvalidToken.class);
            assertThat(fixture.core.sessions().refresh(TenantId.DEFAULT, ended.refreshToken(), ORIGIN).problem())
                    .isInstanceOf(Problem.InvalidToken.class);
        }
        assertThat(fixture.core.sessions().list(alice)).isEmpty();
    }

    @Test
    void confirm_mailsAPasswordChangedNotice() {
        requestReset(ALICE).orElseThrow();
        fixture.clock.advance(Duration.ofMinutes(3));

        confirm(ALICE, resetCode(ALICE), NEW_PASSWORD).orElseThrow();

        List<MailMessage.PasswordChanged> notices = fixture.mailer.sentTo(Email.of(ALICE)).stream()
                .filter(MailMessage.PasswordChanged.class::isInstance)
                .map(MailMessage.PasswordChanged.class::cast)
                .toList();
        assertThat(notices).singleElement().satisfies(notice -> {
            assertThat(notice.username().value()).isEqualTo("alice");
            assertThat(notice.at()).isEqualTo(fixture.clock.instant());
        });
    }

    @Test
    void confirm_marksTheAddressVerified_sinceTheCodeReachedIt() {
        assertThat(fixture.core.accounts().find(alice).orElseThrow().emailVerified()).isFalse();
        requestReset(ALICE).orElseThrow();

        UserView view = confirm(ALICE, resetCode(ALICE), NEW_PASSWORD).orElseThrow();

        assertThat(view.emailVerified()).isTrue();
        assertThat(fixture.core.accounts().find(alice).orElseThrow().emailVerified()).isTrue();
    }

    @Test
    void confirm_clearsAFailedLoginLock() {
        int maxFailures = fixture.settings.lockout().maxFailures();
        for (int i = 0; i < maxFailures; i++) {
            fixture.login("alice", "not-my-Password-" + i);
        }
        assertThat(fixture.login("alice", PASSWORD).problem()).isInstanceOf(Problem.AccountLocked.class);
        requestReset(ALICE).orElseThrow();

        confirm(ALICE, resetCode(ALICE), NEW_PASSWORD).orElseThrow();

        assertThat(fixture.login("alice", NEW_PASSWORD).isDone()).isTrue();
    }

    @Test
    void code_worksJustBeforeFifteenMinutes() {
        requestReset(ALICE).orElseThrow();
        fixture.clock.advance(RESET_LIFETIME.minusSeconds(1));

        assertThat(confirm(ALICE, resetCode(ALICE), NEW_PASSWORD).isDone()).isTrue();
    }

    @Test
    void theMailedCodeOlderThanFifteenMinutes_confirm_isRefusedAsExpired() {
        requestReset(ALICE).orElseThrow();
        fixture.clock.advance(RESET_LIFETIME.plusSeconds(1));

        Outcome<UserView> outcome = confirm(ALICE, resetCode(ALICE), NEW_PASSWORD);

        assertThat(outcome.problem()).isEqualTo(new Problem.CodeExpired());
        assertThat(outcome.problem().code()).isEqualTo(ErrorCode.OTP_EXPIRED);
        assertThat(fixture.login("alice", PASSWORD).isDone()).as("the password is unchanged").isTrue();
    }

    @Test
    void aWrongCodeAfterExpiry_isInvalid_likeForAnUnknownAddress_soExpiryRevealsNoAccount() {
        requestReset(ALICE).orElseThrow();
        fixture.clock.advance(RESET_LIFETIME.plusSeconds(1));

        Problem wrongCode = confirm(ALICE, wrong(resetCode(ALICE)), NEW_PASSWORD).problem();

        assertThat(wrongCode).isEqualTo(Problem.CodeInvalid.withoutDetail());
        assertThat(wrongCode).isEqualTo(confirm(NOBODY, "123456", NEW_PASSWORD).problem());
    }

    @Test
    void wrongCode_confirm_isRefusedWithOtpInvalid_withoutAttemptsLeft() {
        requestReset(ALICE).orElseThrow();

        Outcome<UserView> outcome = confirm(ALICE, wrong(resetCode(ALICE)), NEW_PASSWORD);

        assertThat(outcome.problem()).isInstanceOf(Problem.CodeInvalid.class);
        assertThat(outcome.problem().code()).isEqualTo(ErrorCode.OTP_INVALID);
        assertThat(((Problem.CodeInvalid) outcome.problem()).attemptsLeft().isEmpty()).isTrue();
        assertThat(fixture.login("alice", NEW_PASSWORD).problem()).isInstanceOf(Problem.InvalidCredentials.class);
    }

    @Test
    void unknownAddress_confirm_isRefusedExactlyLikeAWrongCode() {
        requestReset(ALICE).orElseThrow();
        Problem wrongCode = confirm(ALICE, wrong(resetCode(ALICE)), NEW_PASSWORD).problem();

        Problem unknownAddress = confirm(NOBODY, "123456", NEW_PASSWORD).problem();

        assertThat(unknownAddress).isEqualTo(wrongCode);
        assertThat(unknownAddress.detail()).isEqualTo(wrongCode.detail());
    }

    @Test
    void weakNewPassword_confirm_answersAlikeForKnownAndUnknownAddresses() {
        Problem known = confirm(ALICE, "123456", "password1").problem();

        Problem unknown = confirm(NOBODY, "123456", "password1").problem();

        assertThat(unknown).isEqualTo(known);
    }

    @Test
    void newPasswordContainingTheUsername_isRejectedOnlyOnceTheCodeProvedTheAddress() {
        fixture.core.registration().register(dev.tollgate.port.api.registration.Registration
                .of(TenantId.DEFAULT, "quasar", "q.z@example.com", PASSWORD)).orElseThrow();
        requestReset("q.z@example.com").orElseThrow();
        String withUsername = "my-QUASAR-is-bright-42";

        Problem unknown = confirm("nobody-q@example.com", "123456", withUsername).problem();
        Problem known = confirm("q.z@example.com", resetCode("q.z@example.com"), withUsername).problem();

        // before a code matched, nothing about the account shows; after, the rule is named
        assertThat(unknown).isEqualTo(Problem.CodeInvalid.withoutDetail());
        assertThat(known).isEqualTo(new Problem.PasswordRejected(List.of(PasswordRejected.Rule.CONTAINS_USERNAME)));
        assertThat(fixture.login("quasar", PASSWORD).isDone()).isTrue();
    }

    @Test
    void malformedCode_confirm_answersAlikeForKnownAndUnknownAddresses() {
        Problem known = confirm(ALICE, "abc", NEW_PASSWORD).problem();

        Problem unknown = confirm(NOBODY, "abc", NEW_PASSWORD).problem();

        assertThat(unknown).isEqualTo(known);
    }

    @Test
    void knownAddressWithoutARequest_confirm_isRefusedLikeAWrongCode() {
        Outcome<UserView> outcome = confirm(ALICE, "123456", NEW_PASSWORD);

        assertThat(outcome.problem()).isEqualTo(Problem.CodeInvalid.withoutDetail());
    }

    @Test
    void afterFiveWrongCodes_evenTheRightCodeFails() {
        requestReset(ALICE).orElseThrow();
        String code = resetCode(ALICE);
        int maxAttempts = fixture.settings.codes().maxAttempts();
        for (int i = 0; i < maxAttempts; i++) {
            assertThat(confirm(ALICE, wrong(code), NEW_PASSWORD).problem()).isEqualTo(Problem.CodeInvalid.withoutDetail());
        }

        Outcome<UserView> outcome = confirm(ALICE, code, NEW_PASSWORD);

        assertThat(outcome.problem()).isEqualTo(Problem.CodeInvalid.withoutDetail());
        assertThat(fixture.login("alice", NEW_PASSWORD).problem()).isInstanceOf(Problem.InvalidCredentials.class);
        assertThat(fixture.login("alice", PASSWORD).isDone()).isTrue();
    }

    @Test
    void fourWrongCodes_leaveTheRightCodeUsable() {
        requestReset(ALICE).orElseThrow();
        String code = resetCode(ALICE);
        for (int i = 1; i < fixture.settings.codes().maxAttempts(); i++) {
            confirm(ALICE, wrong(code), NEW_PASSWORD);
        }

        assertThat(confirm(ALICE, code, NEW_PASSWORD).isDone()).isTrue();
    }

    @Test
    void usedCode_confirmAgain_isRefused() {
        requestReset(ALICE).orElseThrow();
        String code = resetCode(ALICE);
        confirm(ALICE, code, NEW_PASSWORD).orElseThrow();

        Outcome<UserView> again = confirm(ALICE, code, "yet-another-Quiet-lake-7");

        assertThat(again.problem()).isEqualTo(Problem.CodeInvalid.withoutDetail());
        assertThat(fixture.login("alice", NEW_PASSWORD).isDone()).isTrue();
    }

    @Test
    void newerRequest_replacesTheEarlierCode() {
        requestReset(ALICE).orElseThrow();
        String first = resetCode(ALICE);
        requestReset(ALICE).orElseThrow();
        String second = resetCode(ALICE);
        assertThat(second).as("the seeded source draws two different codes").isNotEqualTo(first);

        assertThat(confirm(ALICE, first, NEW_PASSWORD).problem()).isEqualTo(Problem.CodeInvalid.withoutDetail());
        assertThat(confirm(ALICE, second, NEW_PASSWORD).isDone()).isTrue();
    }

    @Test
    void sendLimit_refusesTheFourthRequestOfTheDay_forKnownAndUnknownAddressesAlike() {
        int limit = fixture.settings.codes().maxSendsPerWindow();
        for (int i = 0; i < limit; i++) {
            assertThat(requestReset(ALICE).isDone()).isTrue();
            assertThat(requestReset(NOBODY).isDone()).isTrue();
        }

        Outcome<ResetRequested> known = requestReset(ALICE);
        Outcome<ResetRequested> unknown = requestReset(NOBODY);

        assertThat(known.problem()).isInstanceOf(Problem.RateLimited.class);
        assertThat(unknown.problem()).isInstanceOf(Problem.RateLimited.class);
        assertThat(unknown.problem()).isEqualTo(known.problem());
        assertThat(resetMails(ALICE)).hasSize(limit);
    }

    @Test
    void sendLimit_tellsWhenTheWindowEnds() {
        Instant start = fixture.clock.instant();
        for (int i = 0; i < fixture.settings.codes().maxSendsPerWindow(); i++) {
            requestReset(NOBODY);
            fixture.clock.advance(Duration.ofMinutes(10));
        }

        Problem refused = requestReset(NOBODY).problem();

        assertThat(refused).isEqualTo(new Problem.RateLimited(start.plus(Duration.ofDays(1)),
                fixture.settings.codes().maxSendsPerWindow()));
    }

    @Test
    void sendLimit_countsPerAddress() {
        for (int i = 0; i < fixture.settings.codes().maxSendsPerWindow(); i++) {
            requestReset(NOBODY);
        }

        assertThat(requestReset(ALICE).isDone()).isTrue();
        assertThat(resetMails(ALICE)).hasSize(1);
    }

    @Test
    void sendLimit_opensAgainAfterTheWindow() {
        int limit = fixture.settings.codes().maxSendsPerWindow();
        for (int i = 0; i <= limit; i++) {
            requestReset(ALICE);
            requestReset(NOBODY);
        }

        fixture.clock.advance(Duration.ofDays(1));

        assertThat(requestReset(ALICE).isDone()).isTrue();
        assertThat(requestReset(NOBODY).isDone()).isTrue();
        assertThat(resetMails(ALICE)).hasSize(limit + 1);
    }

    @Test
    void rejectedNewPassword_doesNotSpendTheCode() {
        requestReset(ALICE).orElseThrow();
        String code = resetCode(ALICE);

        Outcome<UserView> rejected = confirm(ALICE, code, "password1");

        assertThat(rejected.problem()).isInstanceOf(Problem.PasswordRejected.class);
        assertThat(((Problem.PasswordRejected) rejected.problem()).violations()).contains(PasswordRejected.Rule.COMMON);
        assertThat(fixture.codeStore.find(alice, CodePurpose.PASSWORD_RESET).orElseThrow().attempts())
                .as("the rejection used no attempt").isZero();
        assertThat(confirm(ALICE, code, NEW_PASSWORD).isDone()).isTrue();
        assertThat(fixture.login("alice", NEW_PASSWORD).isDone()).isTrue();
    }

    @Test
    void malformedEmail_requestReset_failsValidationNamingTheEmail() {
        Outcome<ResetRequested> outcome = requestReset("not an address");

        assertThat(outcome.problem()).isInstanceOf(Problem.InvalidInput.class);
        assertThat(((Problem.InvalidInput) outcome.problem()).errors())
                .extracting(Problem.FieldError::field).containsExactly("email");
    }

    @Test
    void malformedEmail_confirm_failsValidationNamingTheEmail() {
        Outcome<UserView> outcome = confirm("alice-at-example.com", "123456", NEW_PASSWORD);

        assertThat(outcome.problem()).isInstanceOf(Problem.InvalidInput.class);
        assertThat(((Problem.InvalidInput) outcome.problem()).errors())
                .extracting(Problem.FieldError::field).containsExactly("email");
    }

    @Test
    void malformedEmail_requestReset_isNotCountedAgainstAnyAddress() {
        for (int i = 0; i < 10; i++) {
            requestReset("alice@");
        }

        assertThat(requestReset(ALICE).isDone()).isTrue();
    }

    private Outcome<ResetRequested> requestReset(String email) {
        return fixture.core.passwords().requestReset(TenantId.DEFAULT, email, ORIGIN);
    }

    private Outcome<UserView> confirm(String email, String code, String newPassword) {
        return fixture.core.passwords().confirmReset(TenantId.DEFAULT, email, code, newPassword, ORIGIN);
    }

    private List<MailMessage.PasswordResetCode> resetMails(String address) {
        return fixture.mailer.sentTo(Email.of(address)).stream()
                .filter(MailMessage.PasswordResetCode.class::isInstance)
                .map(MailMessage.PasswordResetCode.class::cast)
                .toList();
    }

    private MailMessage.PasswordResetCode lastResetMail(String address) {
        List<MailMessage.PasswordResetCode> mails = resetMails(address);
        assertThat(mails).as("reset mails to " + address).isNotEmpty();
        return mails.get(mails.size() - 1);
    }

    private String resetCode(String address) {
        return lastResetMail(address).code();
    }

    /** A well-formed code that differs from {@code code} in its first digit. */
    private static String wrong(String code) {
        char first = (char) ('0' + (code.charAt(0) - '0' + 1) % 10);
        return first + code.substring(1);
    }
}

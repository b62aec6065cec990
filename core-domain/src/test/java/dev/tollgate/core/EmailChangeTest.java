package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.ORIGIN;
import static dev.tollgate.core.CoreFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.AuditOutcome;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.Email;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.account.UserView;
import dev.tollgate.port.api.email.CodeSent;
import dev.tollgate.port.api.email.EmailStatus;
import dev.tollgate.port.api.metering.KeyCheck;
import dev.tollgate.port.api.metering.KeyVerification.Granted;
import dev.tollgate.port.api.registration.Registered;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.spi.audit.AuditEvent;
import dev.tollgate.port.spi.mail.MailMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmailChangeTest {

    private static final Email OLD = Email.of("alice@example.com");
    private static final Email NEW = Email.of("alice.new@example.org");

    private final CoreFixture fixture = new CoreFixture();
    private final UserRef alice = fixture.registerVerified("alice");

    @Test
    void wrongPassword_change_isRefusedWithInvalidCredentials_andChangesNothing() {
        Outcome<CodeSent> outcome = change(NEW.value(), "not-my-Password-99");

        assertThat(outcome.problem()).isInstanceOf(Problem.InvalidCredentials.class);
        assertUnchanged();
        assertThat(fixture.mailer.sentTo(NEW)).isEmpty();
    }

    @Test
    void invalidNewAddress_change_failsValidationNamingNewEmail() {
        Outcome<CodeSent> outcome = change("alice.new@", PASSWORD);

        assertThat(fieldsOf(outcome.problem())).containsExactly("new_email");
        assertUnchanged();
    }

    @Test
    void missingNewAddress_change_failsValidationNamingNewEmail() {
        assertThat(fieldsOf(change(null, PASSWORD).problem())).containsExactly("new_email");
    }

    @Test
    void sameAddress_change_failsValidationNamingNewEmail() {
        Outcome<CodeSent> outcome = change(OLD.value(), PASSWORD);

        assertThat(fieldsOf(outcome.problem())).containsExactly("new_email");
        assertUnchanged();
    }

    @Test
    void sameAddressInOtherCase_change_failsValidation_sinceAddressesAreNormalised() {
        Outcome<CodeSent> outcome = change("  Alice@EXAMPLE.com ", PASSWORD);

        assertThat(fieldsOf(outcome.problem())).containsExactly("new_email");
        assertUnchanged();
    }

    @Test
    void addressOfAnotherUser_change_isRefusedWithEmailTaken_andChangesNothing() {
        UserRef bob = fixture.registerVerified("bob");
        int mailsBefore = fixture.mailer.sent().size();

        Outcome<CodeSent> outcome = change("bob@example.com", PASSWORD);

        assertThat(outcome.problem()).isInstanceOf(Problem.EmailTaken.class);
        assertUnchanged();
        UserView bobView = fixture.core.accounts().find(bob).orElseThrow();
        assertThat(bobView.email()).isEqualTo(Email.of("bob@example.com"));
        assertThat(bobView.emailVerified()).isTrue();
        assertThat(fixture.mailer.sent()).as("no mail about a change that did not happen")
                .filteredOn(mail -> !(mail instanceof MailMessage.NewSignIn)).hasSize(mailsBefore);
        assertThat(fixture.login("bob@example.com", PASSWORD).orElseThrow().user().ref()).isEqualTo(bob);
    }

    @Test
    void changesRefusedAsEmailTaken_doNotUseUpTheOtherUsersVerificationSends() {
        UserRef bob = fixture.register("bob").user().ref();
        for (int i = 0; i < fixture.settings.codes().maxSendsPerWindow(); i++) {
            assertThat(change("bob@example.com", PASSWORD).problem()).isInstanceOf(Problem.EmailTaken.class);
        }

        Outcome<CodeSent> resent = fixture.core.emailAddresses().sendVerificationCode(bob, ORIGIN);

        assertThat(resent.isDone()).as("bob may still ask for his own code: %s", resent).isTrue();
    }

    @Test
    void change_isPending_theCurrentAddressStaysInForceAndVerified() {
        CodeSent sent = change(NEW.value(), PASSWORD).orElseThrow();

        assertThat(sent.sentTo()).isEqualTo(NEW);
        assertThat(sent.delivered()).isTrue();
        assertThat(sent.expiresAt()).isEqualTo(fixture.clock.instant().plus(fixture.settings.codes().verificationLifetime()));
        assertUnchanged();
        EmailStatus status = status();
        assertThat(status.email()).isEqualTo(OLD);
        assertThat(status.verified()).isTrue();
        assertThat(status.pendingEmail()).isEqualTo(NEW);
        assertThat(status.codeExpiresAt()).isEqualTo(sent.expiresAt());
    }

    @Test
    void change_normalisesTheNewAddress() {
        change("  Alice.NEW@Example.ORG ", PASSWORD).orElseThrow();

        assertThat(status().pendingEmail()).isEqualTo(NEW);
    }

    @Test
    void change_mailsAVerificationCodeToTheNewAddress_andNothingToTheOldOneYet() {
        int mailsToOldBefore = fixture.mailer.sentTo(OLD).size();

        change(NEW.value(), PASSWORD).orElseThrow();

        assertThat(fixture.mailer.sentTo(NEW)).singleElement().isInstanceOfSatisfying(MailMessage.VerificationCode.class,
                mail -> assertThat(mail.username().value()).isEqualTo("alice"));
        assertThat(fixture.mailer.sentTo(OLD)).hasSize(mailsToOldBefore);
    }

    @Test
    void whilePending_theOldAddressLogsIn_andTheNewOneDoesNot() {
        change(NEW.value(), PASSWORD).orElseThrow();

        assertThat(fixture.login(OLD.value(), PASSWORD).orElseThrow().user().ref()).isEqualTo(alice);
        assertThat(fixture.login(NEW.value(), PASSWORD).problem()).isInstanceOf(Problem.InvalidCredentials.class);
    }

    @Test
    void whilePending_withUnverifiedLoginRefused_theUserStillLogsIn_andItsApiKeysStillVerify() {
        CoreFixture strict = new CoreFixture(s -> s.withAllowUnverifiedLogin(false));
        Registered bob = strict.register("bob");
        strict.core.emailAddresses().verify(bob.user().ref(), strict.lastCode("bob@example.com"), ORIGIN).orElseThrow();

        strict.core.emailAddresses().change(bob.user().ref(), "bob.new@example.org", PASSWORD, ORIGIN).orElseThrow();

        assertThat(strict.login("bob@example.com", PASSWORD).isDone()).isTrue();
        Outcome<Granted> answer = strict.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, bob.apiKey().secret()));
        assertThat(answer.isDone()).as("refused with %s", answer).isTrue();
    }

    @Test
    void codeMailedToTheNewAddress_movesTheAddress_verified() {
        change(NEW.value(), PASSWORD).orElseThrow();

        UserView changed = verify(fixture.lastCode(NEW.value())).orElseThrow();

        assertThat(changed.email()).isEqualTo(NEW);
        assertThat(changed.emailVerified()).isTrue();
        assertThat(status().pendingChange()).isEmpty();
        assertThat(status().codeExpiresAt()).isNull();
    }

    @Test
    void afterConfirmation_theNewAddressLogsIn_andTheOldOneDoesNot() {
        change(NEW.value(), PASSWORD).orElseThrow();
        verify(fixture.lastCode(NEW.value())).orElseThrow();

        assertThat(fixture.login(NEW.value(), PASSWORD).orElseThrow().user().ref()).isEqualTo(alice);
        assertThat(fixture.login(OLD.value(), PASSWORD).problem()).isInstanceOf(Problem.InvalidCredentials.class);
    }

    @Test
    void confirmation_tellsTheOldAddressAndNamesTheNewOne() {
        change(NEW.value(), PASSWORD).orElseThrow();
        int mailsToOldBefore = fixture.mailer.sentTo(OLD).size();

        verify(fixture.lastCode(NEW.value())).orElseThrow();

        List<MailMessage> newMailsToOld = fixture.mailer.sentTo(OLD).subList(mailsToOldBefore,
                fixture.mailer.sentTo(OLD).size());
        assertThat(newMailsToOld).singleElement().isInstanceOfSatisfying(MailMessage.EmailChanged.class, notice -> {
            assertThat(notice.newAddress()).isEqualTo(NEW);
            assertThat(notice.username().value()).isEqualTo("alice");
        });
    }

    @Test
    void afterConfirmation_theOldAddressIsFreeForANewRegistration() {
        change(NEW.value(), PASSWORD).orElseThrow();
        verify(fixture.lastCode(NEW.value())).orElseThrow();

        UserView carol = fixture.core.registration()
                .register(Registration.of(TenantId.DEFAULT, "carol", OLD.value(), PASSWORD).withContext(ORIGIN))
                .orElseThrow().user();

        assertThat(carol.email()).isEqualTo(OLD);
        assertThat(carol.ref()).isNotEqualTo(alice);
    }

    @Test
    void whilePending_theNewAddressStaysFreeForOthers_andWhoeverTakesItFirstHasIt() {
        change(NEW.value(), PASSWORD).orElseThrow();
        String code = fixture.lastCode(NEW.value());

        UserView erin = fixture.core.registration()
                .register(Registration.of(TenantId.DEFAULT, "erin", NEW.value(), PASSWORD).withContext(ORIGIN))
                .orElseThrow().user();
        Outcome<UserView> confirmed = verify(code);

        assertThat(confirmed.problem()).isInstanceOf(Problem.EmailTaken.class);
        assertUnchanged();
        assertThat(status().pendingChange()).as("a change that cannot complete ends").isEmpty();
        assertThat(fixture.core.accounts().find(erin.ref()).orElseThrow().email()).isEqualTo(NEW);
        assertThat(emailChangedEvents()).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(AuditOutcome.FAILURE);
            assertThat(event.reason()).isEqualTo("EMAIL_TAKEN");
        });
    }

    @Test
    void cancelledChange_isNoLongerPending_andItsCodeConfirmsNothing() {
        change(NEW.value(), PASSWORD).orElseThrow();
        String code = fixture.lastCode(NEW.value());

        EmailStatus after = fixture.core.emailAddresses().cancelChange(alice, ORIGIN).orElseThrow();

        assertThat(after.pendingChange()).isEmpty();
        assertThat(after.email()).isEqualTo(OLD);
        assertThat(verify(code).problem()).as("nothing awaits a code").isInstanceOf(Problem.EmailAlreadyVerified.class);
        assertUnchanged();
        assertThat(fixture.audit(alice)).filteredOn(event -> event.type() == AuditType.EMAIL_CHANGE_CANCELLED)
                .singleElement().satisfies(event -> assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS));
    }

    @Test
    void cancel_withNothingPending_answersTheStatus_andAuditsNothing() {
        EmailStatus after = fixture.core.emailAddresses().cancelChange(alice, ORIGIN).orElseThrow();

        assertThat(after).isEqualTo(new EmailStatus(OLD, true, null, null));
        assertThat(fixture.audit(alice)).noneMatch(event -> event.type() == AuditType.EMAIL_CHANGE_CANCELLED);
    }

    @Test
    void aNewerChange_replacesThePendingOne_andOnlyItsCodeConfirms() {
        Email newer = Email.of("alice.newer@example.net");
        change(NEW.value(), PASSWORD).orElseThrow();
        String firstCode = fixture.lastCode(NEW.value());

        change(newer.value(), PASSWORD).orElseThrow();

        assertThat(status().pendingEmail()).isEqualTo(newer);
        String newerCode = fixture.lastCode(newer.value());
        if (!firstCode.equals(newerCode)) {
            assertThat(verify(firstCode).problem()).isInstanceOf(Problem.CodeInvalid.class);
        }
        assertThat(verify(newerCode).orElseThrow().email()).isEqualTo(newer);
    }

    @Test
    void resendingTheCode_whilePending_mailsItToThePendingAddress() {
        change(NEW.value(), PASSWORD).orElseThrow();

        CodeSent resent = fixture.core.emailAddresses().sendVerificationCode(alice, ORIGIN).orElseThrow();

        assertThat(resent.sentTo()).isEqualTo(NEW);
        assertThat(fixture.mailer.sentTo(NEW)).hasSize(2);
        assertThat(verify(fixture.lastCode(NEW.value())).orElseThrow().email()).isEqualTo(NEW);
    }

    @Test
    void codeSentToTheOldAddressBeforeTheChange_noLongerVerifies() {
        UserRef dora = fixture.register("dora").user().ref();
        String oldCode = fixture.lastCode("dora@example.com");
        Email doraNew = Email.of("dora.new@example.org");

        fixture.core.emailAddresses().change(dora, doraNew.value(), PASSWORD, ORIGIN).orElseThrow();

        Outcome<UserView> outcome = fixture.core.emailAddresses().verify(dora, oldCode, ORIGIN);
        assertThat(outcome.isDone()).isFalse();
        assertThat(fixture.core.accounts().find(dora).orElseThrow().emailVerified()).isFalse();
        UserView moved = fixture.core.emailAddresses().verify(dora, fixture.lastCode(doraNew.value()), ORIGIN)
                .orElseThrow();
        assertThat(moved.email()).as("the code for the new address still works").isEqualTo(doraNew);
        assertThat(moved.emailVerified()).isTrue();
    }

    @Test
    void change_isAuditedAsARequest_andConfirmationAsTheChange() {
        change(NEW.value(), PASSWORD).orElseThrow();

        assertThat(fixture.audit(alice)).filteredOn(event -> event.type() == AuditType.EMAIL_CHANGE_REQUESTED)
                .singleElement().satisfies(event -> {
                    assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
                    assertThat(event.subject()).isEqualTo(alice.id());
                });
        assertThat(emailChangedEvents()).as("nothing changed yet").isEmpty();

        verify(fixture.lastCode(NEW.value())).orElseThrow();

        assertThat(emailChangedEvents()).singleElement()
                .satisfies(event -> assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS));
    }

    @Test
    void refusedChange_isAuditedAsAFailureWithItsReason() {
        fixture.registerVerified("bob");

        change(NEW.value(), "not-my-Password-99");
        change("bob@example.com", PASSWORD);

        assertThat(fixture.audit(alice)).filteredOn(event -> event.type() == AuditType.EMAIL_CHANGE_REQUESTED)
                .allSatisfy(event -> assertThat(event.outcome()).isEqualTo(AuditOutcome.FAILURE))
                .extracting(AuditEvent::reason)
                .containsExactlyInAnyOrder("INVALID_CREDENTIALS", "EMAIL_TAKEN");
    }

    @Test
    void wrongPasswords_change_countTowardLockout() {
        for (int i = 0; i < fixture.settings.lockout().maxFailures(); i++) {
            change(NEW.value(), "not-my-Password-" + i);
        }

        assertThat(fixture.login("alice", PASSWORD).problem()).isInstanceOf(Problem.AccountLocked.class);
        fixture.clock.advance(fixture.settings.lockout().lockDuration());
        assertThat(fixture.login("alice", PASSWORD).isDone()).isTrue();
    }

    private Outcome<UserView> verify(String code) {
        return fixture.core.emailAddresses().verify(alice, code, ORIGIN);
    }

    private EmailStatus status() {
        return fixture.core.emailAddresses().status(alice).orElseThrow();
    }

    private Outcome<CodeSent> change(String newEmail, String password) {
        return fixture.core.emailAddresses().change(alice, newEmail, password, ORIGIN);
    }

    private void assertUnchanged() {
        UserView view = fixture.core.accounts().find(alice).orElseThrow();
        assertThat(view.email()).isEqualTo(OLD);
        assertThat(view.emailVerified()).isTrue();
        assertThat(fixture.login(OLD.value(), PASSWORD).isDone()).as("the old address logs in").isTrue();
    }

    private static List<String> fieldsOf(Problem problem) {
        assertThat(problem).isInstanceOf(Problem.InvalidInput.class);
        return ((Problem.InvalidInput) problem).errors().stream().map(Problem.FieldError::field).toList();
    }

    private List<AuditEvent> emailChangedEvents() {
        return fixture.audit(alice).stream().filter(event -> event.type() == AuditType.EMAIL_CHANGED).toList();
    }
}

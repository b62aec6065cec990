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
import dev.tollgate.port.api.email.CodeRequested;
import dev.tollgate.port.spi.code.CodePurpose;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/**
 * Verifying an address, and asking for a new code, without a session: by address and code, as
 * a user must when unverified users may not log in. No answer tells whether an address has an
 * account.
 */
class EmailVerificationByAddressTest {

    private static final Problem HIDDEN = Problem.CodeInvalid.withoutDetail();

    private final CoreFixture fixture = new CoreFixture(s -> s.withAllowUnverifiedLogin(false));

    @Test
    void withUnverifiedLoginRefused_theUserVerifiesByAddressAndCode_andThenLogsIn() {
        UserRef ada = fixture.register("ada").user().ref();
        assertThat(fixture.login("ada", PASSWORD).problem()).isInstanceOf(Problem.EmailUnverified.class);

        UserView verified = verify("ada@example.com", fixture.lastCode("ada@example.com")).orElseThrow();

        assertThat(verified.ref()).isEqualTo(ada);
        assertThat(verified.emailVerified()).isTrue();
        assertThat(fixture.login("ada", PASSWORD).isDone()).isTrue();
        assertThat(fixture.audit(ada)).filteredOn(event -> event.type() == AuditType.EMAIL_VERIFIED)
                .singleElement().satisfies(event -> assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS));
    }

    @Test
    void theAddress_isMatchedNormalised() {
        fixture.register("bea");

        assertThat(verify("  Bea@EXAMPLE.com ", fixture.lastCode("bea@example.com")).isDone()).isTrue();
    }

    @Test
    void aWrongCode_anUnknownAddress_andAVerifiedAddress_answerAlike() {
        fixture.register("cleo");
        String right = fixture.lastCode("cleo@example.com");
        String wrong = right.equals("000000") ? "111111" : "000000";
        fixture.register("dina");
        fixture.core.emailAddresses().verify(fixture.users.findByEmail(TenantId.DEFAULT, Email.of("dina@example.com"))
                .orElseThrow().ref(), fixture.lastCode("dina@example.com"), ORIGIN).orElseThrow();

        assertThat(verify("cleo@example.com", wrong).problem()).isEqualTo(HIDDEN);
        assertThat(verify("nobody@example.com", right).problem()).isEqualTo(HIDDEN);
        assertThat(verify("dina@example.com", right).problem()).isEqualTo(HIDDEN);
    }

    @Test
    void wrongCodes_countAgainstTheCodesAttemptLimit_andAnExhaustedCodeAnswersAlike() {
        UserRef eve = fixture.register("eve").user().ref();
        String right = fixture.lastCode("eve@example.com");
        String wrong = right.equals("000000") ? "111111" : "000000";

        for (int i = 0; i < fixture.settings.codes().maxAttempts(); i++) {
            assertThat(verify("eve@example.com", wrong).problem()).isEqualTo(HIDDEN);
        }

        assertThat(verify("eve@example.com", right).problem()).isEqualTo(HIDDEN);
        assertThat(fixture.codeStore.find(eve, CodePurpose.EMAIL_VERIFICATION).orElseThrow().attempts())
                .isEqualTo(fixture.settings.codes().maxAttempts());
        assertThat(fixture.core.accounts().find(eve).orElseThrow().emailVerified()).isFalse();
    }

    @Test
    void theMailedCodeAfterItsLifetime_isExpired_butAnyOtherCodeThenAnswersAlike() {
        fixture.register("fay");
        String code = fixture.lastCode("fay@example.com");
        fixture.clock.advance(fixture.settings.codes().verificationLifetime());

        assertThat(verify("fay@example.com", code).problem()).isEqualTo(new Problem.CodeExpired());
        String wrong = code.equals("000000") ? "111111" : "000000";
        assertThat(verify("fay@example.com", wrong).problem()).isEqualTo(HIDDEN);
        assertThat(verify("nobody@example.com", code).problem()).isEqualTo(HIDDEN);
    }

    @Test
    void codeEntries_areThrottledPerAddress_alikeForKnownAndUnknownAddresses() {
        fixture.register("gia");
        int allowed = 10;

        for (String address : new String[] {"gia@example.com", "nobody@example.com"}) {
            for (int i = 0; i < allowed; i++) {
                assertThat(verify(address, "000000").problem()).as("%s, entry %d", address, i).isEqualTo(HIDDEN);
            }
            assertThat(verify(address, "000000").problem()).as(address).isInstanceOf(Problem.RateLimited.class);
        }
    }

    @Test
    void malformedAddressesAndCodes_areInvalidInput_andNotCounted() {
        UserRef hal = fixture.register("hal").user().ref();

        assertThat(verify("not-an-address", "123456").problem()).isInstanceOf(Problem.InvalidInput.class);
        assertThat(verify(null, "123456").problem()).isInstanceOf(Problem.InvalidInput.class);
        assertThat(verify("hal@example.com", "12345").problem()).isInstanceOf(Problem.InvalidInput.class);
        assertThat(verify("hal@example.com", null).problem()).isInstanceOf(Problem.InvalidInput.class);

        assertThat(fixture.codeStore.find(hal, CodePurpose.EMAIL_VERIFICATION).orElseThrow().attempts()).isZero();
    }

    @Test
    void theCodeOfAPendingChange_doesNotVerifyByTheOldAddress_andIsNotSpent() {
        UserRef ivy = fixture.registerVerified("ivy");
        fixture.core.emailAddresses().change(ivy, "ivy.new@example.org", PASSWORD, ORIGIN).orElseThrow();
        String code = fixture.lastCode("ivy.new@example.org");

        assertThat(verify("ivy@example.com", code).problem()).isEqualTo(HIDDEN);
        assertThat(verify("ivy.new@example.org", code).problem()).as("a pending address finds nobody").isEqualTo(HIDDEN);

        assertThat(fixture.core.emailAddresses().verify(ivy, code, ORIGIN).orElseThrow().email())
                .isEqualTo(Email.of("ivy.new@example.org"));
    }

    @Test
    void aNewCodeByAddress_isMailedToAnUnverifiedAddress_andVerifiesIt() {
        UserRef jon = fixture.register("jon").user().ref();
        int before = fixture.mailer.sentTo(Email.of("jon@example.com")).size();

        assertThat(request("jon@example.com").orElseThrow()).isEqualTo(new CodeRequested());

        assertThat(fixture.mailer.sentTo(Email.of("jon@example.com"))).hasSize(before + 1);
        assertThat(verify("jon@example.com", fixture.lastCode("jon@example.com")).orElseThrow().ref()).isEqualTo(jon);
    }

    @Test
    void aNewCodeByAddress_forAnUnknownOrVerifiedAddress_answersAlike_andMailsNothing() {
        fixture.registerVerified("kim");
        int mails = fixture.mailer.sent().size();

        assertThat(request("nobody@example.com").orElseThrow()).isEqualTo(new CodeRequested());
        assertThat(request("kim@example.com").orElseThrow()).isEqualTo(new CodeRequested());

        assertThat(fixture.mailer.sent()).hasSize(mails);
    }

    @Test
    void aNewCodeByAddress_isLookedUpAndMailedOnTheBackgroundExecutor_soTheAnswerTellsNothing() {
        Queue<Runnable> queued = new ArrayDeque<>();
        CoreFixture deferred = new CoreFixture(s -> s.withAllowUnverifiedLogin(false), null, queued::add);
        deferred.register("lea");
        int mails = deferred.mailer.sent().size();

        Outcome<CodeRequested> known = deferred.core.emailAddresses()
                .requestVerificationCode(TenantId.DEFAULT, "lea@example.com", ORIGIN);
        Outcome<CodeRequested> unknown = deferred.core.emailAddresses()
                .requestVerificationCode(TenantId.DEFAULT, "nobody@example.com", ORIGIN);

        assertThat(known).isEqualTo(unknown);
        assertThat(deferred.mailer.sent()).hasSize(mails);
        assertThat(queued).hasSize(2);
        queued.forEach(Runnable::run);
        assertThat(deferred.mailer.sent()).hasSize(mails + 1);
    }

    @Test
    void aNewCodeByAddress_countsTowardTheSendLimit_alikeForEveryAddress() {
        int sends = fixture.settings.codes().maxSendsPerWindow();
        for (int i = 0; i < sends; i++) {
            assertThat(request("nobody@example.com").isDone()).isTrue();
        }

        assertThat(request("nobody@example.com").problem()).isInstanceOf(Problem.RateLimited.class);
        fixture.clock.advance(fixture.settings.codes().sendWindow().plus(Duration.ofSeconds(1)));
        assertThat(request("nobody@example.com").isDone()).isTrue();
    }

    @Test
    void aNewCodeByAddress_isNotSentToTheOldAddressWhileAChangeIsPending() {
        UserRef max = fixture.register("max").user().ref();
        fixture.core.emailAddresses().change(max, "max.new@example.org", PASSWORD, ORIGIN);
        int mails = fixture.mailer.sent().size();

        request("max@example.com").orElseThrow();

        assertThat(fixture.mailer.sent()).hasSize(mails);
    }

    @Test
    void aMalformedAddress_isInvalidInput() {
        assertThat(request("not-an-address").problem()).isInstanceOf(Problem.InvalidInput.class);
    }

    private Outcome<UserView> verify(String email, String code) {
        return fixture.core.emailAddresses().verifyAddress(TenantId.DEFAULT, email, code, ORIGIN);
    }

    private Outcome<CodeRequested> request(String email) {
        return fixture.core.emailAddresses().requestVerificationCode(TenantId.DEFAULT, email, ORIGIN);
    }
}

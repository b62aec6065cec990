package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.AuditOutcome;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.Email;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.account.UserView;
import dev.tollgate.port.api.email.CodeSent;
import dev.tollgate.port.api.email.EmailStatus;
import dev.tollgate.port.spi.code.CodePurpose;
import dev.tollgate.port.spi.code.OneTimeCode;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class EmailVerificationTest {

    private final CoreFixture fixture = new CoreFixture();

    @Test
    void mailedCode_verifiesTheAddress() {
        UserRef user = fixture.register("alice").user().ref();

        UserView verified = verify(user, fixture.lastCode("alice@example.com")).orElseThrow();

        assertThat(verified.emailVerified()).isTrue();
        assertThat(fixture.core.emailAddresses().status(user).orElseThrow())
                .isEqualTo(new EmailStatus(Email.of("alice@example.com"), true, null, null));
        assertThat(fixture.audit(user)).anySatisfy(event -> {
            assertThat(event.type()).isEqualTo(AuditType.EMAIL_VERIFIED);
            assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        });
    }

    @Test
    void theCode_isKeptOnlyAsADigest() {
        UserRef user = fixture.register("bob").user().ref();
        String code = fixture.lastCode("bob@example.com");

        OneTimeCode stored = fixture.codeStore.find(user, CodePurpose.EMAIL_VERIFICATION).orElseThrow();

        assertThat(stored.codeDigest()).doesNotContain(code).matches("[0-9a-f]{64}");
    }

    @Test
    void wrongCodes_countDown_andTheFifthKillsTheCode() {
        UserRef user = fixture.register("carol").user().ref();
        String right = fixture.lastCode("carol@example.com");
        String wrong = right.equals("000000") ? "111111" : "000000";

        for (int left = 4; left >= 0; left--) {
            assertThat(verify(user, wrong).problem()).isEqualTo(new Problem.CodeInvalid(OptionalInt.of(left)));
        }

        assertThat(verify(user, right).problem()).isInstanceOf(Problem.CodeAttemptsExhausted.class);
        assertThat(fixture.core.emailAddresses().status(user).orElseThrow().pendingCodeExpiry()).isEmpty();
    }

    @Test
    void malformedCodes_areInvalidInput_andNotCounted() {
        UserRef user = fixture.register("dave").user().ref();

        for (String malformed : new String[] {"12345", "1234567", "abcdef", "", "12 456"}) {
            assertThat(verify(user, malformed).problem()).isInstanceOf(Problem.InvalidInput.class);
        }
        assertThat(verify(user, null).problem()).isInstanceOf(Problem.InvalidInput.class);

        assertThat(fixture.codeStore.find(user, CodePurpose.EMAIL_VERIFICATION).orElseThrow().attempts()).isZero();
    }

    @Test
    void theCode_expiresAfterTwentyFourHours() {
        UserRef user = fixture.register("erin").user().ref();
        String code = fixture.lastCode("erin@example.com");
        Instant sent = fixture.clock.instant();

        assertThat(fixture.core.emailAddresses().status(user).orElseThrow().codeExpiresAt())
                .isEqualTo(sent.plus(Duration.ofHours(24)));
        fixture.clock.advance(Duration.ofHours(24));

        assertThat(verify(user, code).problem()).isInstanceOf(Problem.CodeExpired.class);
    }

    @Test
    void justBeforeExpiry_theCodeStillWorks() {
        UserRef user = fixture.register("frank").user().ref();
        String code = fixture.lastCode("frank@example.com");
        fixture.clock.advance(Duration.ofHours(24).minusSeconds(1));

        assertThat(verify(user, code).isDone()).isTrue();
    }

    @Test
    void aNewCode_invalidatesThePreviousOne() {
        UserRef user = fixture.register("grace").user().ref();
        String first = fixture.lastCode("grace@example.com");
        fixture.core.emailAddresses().sendVerificationCode(user, ORIGIN).orElseThrow();
        String second = fixture.lastCode("grace@example.com");

        if (!first.equals(second)) {
            assertThat(verify(user, first).problem()).isInstanceOf(Problem.CodeInvalid.class);
        }
        assertThat(verify(user, second).isDone()).isTrue();
    }

    @Test
    void atMostThreeSendsPerAddressPerDay_registrationIncluded() {
        UserRef user = fixture.register("heidi").user().ref();
        send(user).orElseThrow();
        fixture.clock.advance(Duration.ofHours(1));
        send(user).orElseThrow();

        Outcome<CodeSent> fourth = send(user);

        Instant windowEnd = fixture.clock.instant().minus(Duration.ofHours(1)).plus(Duration.ofDays(1));
        assertThat(fourth.problem()).isEqualTo(new Problem.RateLimited(windowEnd, 3));
        fixture.clock.set(windowEnd);
        assertThat(send(user).isDone()).isTrue();
    }

    @Test
    void theSendLimit_isConfigurable() {
        CoreFixture generous = new CoreFixture(s -> s.withCodes(s.codes().withMaxSendsPerWindow(5)));
        UserRef user = generous.register("ivan").user().ref();

        for (int i = 0; i < 4; i++) {
            assertThat(generous.core.emailAddresses().sendVerificationCode(user, ORIGIN).isDone()).isTrue();
        }
        assertThat(generous.core.emailAddresses().sendVerificationCode(user, ORIGIN).problem())
                .isInstanceOf(Problem.RateLimited.class);
    }

    @Test
    void verifiedAddress_cannotBeVerifiedOrSentACodeAgain() {
        UserRef user = fixture.registerVerified("judy");

        assertThat(send(user).problem()).isInstanceOf(Problem.EmailAlreadyVerified.class);
        assertThat(verify(user, "123456").problem()).isInstanceOf(Problem.EmailAlreadyVerified.class);
    }

    @Test
    void withoutACode_verificationSaysSo() {
        UserRef user = fixture.register("karl").user().ref();
        verify(user, "000000");
        fixture.codeStore.deleteAll(user);

        assertThat(verify(user, "000000").problem()).isInstanceOf(Problem.CodeNotFound.class);
    }

    @Test
    void codeLength_isConfigurable() {
        CoreFixture longer = new CoreFixture(s -> s.withCodes(s.codes().withDigits(8)));
        longer.register("leo");

        assertThat(longer.lastCode("leo@example.com")).matches("[0-9]{8}");
    }

    @Test
    void unknownUser_isNotFound() {
        UserRef ghost = new UserRef(dev.tollgate.port.TenantId.DEFAULT,
                new dev.tollgate.port.UserId(java.util.UUID.randomUUID()));

        assertThat(send(ghost).problem()).isInstanceOf(Problem.UserNotFound.class);
        assertThat(fixture.core.emailAddresses().status(ghost).problem()).isInstanceOf(Problem.UserNotFound.class);
    }

    private Outcome<CodeSent> send(UserRef user) {
        return fixture.core.emailAddresses().sendVerificationCode(user, ORIGIN);
    }

    private Outcome<UserView> verify(UserRef user, String code) {
        return fixture.core.emailAddresses().verify(user, code, ORIGIN);
    }
}

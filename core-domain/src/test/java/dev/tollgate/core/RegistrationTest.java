package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.AccountType;
import dev.tollgate.port.AuditOutcome;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.Email;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.Problem.PasswordRejected;
import dev.tollgate.port.api.registration.Registered;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.api.registration.RegistrationAccepted;
import dev.tollgate.port.spi.mail.MailMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RegistrationTest {

    private final CoreFixture fixture = new CoreFixture();

    @Test
    void validRegistration_createsAnActiveUnverifiedAccount_andMailsASixDigitCode() {
        Registered registered = fixture.core.registration()
                .register(fixture.registration("alice").withName("Alice A.").withAccountType(AccountType.BUSINESS))
                .orElseThrow();

        assertThat(registered.user().status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(registered.user().emailVerified()).isFalse();
        assertThat(registered.user().profile().name()).isEqualTo("Alice A.");
        assertThat(registered.user().profile().accountType()).isEqualTo(AccountType.BUSINESS);
        assertThat(registered.user().tenant()).isEqualTo(TenantId.DEFAULT);
        assertThat(registered.verificationCodeSent()).isTrue();
        assertThat(fixture.mailer.sentTo(Email.of("alice@example.com")))
                .singleElement().isInstanceOf(MailMessage.VerificationCode.class);
        assertThat(fixture.lastCode("alice@example.com")).matches("[0-9]{6}");
    }

    @Test
    void ids_areTimeOrderedVersion7Uuids() {
        var first = fixture.register("first").user().id().value();
        fixture.clock.advance(java.time.Duration.ofMillis(5));
        var second = fixture.register("second").user().id().value();

        assertThat(first.version()).isEqualTo(7);
        assertThat(second.compareTo(first)).isPositive();
        assertThat(first.getMostSignificantBits() >>> 16).isEqualTo(fixture.clock.millis() - 5);
    }

    @Test
    void email_isNormalisedToLowerCase() {
        Registered registered = fixture.core.registration()
                .register(Registration.of(TenantId.DEFAULT, "bob", "  Bob@Example.COM ", PASSWORD)).orElseThrow();

        assertThat(registered.user().email().value()).isEqualTo("bob@example.com");
    }

    @Test
    void everyInvalidField_isNamedInOneRefusal() {
        Outcome<Registered> outcome = fixture.core.registration().register(
                Registration.of(TenantId.DEFAULT, "a!", "not-an-email", "").withName("x".repeat(101)));

        assertThat(outcome.problem()).isInstanceOf(Problem.InvalidInput.class);
        assertThat(((Problem.InvalidInput) outcome.problem()).errors())
                .extracting(Problem.FieldError::field)
                .containsExactlyInAnyOrder("username", "email", "password", "name");
    }

    @Test
    void usernames_needThreeToThirtyTwoAllowedCharacters() {
        assertThat(refusal("ab")).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refusal("a".repeat(33))).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refusal("has space")).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refusal("ünïcode")).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fixture.core.registration().register(fixture.registration("a.b_c-D9")).isDone()).isTrue();
        assertThat(fixture.core.registration().register(fixture.registration("x".repeat(32))).isDone()).isTrue();
    }

    private ErrorCode refusal(String username) {
        return fixture.core.registration()
                .register(Registration.of(TenantId.DEFAULT, username, "someone@example.com", PASSWORD))
                .problem().code();
    }

    @Test
    void takenUsername_isRefusedWhateverItsCase() {
        fixture.register("Carol");

        Outcome<Registered> again = fixture.core.registration()
                .register(Registration.of(TenantId.DEFAULT, "cAROL", "other@example.com", PASSWORD));

        assertThat(again.problem()).isInstanceOf(Problem.UsernameTaken.class);
    }

    @Test
    void takenEmail_isRefusedWhateverItsCase() {
        fixture.register("dave");

        Outcome<Registered> again = fixture.core.registration()
                .register(Registration.of(TenantId.DEFAULT, "david", "DAVE@example.com", PASSWORD));

        assertThat(again.problem()).isInstanceOf(Problem.EmailTaken.class);
    }

    @Test
    void enumerationSafeRegistration_answersAlikeForAFreeAndATakenAddress_andTellsTheOwner() {
        fixture.register("erin");
        fixture.mailer.clear();

        Outcome<RegistrationAccepted> taken = fixture.core.registration()
                .registerWithoutEnumeration(Registration.of(TenantId.DEFAULT, "eve", "ERIN@example.com", PASSWORD));
        Outcome<RegistrationAccepted> free = fixture.core.registration()
                .registerWithoutEnumeration(Registration.of(TenantId.DEFAULT, "fred", "fred@example.com", PASSWORD));

        assertThat(taken.orElseThrow()).isEqualTo(new RegistrationAccepted(Email.of("erin@example.com")));
        assertThat(free.orElseThrow()).isEqualTo(new RegistrationAccepted(Email.of("fred@example.com")));
        assertThat(fixture.mailer.sentTo(Email.of("erin@example.com"))).singleElement()
                .isInstanceOfSatisfying(MailMessage.RegistrationAttempted.class, notice -> {
                    assertThat(notice.username().value()).isEqualTo("erin");
                    assertThat(notice.at()).isEqualTo(fixture.clock.instant());
                });
        assertThat(fixture.core.accounts().findByLogin(TenantId.DEFAULT, "eve")).isEmpty();
        assertThat(fixture.mailer.sentTo(Email.of("fred@example.com"))).singleElement()
                .isInstanceOf(MailMessage.VerificationCode.class);
        assertThat(fixture.login("fred", PASSWORD).isDone()).isTrue();
    }

    @Test
    void enumerationSafeRegistration_noticesToATakenAddress_keepToItsSendLimit_andUsernamesStayTaken() {
        fixture.register("gwen");
        fixture.mailer.clear();
        for (int i = 0; i < 4; i++) {
            assertThat(fixture.core.registration().registerWithoutEnumeration(Registration.of(TenantId.DEFAULT,
                    "imposter" + i, "gwen@example.com", PASSWORD)).isDone()).isTrue();
        }

        // three sends a day to an address: the registration's code took one, two notices the rest
        assertThat(fixture.mailer.sentTo(Email.of("gwen@example.com"))).hasSize(2)
                .allMatch(MailMessage.RegistrationAttempted.class::isInstance);
        assertThat(fixture.core.registration().registerWithoutEnumeration(Registration.of(TenantId.DEFAULT, "gwen",
                "new-gwen@example.com", PASSWORD)).problem()).isInstanceOf(Problem.UsernameTaken.class);
    }

    @Test
    void sameUsernameAndEmail_inAnotherTenant_areFree() {
        fixture.register("erin");
        new StaffFixture(fixture).tenant("acme");

        Outcome<Registered> elsewhere = fixture.core.registration()
                .register(Registration.of(TenantId.of("acme"), "erin", "erin@example.com", PASSWORD));

        assertThat(elsewhere.isDone()).isTrue();
        assertThat(elsewhere.orElseThrow().user().tenant()).isEqualTo(TenantId.of("acme"));
    }

    @Test
    void fiftyParallelRegistrationsOfOneName_exactlyOneWins_theRestAreTaken() throws Exception {
        int threads = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Outcome<Registered>>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String address = "racer" + i + "@example.com";
                Callable<Outcome<Registered>> attempt = () -> {
                    start.await();
                    return fixture.core.registration()
                            .register(Registration.of(TenantId.DEFAULT, "racer", address, PASSWORD));
                };
                results.add(pool.submit(attempt));
            }
            start.countDown();
            int won = 0;
            int taken = 0;
            for (Future<Outcome<Registered>> result : results) {
                Outcome<Registered> outcome = result.get();
                if (outcome.isDone()) {
                    won++;
                } else if (outcome.problem() instanceof Problem.UsernameTaken) {
                    taken++;
                }
            }
            assertThat(won).isEqualTo(1);
            assertThat(taken).isEqualTo(threads - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void passwordShorterThanTheMinimum_countedInCodePoints_isTooShort() {
        assertThat(passwordRules("Ab3$xY7")).containsExactly(PasswordRejected.Rule.TOO_SHORT);
        // eight emoji are sixteen UTF-16 chars but eight code points: long enough
        assertThat(register("emoji", "😀😃😄😁😆😅🤣😂").isDone()).isTrue();
        assertThat(passwordRules("😀😃😄😁😆😅🤣")).containsExactly(PasswordRejected.Rule.TOO_SHORT);
    }

    @Test
    void minimumLength_isConfigurable() {
        CoreFixture strict = new CoreFixture(s -> s.withPasswordPolicy(s.passwordPolicy().withMinLength(15)));

        Outcome<Registered> outcome = strict.core.registration()
                .register(Registration.of(TenantId.DEFAULT, "frank", "frank@example.com", "Xq7#mZ2!pL9@wK"));

        assertThat(((Problem.PasswordRejected) outcome.problem()).violations()).containsExactly(PasswordRejected.Rule.TOO_SHORT);
    }

    @Test
    void passwordLongerThanTheMaximum_isTooLong() {
        String longest = "Zq8!" + "abcdefghij".repeat(12) + "wxyz";
        assertThat(longest.codePointCount(0, longest.length())).isEqualTo(128);

        assertThat(register("long", longest).isDone()).isTrue();
        assertThat(passwordRules(longest + "!")).containsExactly(PasswordRejected.Rule.TOO_LONG);
    }

    @Test
    void commonPassword_isRejectedAsCommon() {
        assertThat(passwordRules("password1")).contains(PasswordRejected.Rule.COMMON);
    }

    @Test
    void passwordContainingTheUsername_isRejected() {
        Outcome<Registered> outcome = fixture.core.registration().register(
                Registration.of(TenantId.DEFAULT, "gracehopper", "g.h@example.com", "xx-GRACEHOPPER-2024!"));

        assertThat(outcome.problem())
                .isEqualTo(new Problem.PasswordRejected(List.of(PasswordRejected.Rule.CONTAINS_USERNAME)));
    }

    @Test
    void passwordContainingTheEmailLocalPart_isRejected() {
        Outcome<Registered> outcome = fixture.core.registration().register(
                Registration.of(TenantId.DEFAULT, "heidi", "h.lamarr@example.com", "my-h.lamarr-secret!"));

        assertThat(((Problem.PasswordRejected) outcome.problem()).violations()).contains(PasswordRejected.Rule.CONTAINS_EMAIL);
    }

    @Test
    void guessablePassword_isTooWeak_andTheMinimumScoreIsConfigurable() {
        assertThat(passwordRules("aaaabbbb")).containsExactly(PasswordRejected.Rule.TOO_WEAK);

        CoreFixture lenient = new CoreFixture(s -> s.withPasswordPolicy(s.passwordPolicy().withMinStrengthScore(0)));
        assertThat(lenient.core.registration()
                .register(Registration.of(TenantId.DEFAULT, "ivan", "ivan@example.com", "aaaabbbb")).isDone()).isTrue();
    }

    @Test
    void passwords_areNeitherTruncatedNorCaseFolded() {
        String password = "Tr0ub4dor&3-" + "x1y2z3".repeat(12);
        register("judy", password).orElseThrow();

        assertThat(fixture.login("judy", password).isDone()).isTrue();
        assertThat(fixture.login("judy", password.substring(0, 72)).problem()).isInstanceOf(Problem.InvalidCredentials.class);
        assertThat(fixture.login("judy", password.toUpperCase()).problem()).isInstanceOf(Problem.InvalidCredentials.class);
        assertThat(fixture.login("judy", " " + password).problem()).isInstanceOf(Problem.InvalidCredentials.class);
    }

    @Test
    void undeliverableFirstCode_stillCreatesTheAccount_andTheCodeCanBeSentAgain() {
        fixture.mailer.failNext(1);

        Registered registered = fixture.register("kim");

        assertThat(registered.verificationCodeSent()).isFalse();
        assertThat(fixture.core.accounts().find(registered.user().ref()).isDone()).isTrue();
        assertThat(fixture.core.emailAddresses().sendVerificationCode(registered.user().ref(), CoreFixture.ORIGIN)
                .orElseThrow().delivered()).isTrue();
        assertThat(fixture.core.emailAddresses()
                .verify(registered.user().ref(), fixture.lastCode("kim@example.com"), CoreFixture.ORIGIN).isDone())
                .isTrue();
    }

    @Test
    void storedPassword_isAHash() {
        Registered registered = fixture.register("leo");

        String stored = fixture.users.findById(registered.user().ref()).orElseThrow().passwordHash();
        assertThat(stored).doesNotContain(PASSWORD).startsWith("$test$");
    }

    @Test
    void registrations_areAudited_successAndFailure() {
        Registered registered = fixture.register("mia");
        fixture.core.registration().register(fixture.registration("mia"));

        assertThat(fixture.audit(registered.user().ref()))
                .anySatisfy(event -> {
                    assertThat(event.type()).isEqualTo(AuditType.USER_REGISTERED);
                    assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
                    assertThat(event.ip()).isEqualTo("203.0.113.7");
                });
        assertThat(fixture.auditEvents)
                .anySatisfy(event -> {
                    assertThat(event.type()).isEqualTo(AuditType.USER_REGISTERED);
                    assertThat(event.outcome()).isEqualTo(AuditOutcome.FAILURE);
                    assertThat(event.reason()).isEqualTo("USERNAME_TAKEN");
                });
    }

    private Outcome<Registered> register(String username, String password) {
        return fixture.core.registration()
                .register(Registration.of(TenantId.DEFAULT, username, username + "@example.com", password));
    }

    private List<PasswordRejected.Rule> passwordRules(String password) {
        Problem problem = register("policy" + Math.abs(password.hashCode() % 1000), password).problem();
        assertThat(problem).isInstanceOf(Problem.PasswordRejected.class);
        return ((Problem.PasswordRejected) problem).violations();
    }
}

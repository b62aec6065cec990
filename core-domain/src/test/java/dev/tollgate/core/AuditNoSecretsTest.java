package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.ORIGIN;
import static dev.tollgate.core.CoreFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tollgate.port.AuditOutcome;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.SessionId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.password.PasswordChange;
import dev.tollgate.port.api.session.SessionTokens;
import dev.tollgate.port.spi.audit.AuditEvent;
import dev.tollgate.port.spi.code.CodePurpose;
import dev.tollgate.port.spi.code.OneTimeCode;
import dev.tollgate.port.spi.mail.MailMessage;
import dev.tollgate.port.spi.session.SessionRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives one user through a whole life and reads every audit event about them: none may hold
 * a password, a token, a mailed code, a password hash or a digest of a token or code.
 */
class AuditNoSecretsTest {

    private static final String WRONG_PASSWORD = "wrong-Guess-31-oops";
    private static final String CHANGED_PASSWORD = "another-Quiet-river-42";
    private static final String RESET_PASSWORD = "third-Silent-forest-77";
    private static final String NEW_ADDRESS = "alice.new@example.org";

    private final CoreFixture fixture = new CoreFixture();
    /** Every secret that passed through the core during the life, and what was derived from them. */
    private final Set<String> secrets = new LinkedHashSet<>(List.of(PASSWORD, WRONG_PASSWORD, CHANGED_PASSWORD,
            RESET_PASSWORD));
    private UserRef alice;

    @BeforeEach
    void liveAWholeLife() {
        // register
        alice = fixture.register("alice").user().ref();
        rememberStoredSecrets();

        // verify, after one wrong code
        String verificationCode = fixture.lastCode("alice@example.com");
        String wrongCode = otherCode(verificationCode);
        secrets.add(wrongCode);
        assertThat(fixture.core.emailAddresses().verify(alice, wrongCode, ORIGIN).isDone()).isFalse();
        fixture.core.emailAddresses().verify(alice, verificationCode, ORIGIN).orElseThrow();

        // a failed login, then a login and a refresh
        assertThat(fixture.login("alice", WRONG_PASSWORD).isDone()).isFalse();
        SessionTokens first = remember(fixture.loggedIn("alice"));
        rememberStoredSecrets();
        fixture.clock.advance(Duration.ofMinutes(5));
        SessionTokens refreshed = remember(fixture.core.sessions().refresh(TenantId.DEFAULT, first.refreshToken(), ORIGIN).orElseThrow());
        rememberStoredSecrets();

        // change the password, once with a wrong current one
        assertThat(changePassword(refreshed.sessionId(), WRONG_PASSWORD, CHANGED_PASSWORD)).isFalse();
        assertThat(changePassword(refreshed.sessionId(), PASSWORD, CHANGED_PASSWORD)).isTrue();
        rememberStoredSecrets();

        // reset it
        fixture.core.passwords().requestReset(TenantId.DEFAULT, "alice@example.com", ORIGIN).orElseThrow();
        rememberStoredSecrets();
        fixture.core.passwords().confirmReset(TenantId.DEFAULT, "alice@example.com",
                fixture.lastCode("alice@example.com"), RESET_PASSWORD, ORIGIN).orElseThrow();
        rememberStoredSecrets();

        // change the address, log in with it
        fixture.core.emailAddresses().change(alice, NEW_ADDRESS, RESET_PASSWORD, ORIGIN).orElseThrow();
        rememberStoredSecrets();
        fixture.core.emailAddresses().verify(alice, fixture.lastCode(NEW_ADDRESS), ORIGIN).orElseThrow();
        remember(fixture.login(NEW_ADDRESS, RESET_PASSWORD).orElseThrow());
        rememberStoredSecrets();

        // delete the account
        fixture.core.accounts().delete(alice, RESET_PASSWORD, "done here", ORIGIN).orElseThrow();

        fixture.mailer.sent().forEach(mail -> {
            if (mail instanceof MailMessage.VerificationCode code) {
                secrets.add(code.code());
            } else if (mail instanceof MailMessage.PasswordResetCode code) {
                secrets.add(code.code());
            }
        });
    }

    @Test
    void noAuditEvent_holdsAPasswordTokenCodeOrHash() {
        List<AuditEvent> events = fixture.audit(alice);
        assertThat(events).hasSizeGreaterThan(10);
        assertThat(secrets).as("the life produced codes, tokens and hashes to look for").hasSizeGreaterThan(20);

        for (AuditEvent event : events) {
            String text = readableWithoutOrigin(event);
            assertThat(secrets)
                    .as("secrets found in %s", text)
                    .noneMatch(text::contains);
        }
    }

    @Test
    void noAuditEventDetail_holdsASecret_evenInPart() {
        for (AuditEvent event : fixture.audit(alice)) {
            for (String value : event.details().values()) {
                assertThat(secrets).as("detail %s of %s", value, event.type())
                        .noneMatch(secret -> value.contains(secret) || value.length() >= 6 && secret.contains(value));
            }
        }
    }

    @Test
    void everyActionOfTheLife_isAuditedAboutTheUser_withItsOutcome() {
        List<AuditEvent> events = fixture.audit(alice);

        assertThat(events).allSatisfy(event -> {
            assertThat(event.subject()).isEqualTo(alice.id());
            assertThat(event.tenant()).isEqualTo(alice.tenant());
        });
        assertThat(events)
                .extracting(AuditEvent::type, AuditEvent::outcome, AuditEvent::reason)
                .contains(
                        tuple(AuditType.USER_REGISTERED, AuditOutcome.SUCCESS, null),
                        tuple(AuditType.VERIFICATION_CODE_SENT, AuditOutcome.SUCCESS, null),
                        tuple(AuditType.EMAIL_VERIFIED, AuditOutcome.FAILURE, "OTP_INVALID"),
                        tuple(AuditType.EMAIL_VERIFIED, AuditOutcome.SUCCESS, null),
                        tuple(AuditType.LOGIN, AuditOutcome.FAILURE, "INVALID_CREDENTIALS"),
                        tuple(AuditType.LOGIN, AuditOutcome.SUCCESS, null),
                        tuple(AuditType.SESSION_REFRESHED, AuditOutcome.SUCCESS, null),
                        tuple(AuditType.PASSWORD_CHANGED, AuditOutcome.FAILURE, "INVALID_CREDENTIALS"),
                        tuple(AuditType.PASSWORD_CHANGED, AuditOutcome.SUCCESS, null),
                        tuple(AuditType.PASSWORD_RESET_REQUESTED, AuditOutcome.SUCCESS, null),
                        tuple(AuditType.PASSWORD_RESET, AuditOutcome.SUCCESS, null),
                        tuple(AuditType.EMAIL_CHANGED, AuditOutcome.SUCCESS, null),
                        tuple(AuditType.ACCOUNT_DELETED, AuditOutcome.SUCCESS, null));
    }

    @Test
    void selfServiceActions_areAuditedWithTheUserAsActor() {
        assertThat(fixture.audit(alice))
                .filteredOn(event -> event.type() != AuditType.PASSWORD_RESET_REQUESTED)
                .allSatisfy(event -> assertThat(event.actor()).as("actor of %s", event.type()).isEqualTo(alice.id()));
    }

    @Test
    void auditEvents_keepTheRequestOrigin() {
        assertThat(fixture.audit(alice)).allSatisfy(event -> {
            assertThat(event.ip()).isEqualTo(ORIGIN.ip());
            assertThat(event.userAgent()).isEqualTo(ORIGIN.userAgent());
        });
    }

    @Test
    void auditEvents_areInTheOrderOfTheLife() {
        List<AuditType> oldestFirst = new ArrayList<>(fixture.audit(alice).stream().map(AuditEvent::type).toList());
        Collections.reverse(oldestFirst);

        assertThat(oldestFirst).first().isEqualTo(AuditType.USER_REGISTERED);
        assertThat(oldestFirst).last().isEqualTo(AuditType.ACCOUNT_DELETED);
        assertThat(oldestFirst.indexOf(AuditType.SESSION_REFRESHED))
                .isLessThan(oldestFirst.indexOf(AuditType.PASSWORD_CHANGED));
        assertThat(oldestFirst.indexOf(AuditType.PASSWORD_CHANGED))
                .isLessThan(oldestFirst.indexOf(AuditType.PASSWORD_RESET));
        assertThat(oldestFirst.indexOf(AuditType.PASSWORD_RESET))
                .isLessThan(oldestFirst.indexOf(AuditType.EMAIL_CHANGED));
    }

    private boolean changePassword(SessionId keep, String current, String next) {
        return fixture.core.passwords().change(new PasswordChange(alice, keep, current, next, ORIGIN)).isDone();
    }

    private SessionTokens remember(SessionTokens tokens) {
        secrets.add(tokens.accessToken());
        secrets.add(tokens.refreshToken());
        return tokens;
    }

    /** The password hash (whole and in its parts), the session digests and the code digests the stores now hold. */
    private void rememberStoredSecrets() {
        fixture.users.findById(alice).ifPresent(user -> {
            String hash = user.passwordHash();
            secrets.add(hash);
            Arrays.stream(hash.split("\\$")).filter(part -> part.length() >= 16).forEach(secrets::add);
        });
        for (SessionRecord session : fixture.sessionStore.listLive(alice, fixture.clock.instant())) {
            secrets.add(session.accessDigest());
            secrets.add(session.refreshDigest());
        }
        for (CodePurpose purpose : CodePurpose.values()) {
            fixture.codeStore.find(alice, purpose).map(OneTimeCode::codeDigest).ifPresent(secrets::add);
        }
    }

    /** Every field of the event as text, but the request origin the caller supplied. */
    private static String readableWithoutOrigin(AuditEvent event) {
        return String.join("|", String.valueOf(event.id()), String.valueOf(event.tenant()), event.type().name(),
                event.outcome().name(), String.valueOf(event.actor()), String.valueOf(event.subject()),
                String.valueOf(event.reason()), String.valueOf(event.at()), new TreeMap<>(event.details()).toString());
    }

    /** A well-formed code that is not {@code code}. */
    private static String otherCode(String code) {
        char first = (char) ('0' + (code.charAt(0) - '0' + 1) % 10);
        return first + code.substring(1);
    }
}

package dev.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.tollgate.adapter.memory.mail.RecordingMailer;
import dev.tollgate.port.Email;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.metering.KeyCheck;
import dev.tollgate.port.api.mfa.TotpEnrolment;
import dev.tollgate.port.api.network.NewIpRule;
import dev.tollgate.port.api.password.PasswordChange;
import dev.tollgate.port.api.registration.Registered;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.api.session.Login;
import dev.tollgate.port.api.session.MfaLogin;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.settings.PasswordAgeSettings;
import dev.tollgate.port.settings.TollgateSettings;
import dev.tollgate.port.spi.mail.MailMessage;
import dev.tollgate.tck.support.FastTestPasswordHasher;
import dev.tollgate.tck.support.MutableClock;
import dev.tollgate.tck.support.SeededRandomSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's features as an embedding application uses them, through the builder on the
 * embedded default store (SQLite): a second factor whose codes an independent TOTP library
 * computes, IP rules, a key's ranges, the password history and the new-sign-in notice.
 */
class AccountSecurityEmbeddedTest {

    private static final String PASSWORD = "correct-Horse-7-battery";
    private static final byte[] MASTER_KEY = "a-master-key-of-thirty-two-bytes!".getBytes();
    private static final RequestContext PHONE = RequestContext.of("198.51.100.20", "Phone/1.0");

    @TempDir
    Path data;

    private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-02T08:00:00Z"));
    private final RecordingMailer mailer = new RecordingMailer();

    private Tollgate tollgate() {
        return Tollgate.builder().sqlite(data).mailer(mailer).masterKey(MASTER_KEY).clock(clock)
                .passwordHasher(new FastTestPasswordHasher(new SeededRandomSource(5)))
                .settings(TollgateSettings.defaults().withSecurity(TollgateSettings.defaults().security()
                        .withPasswords(new PasswordAgeSettings(2, null))))
                .build();
    }

    /** The code an authenticator app shows now, computed by another library from the Base32 secret. */
    private String appCode(String secret) throws CodeGenerationException {
        return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret,
                Math.floorDiv(clock.instant().getEpochSecond(), 30));
    }

    @Test
    void aSecondFactor_guardsTheLogin_withCodesOfAnIndependentAuthenticator() throws Exception {
        try (Tollgate tollgate = tollgate()) {
            UserRef user = register(tollgate, "ada");
            TotpEnrolment enrolment = tollgate.secondFactors().enrol(user, PASSWORD, PHONE).orElseThrow();
            List<String> recovery = tollgate.secondFactors().confirm(user, appCode(enrolment.secret()), PHONE)
                    .orElseThrow().codes();
            clock.advance(Duration.ofSeconds(30));

            Problem first = tollgate.sessions().login(new Login(TenantId.DEFAULT, "ada", PASSWORD, PHONE)).problem();
            assertThat(first).isInstanceOf(Problem.MfaRequired.class);
            String challenge = ((Problem.MfaRequired) first).challenge();
            var tokens = tollgate.sessions().completeMfa(MfaLogin.withCode(TenantId.DEFAULT, challenge,
                    appCode(enrolment.secret())).withContext(PHONE)).orElseThrow();

            assertThat(tollgate.sessions().authenticate(TenantId.DEFAULT, tokens.accessToken()).isDone()).isTrue();
            assertThat(recovery).hasSize(10);
        }
        try (Tollgate restarted = tollgate()) {
            // the sealed secret survives a restart: it is stored, not held
            Problem again = restarted.sessions().login(Login.of(TenantId.DEFAULT, "ada", PASSWORD)).problem();
            assertThat(again).isInstanceOf(Problem.MfaRequired.class);
        }
    }

    @Test
    void ipRules_andAKeysRanges_areJudgedOnTheClientAddress() {
        try (Tollgate tollgate = tollgate()) {
            Registered registered = tollgate.registration()
                    .register(Registration.of(TenantId.DEFAULT, "bob", "bob@example.com", PASSWORD)).orElseThrow();
            tollgate.emailAddresses().verify(registered.user().ref(),
                    mailer.lastCodeFor(Email.of("bob@example.com")).orElseThrow(), PHONE).orElseThrow();
            var restricted = tollgate.apiKeys().create(registered.user().ref(), "ci", null, List.of("203.0.113.0/24"),
                    PHONE).orElseThrow();
            tollgate.ipRules().create(Actor.system(), new NewIpRule(null, "192.0.2.0/24", "deny", "scanner", null),
                    PHONE).orElseThrow();

            assertThat(tollgate.networkAccess().judge(TenantId.DEFAULT, "192.0.2.77")).isPresent();
            assertThat(tollgate.verification().verify(new KeyCheck(TenantId.DEFAULT, registered.apiKey().secret(), null,
                    1, null, RequestContext.of("192.0.2.77", "svc"))).problem()).isInstanceOf(Problem.IpBlocked.class);
            assertThat(tollgate.verification().verify(new KeyCheck(TenantId.DEFAULT, restricted.secret(), null, 1,
                    null, RequestContext.of("198.51.100.1", "svc"))).problem())
                    .isInstanceOf(Problem.KeyIpNotAllowed.class);
            assertThat(tollgate.verification().verify(new KeyCheck(TenantId.DEFAULT, restricted.secret(), null, 0,
                    null, RequestContext.of("203.0.113.5", "svc"))).isDone()).isTrue();
        }
    }

    @Test
    void theHistory_andTheNewSignInNotice_workOnTheEmbeddedStore() throws InterruptedException {
        try (Tollgate tollgate = tollgate()) {
            UserRef user = register(tollgate, "cleo");
            tollgate.passwords().change(new PasswordChange(user, null, PASSWORD, "second-Kite-81-lantern", PHONE))
                    .orElseThrow();

            assertThat(tollgate.passwords().change(new PasswordChange(user, null, "second-Kite-81-lantern", PASSWORD,
                    PHONE)).problem()).isInstanceOf(Problem.PasswordReused.class);
            tollgate.sessions().login(new Login(TenantId.DEFAULT, "cleo", "second-Kite-81-lantern", PHONE))
                    .orElseThrow();
            // the notice is sent off the login's thread: wait for it, as long as it takes
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (mailer.sent().stream().noneMatch(MailMessage.NewSignIn.class::isInstance)
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(mailer.sent()).anyMatch(MailMessage.NewSignIn.class::isInstance);
            assertThat(tollgate.sessions().devices(user)).hasSize(1);
        }
    }

    private static UserRef register(Tollgate tollgate, String name) {
        return tollgate.registration().register(Registration.of(TenantId.DEFAULT, name, name + "@example.com", PASSWORD))
                .orElseThrow().user().ref();
    }
}

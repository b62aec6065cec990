package dev.tollgate.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.Tollgate;
import dev.tollgate.port.Email;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.api.session.Login;
import dev.tollgate.port.api.session.SessionTokens;
import dev.tollgate.port.settings.LockoutSettings;
import dev.tollgate.port.settings.TollgateSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class TollgateTestingTest {

    private static final Email ADA = Email.of("ada@example.com");
    private static final String PASSWORD = "analytical-Engine-1843";

    @Test
    void inMemory_registers_verifiesWithTheMailedCode_andLogsIn() {
        try (TollgateTesting testing = TollgateTesting.inMemory()) {
            Tollgate tollgate = testing.tollgate();
            UserRef ada = register(tollgate);

            String code = testing.mailer().lastCodeFor(ADA).orElseThrow();
            tollgate.emailAddresses().verify(ada, code, RequestContext.NONE).orElseThrow();

            SessionTokens session = tollgate.sessions().login(Login.of(TenantId.DEFAULT, "ada", PASSWORD)).orElseThrow();
            assertThat(tollgate.sessions().authenticate(TenantId.DEFAULT, session.accessToken()).orElseThrow()
                    .emailVerified()).isTrue();
        }
    }

    @Test
    void theClock_standsStillUntilMoved_andEveryExpiryFollowsIt() {
        try (TollgateTesting testing = TollgateTesting.inMemory()) {
            Instant start = testing.clock().instant();
            assertThat(start).isBetween(Instant.now().minusSeconds(60), Instant.now())
                    .isEqualTo(start.truncatedTo(ChronoUnit.SECONDS));
            UserRef ada = register(testing.tollgate());
            String code = testing.mailer().lastCodeFor(ADA).orElseThrow();
            assertThat(testing.clock().instant()).isEqualTo(start);

            testing.clock().advance(Duration.ofHours(25));

            Outcome<?> late = testing.tollgate().emailAddresses().verify(ada, code, RequestContext.NONE);
            assertThat(late.isDone()).isFalse();
            assertThat(late.problem().code()).isEqualTo(ErrorCode.OTP_EXPIRED);
        }
    }

    @Test
    void theCustomizer_changesTheSettings_andTheLockEndsWhenTheClockMovesOn() {
        TollgateSettings settings = TollgateSettings.defaults()
                .withLockout(new LockoutSettings(2, Duration.ofMinutes(10)));
        try (TollgateTesting testing = TollgateTesting.inMemory(builder -> builder.settings(settings))) {
            Tollgate tollgate = testing.tollgate();
            register(tollgate);
            assertThat(tollgate.sessions().login(Login.of(TenantId.DEFAULT, "ada", "wrong-password-1")).problem().code())
                    .isEqualTo(ErrorCode.INVALID_CREDENTIALS);
            assertThat(tollgate.sessions().login(Login.of(TenantId.DEFAULT, "ada", "wrong-password-2")).problem().code())
                    .as("the second failure locks").isEqualTo(ErrorCode.ACCOUNT_LOCKED);
            assertThat(tollgate.sessions().login(Login.of(TenantId.DEFAULT, "ada", PASSWORD)).problem().code())
                    .isEqualTo(ErrorCode.ACCOUNT_LOCKED);

            testing.clock().advance(Duration.ofMinutes(11));

            assertThat(tollgate.sessions().login(Login.of(TenantId.DEFAULT, "ada", PASSWORD)).isDone()).isTrue();
        }
    }

    @Test
    void aPasswordResetMail_isThereWhenTheCallReturns() {
        try (TollgateTesting testing = TollgateTesting.inMemory()) {
            register(testing.tollgate());
            testing.mailer().clear();

            testing.tollgate().passwords().requestReset(TenantId.DEFAULT, "ada@example.com", RequestContext.NONE)
                    .orElseThrow();

            assertThat(testing.mailer().lastCodeFor(ADA)).isPresent();
        }
    }

    @Test
    void apiKeys_canBeRevealedAgain_asWithAMasterKey() {
        try (TollgateTesting testing = TollgateTesting.inMemory()) {
            var registered = testing.tollgate().registration()
                    .register(Registration.of(TenantId.DEFAULT, "ada", ADA.value(), PASSWORD)).orElseThrow();

            var revealed = testing.tollgate().apiKeys().reveal(registered.user().ref(), registered.apiKey().key().id(),
                    PASSWORD, RequestContext.NONE);

            assertThat(revealed.orElseThrow().secret()).isEqualTo(registered.apiKey().secret());
        }
    }

    @Test
    void aSecondStore_isRefusedByTheBuilder_namingBoth() {
        assertThatThrownBy(() -> TollgateTesting.inMemory(Tollgate.Builder::inMemory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the store is chosen twice");
    }

    private static UserRef register(Tollgate tollgate) {
        return tollgate.registration().register(Registration.of(TenantId.DEFAULT, "ada", ADA.value(), PASSWORD))
                .orElseThrow().user().ref();
    }
}

package dev.tollgate.adapter.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmtpSettingsTest {

    private static final SmtpSettings BASE = SmtpSettings.defaults("smtp.example.com", 587, "no-reply@example.com");

    @Test
    void defaults_requireStarttlsAndRetryThreeTimesWithinTenSecondTimeouts() {
        assertThat(BASE.tlsMode()).isEqualTo(TlsMode.STARTTLS);
        assertThat(BASE.username()).isNull();
        assertThat(BASE.password()).isNull();
        assertThat(BASE.appName()).isEqualTo("Tollgate");
        assertThat(BASE.fromName()).isNull();
        assertThat(BASE.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(BASE.readTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(BASE.writeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(BASE.maxAttempts()).isEqualTo(3);
        assertThat(BASE.initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(BASE.maxBackoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(BASE.trustedHosts()).isEmpty();
    }

    @Test
    void defaults_onTheSmtpsPort_useImplicitTls() {
        assertThat(SmtpSettings.defaults("smtp.example.com", 465, "no-reply@example.com").tlsMode())
                .isEqualTo(TlsMode.IMPLICIT);
    }

    @Test
    void toString_neverShowsThePassword() {
        SmtpSettings settings = BASE.withCredentials("mailer", "correct-horse-battery");

        assertThat(settings.toString()).doesNotContain("correct-horse-battery").contains("password=***")
                .contains("username=mailer").contains("host=smtp.example.com");
        assertThat(BASE.toString()).contains("password=none");
    }

    @Test
    void backoff_doublesFromTheInitialWaitUpToTheMaximum() {
        assertThat(BASE.backoffAfter(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(BASE.backoffAfter(2)).isEqualTo(Duration.ofMillis(1000));
        assertThat(BASE.backoffAfter(4)).isEqualTo(Duration.ofMillis(4000));
        assertThat(BASE.backoffAfter(5)).isEqualTo(Duration.ofSeconds(5));
        assertThat(BASE.backoffAfter(10)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void withMethods_changeOnlyTheirSetting() {
        SmtpSettings changed = BASE.withTlsMode(TlsMode.NONE).withFromName("Tollgate").withAppName("Acme")
                .withMaxAttempts(5).withBackoff(Duration.ZERO, Duration.ofSeconds(1))
                .withTrustedHosts("smtp.example.com").withReadTimeout(Duration.ofMillis(300));

        assertThat(changed.host()).isEqualTo("smtp.example.com");
        assertThat(changed.tlsMode()).isEqualTo(TlsMode.NONE);
        assertThat(changed.fromName()).isEqualTo("Tollgate");
        assertThat(changed.appName()).isEqualTo("Acme");
        assertThat(changed.maxAttempts()).isEqualTo(5);
        assertThat(changed.backoffAfter(3)).isEqualTo(Duration.ZERO);
        assertThat(changed.trustedHosts()).containsExactly("smtp.example.com");
        assertThat(changed.readTimeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(changed.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(changed.withoutCredentials().username()).isNull();
    }

    @Test
    void invalidSettings_failWithAMessageNamingTheSetting() {
        assertThatThrownBy(() -> SmtpSettings.defaults(" ", 25, "a@example.com")).hasMessageContaining("host");
        assertThatThrownBy(() -> SmtpSettings.defaults("smtp.example.com", 0, "a@example.com")).hasMessageContaining("port");
        assertThatThrownBy(() -> SmtpSettings.defaults("smtp.example.com", 25, "not-an-address")).hasMessageContaining("from");
        assertThatThrownBy(() -> BASE.withMaxAttempts(0)).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> BASE.withReadTimeout(Duration.ZERO)).hasMessageContaining("readTimeout");
        assertThatThrownBy(() -> BASE.withConnectTimeout(Duration.ofNanos(10))).hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> BASE.withWriteTimeout(Duration.ofHours(1))).hasMessageContaining("writeTimeout");
        assertThatThrownBy(() -> BASE.withBackoff(Duration.ofSeconds(6), Duration.ofSeconds(5)))
                .hasMessageContaining("initialBackoff").hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> BASE.withAppName("Acme\r\nBcc: everyone@example.com")).hasMessageContaining("appName");
        assertThatThrownBy(() -> BASE.withFromName("")).hasMessageContaining("fromName");
        assertThatThrownBy(() -> BASE.withCredentials("", "secret")).hasMessageContaining("username");
        assertThatThrownBy(() -> BASE.withTrustedHosts("*")).hasMessageContaining("trustedHosts");
    }

    @Test
    void aPasswordWithoutAUsername_isRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> new SmtpSettings("smtp.example.com", 587, null, "hunter22", TlsMode.STARTTLS, BASE.from(),
                null, "Tollgate", BASE.connectTimeout(), BASE.readTimeout(), BASE.writeTimeout(), 3,
                BASE.initialBackoff(), BASE.maxBackoff(), BASE.trustedHosts()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("username")
                .hasMessageNotContaining("hunter22");
    }
}

package dev.tollgate.core.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.Email;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.settings.CodeSettings;
import dev.tollgate.port.spi.code.CodePurpose;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.WindowLimit;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CodeSendLimitTest {

    private static final Email ADA = Email.of("ada@example.com");
    private final CodeSendLimit limit = new CodeSendLimit(CodeSettings.DEFAULTS);

    @Test
    void theLimit_isTheSettingsSendsPerWindow() {
        assertThat(limit.limit()).isEqualTo(WindowLimit.of(3, Duration.ofDays(1)));
        assertThat(new CodeSendLimit(CodeSettings.DEFAULTS.withMaxSendsPerWindow(7).withSendWindow(Duration.ofHours(2)))
                .limit()).isEqualTo(WindowLimit.of(7, Duration.ofHours(2)));
    }

    @Test
    void eachTenantPurposeAndAddress_hasItsOwnCounter() {
        assertThat(limit.counter(TenantId.DEFAULT, ADA, CodePurpose.EMAIL_VERIFICATION))
                .isEqualTo(limit.counter(TenantId.DEFAULT, Email.of("ada@example.com"), CodePurpose.EMAIL_VERIFICATION))
                .isNotEqualTo(limit.counter(TenantId.DEFAULT, ADA, CodePurpose.PASSWORD_RESET))
                .isNotEqualTo(limit.counter(TenantId.of("other"), ADA, CodePurpose.EMAIL_VERIFICATION))
                .isNotEqualTo(limit.counter(TenantId.DEFAULT, Email.of("bob@example.com"), CodePurpose.EMAIL_VERIFICATION));
    }

    @Test
    void theCounterKey_namesThePurpose_butHoldsNoAddress() {
        String key = limit.counter(TenantId.DEFAULT, ADA, CodePurpose.PASSWORD_RESET).value();

        assertThat(key).startsWith("code-send:password_reset:").doesNotContain("ada").doesNotContain("example");
    }

    @Test
    void aGrantedSend_isNoRefusal_andARefusedOne_isRateLimitedUntilTheWindowEnds() {
        Instant end = Instant.parse("2026-01-02T09:00:00Z");

        assertThat(limit.refusal(Acquisition.granted(3, end))).isEmpty();
        assertThat(limit.refusal(Acquisition.refused(3, end))).contains(new Problem.RateLimited(end, 3));
    }
}

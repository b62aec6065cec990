package dev.tollgate.adapter.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.tollgate.port.spi.mfa.TotpAlgorithm;
import dev.tollgate.tck.mfa.TotpAlgorithmContract;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The TCK's contract of {@link TotpAlgorithm}, and what only java-otp's adapter could get wrong. */
class JavaOtpTotpAlgorithmTest extends TotpAlgorithmContract {

    private static final TotpAlgorithm TOTP = JavaOtpTotpAlgorithm.create();

    @Override
    protected TotpAlgorithm newAlgorithm() {
        return JavaOtpTotpAlgorithm.create();
    }

    @Test
    void aDefaultLocaleWithOtherDigits_stillGivesAsciiDigits() {
        Locale before = Locale.getDefault();
        Locale thaiDigits = Locale.forLanguageTag("th-TH-u-nu-thai");
        assumeThat(String.format(thaiDigits, "%d", 7)).as("the JDK formats Thai digits").isNotEqualTo("7");
        try {
            Locale.setDefault(thaiDigits);

            assertThat(TOTP.code(RFC_SECRET, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void anEmptyOrMissingSecret_isRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> TOTP.code(new byte[0], Instant.EPOCH))
                .withMessageContaining("empty");
        assertThatNullPointerException().isThrownBy(() -> TOTP.code(null, Instant.EPOCH));
        assertThatNullPointerException().isThrownBy(() -> TOTP.code(RFC_SECRET, null));
    }

    @Test
    void anInstantBeyondMillisecondRange_isRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> TOTP.code(RFC_SECRET, Instant.MAX))
                .withMessageContaining("too far");
    }
}

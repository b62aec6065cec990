package dev.tollgate.adapter.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.tollgate.port.spi.mfa.TotpAlgorithm;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JavaOtpTotpAlgorithmTest {

    /** The SHA-1 secret of RFC 6238, Appendix B. */
    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    private static final TotpAlgorithm TOTP = JavaOtpTotpAlgorithm.create();

    @ParameterizedTest(name = "at {0} s the 8-digit code is {1}")
    @CsvSource({
            "59, 94287082",
            "1111111109, 07081804",
            "1111111111, 14050471",
            "1234567890, 89005924",
            "2000000000, 69279037",
            "20000000000, 65353130"})
    void theSha1VectorsOfRfc6238_giveTheirLastSixDigits(long epochSecond, String eightDigits) {
        assertThat(TOTP.code(RFC_SECRET, Instant.ofEpochSecond(epochSecond))).isEqualTo(eightDigits.substring(2));
    }

    @Test
    void aCodeWithALeadingZero_keepsIt() {
        String code = TOTP.code(RFC_SECRET, Instant.ofEpochSecond(1111111109));

        assertThat(code).isEqualTo("081804").hasSize(TotpAlgorithm.DIGITS);
    }

    @Test
    void everyInstantOfOneStep_hasTheStepsCode_andTheNextStepAnother() {
        Instant stepStart = Instant.ofEpochSecond(37_037_037L * TotpAlgorithm.STEP_SECONDS);
        String code = TOTP.code(RFC_SECRET, stepStart);

        assertThat(TOTP.code(RFC_SECRET, stepStart.plusMillis(1))).isEqualTo(code);
        assertThat(TOTP.code(RFC_SECRET, stepStart.plusSeconds(29).plusNanos(999_999_999))).isEqualTo(code);
        assertThat(TOTP.code(RFC_SECRET, stepStart.plusSeconds(30))).isNotEqualTo(code)
                .isEqualTo(independentTotp(RFC_SECRET, stepStart.plusSeconds(30)));
    }

    @Test
    void theIndependentHotp_reproducesTheRfcVectors() throws GeneralSecurityException {
        // RFC 4226, Appendix D: the first counters' 6-digit codes for the same secret
        String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583",
                "399871", "520489"};
        for (int counter = 0; counter < expected.length; counter++) {
            assertThat(hotp(RFC_SECRET, counter)).as("counter %d", counter).isEqualTo(expected[counter]);
        }
    }

    @Test
    void randomSecretsAndTimes_agreeWithAnIndependentHotpOfRfc4226() {
        Random random = new Random(6238);
        for (int i = 0; i < 1_000; i++) {
            byte[] secret = new byte[i % 4 == 0 ? 20 : 1 + random.nextInt(64)];
            random.nextBytes(secret);
            Instant at = Instant.ofEpochSecond(random.nextLong() % 100_000_000_000L, random.nextInt(1_000_000_000));

            assertThat(TOTP.code(secret, at)).as("secret #%d at %s", i, at).isEqualTo(independentTotp(secret, at));
        }
    }

    @Test
    void beforeTheEpoch_theStepRoundsDown_likeTheIndependentHotp() {
        Instant oneSecondBefore = Instant.ofEpochSecond(-1);

        assertThat(TOTP.code(RFC_SECRET, oneSecondBefore))
                .isEqualTo(independentTotp(RFC_SECRET, oneSecondBefore))
                .isEqualTo(TOTP.code(RFC_SECRET, Instant.ofEpochSecond(-30)))
                .isNotEqualTo(TOTP.code(RFC_SECRET, Instant.EPOCH));
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
    void concurrentCallers_eachGetTheRightCodes() throws Exception {
        Random random = new Random(4226);
        int threads = 8;
        int perThread = 2_000;
        List<List<Object[]>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Object[]> cases = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                byte[] secret = new byte[20];
                random.nextBytes(secret);
                Instant at = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1_000_000_000));
                cases.add(new Object[] {secret, at, independentTotp(secret, at)});
            }
            work.add(cases);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (List<Object[]> cases : work) {
                results.add(pool.submit(() -> {
                    start.await();
                    int wrong = 0;
                    for (Object[] c : cases) {
                        if (!TOTP.code((byte[]) c[0], (Instant) c[1]).equals(c[2])) {
                            wrong++;
                        }
                    }
                    return wrong;
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get(1, TimeUnit.MINUTES)).as("wrong codes of one thread").isZero();
            }
        } finally {
            pool.shutdownNow();
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

    @Test
    void theSecretArray_isLeftUnchanged() {
        byte[] secret = RFC_SECRET.clone();

        TOTP.code(secret, Instant.ofEpochSecond(59));

        assertThat(secret).isEqualTo(RFC_SECRET);
    }

    /** TOTP from RFC 6238 over {@link #hotp}: the counter is the 30-second step, rounded down. */
    private static String independentTotp(byte[] secret, Instant at) {
        try {
            return hotp(secret, Math.floorDiv(at.getEpochSecond(), 30L));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** HOTP as RFC 4226, section 5.3, writes it: HMAC-SHA-1 of the 8-byte counter, dynamic truncation, mod 10^6. */
    private static String hotp(byte[] secret, long counter) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret, "HmacSHA1"));
        byte[] hs = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(counter).array());
        int offset = hs[19] & 0x0f;
        int binary = (hs[offset] & 0x7f) << 24
                | (hs[offset + 1] & 0xff) << 16
                | (hs[offset + 2] & 0xff) << 8
                | (hs[offset + 3] & 0xff);
        return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
    }
}

package dev.tollgate.tck.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.spi.mfa.TotpAlgorithm;
import dev.tollgate.tck.support.ReferenceTotp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What every {@link TotpAlgorithm} does: RFC 6238's SHA-1 test vectors (their last six digits),
 * leading zeros kept, one code per 30-second step (rounded down, before 1970 too), agreement with
 * {@link ReferenceTotp} on random secrets and times, correct codes for concurrent callers, and the
 * secret left as given. An implementation proves itself with one class answering
 * {@link #newAlgorithm()}.
 */
public abstract class TotpAlgorithmContract {

    /** RFC 6238, Appendix B: the SHA-1 secret. */
    protected static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    private TotpAlgorithm totp;

    /** The implementation under test. */
    protected abstract TotpAlgorithm newAlgorithm();

    @BeforeEach
    void create() {
        totp = newAlgorithm();
    }

    @ParameterizedTest
    @CsvSource({
            "59, 94287082",
            "1111111109, 07081804",
            "1111111111, 14050471",
            "1234567890, 89005924",
            "2000000000, 69279037",
            "20000000000, 65353130"})
    void theSha1VectorsOfRfc6238_giveTheirLastSixDigits(long epochSecond, String eightDigits) {
        assertThat(totp.code(RFC_SECRET, Instant.ofEpochSecond(epochSecond))).isEqualTo(eightDigits.substring(2));
    }

    @Test
    void theReference_reproducesTheHotpVectorsOfRfc4226() {
        // RFC 4226, Appendix D: the first counters' codes for the same secret
        String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583",
                "399871", "520489"};
        for (int counter = 0; counter < expected.length; counter++) {
            assertThat(ReferenceTotp.code(RFC_SECRET, counter)).as("counter %d", counter).isEqualTo(expected[counter]);
        }
    }

    @Test
    void aCodeWithALeadingZero_keepsIt() {
        assertThat(totp.code(RFC_SECRET, Instant.ofEpochSecond(1111111109))).isEqualTo("081804")
                .hasSize(TotpAlgorithm.DIGITS);
    }

    @Test
    void everyInstantOfOneStep_hasTheStepsCode_andTheNextStepAnother() {
        Instant stepStart = Instant.ofEpochSecond(37_037_037L * TotpAlgorithm.STEP_SECONDS);
        String code = totp.code(RFC_SECRET, stepStart);

        assertThat(totp.code(RFC_SECRET, stepStart.plusMillis(1))).isEqualTo(code);
        assertThat(totp.code(RFC_SECRET, stepStart.plusSeconds(29).plusNanos(999_999_999))).isEqualTo(code);
        assertThat(totp.code(RFC_SECRET, stepStart.plusSeconds(30))).isNotEqualTo(code)
                .isEqualTo(ReferenceTotp.code(RFC_SECRET, stepStart.plusSeconds(30)));
    }

    @Test
    void beforeTheEpoch_theStepRoundsDown() {
        Instant oneSecondBefore = Instant.ofEpochSecond(-1);

        assertThat(totp.code(RFC_SECRET, oneSecondBefore))
                .isEqualTo(ReferenceTotp.code(RFC_SECRET, oneSecondBefore))
                .isEqualTo(totp.code(RFC_SECRET, Instant.ofEpochSecond(-30)))
                .isNotEqualTo(totp.code(RFC_SECRET, Instant.EPOCH));
    }

    @Test
    void randomSecretsAndTimes_agreeWithTheReference() {
        Random random = new Random(6238);
        for (int i = 0; i < 1_000; i++) {
            byte[] secret = new byte[i % 4 == 0 ? 20 : 1 + random.nextInt(64)];
            random.nextBytes(secret);
            Instant at = Instant.ofEpochSecond(random.nextLong() % 100_000_000_000L, random.nextInt(1_000_000_000));

            assertThat(totp.code(secret, at)).as("secret #%d at %s", i, at).isEqualTo(ReferenceTotp.code(secret, at));
        }
    }

    @Test
    void concurrentCallers_eachGetTheRightCodes() throws Exception {
        Random random = new Random(4226);
        int threads = 8;
        List<List<Object[]>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Object[]> cases = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                byte[] secret = new byte[20];
                random.nextBytes(secret);
                Instant at = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1_000_000_000));
                cases.add(new Object[] {secret, at, ReferenceTotp.code(secret, at)});
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
                        wrong += totp.code((byte[]) c[0], (Instant) c[1]).equals(c[2]) ? 0 : 1;
                    }
                    return wrong;
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get(5, TimeUnit.MINUTES)).as("wrong codes of one thread").isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSecret_isLeftAsGiven() {
        byte[] secret = RFC_SECRET.clone();

        totp.code(secret, Instant.ofEpochSecond(59));

        assertThat(secret).isEqualTo(RFC_SECRET);
    }
}

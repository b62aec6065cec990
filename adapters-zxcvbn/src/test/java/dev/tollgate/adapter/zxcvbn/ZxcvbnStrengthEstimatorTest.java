package dev.tollgate.adapter.zxcvbn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.tollgate.port.spi.password.StrengthEstimate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZxcvbnStrengthEstimatorTest {

    private static final ZxcvbnStrengthEstimator ESTIMATOR = ZxcvbnStrengthEstimator.withDefaults();

    @ParameterizedTest
    @ValueSource(strings = {"password", "123456", "qwerty", "iloveyou", "Password", "QWERTY", "trustno1"})
    void aCommonPassword_isCommon_andScoresLow(String password) {
        StrengthEstimate estimate = ESTIMATOR.estimate(password, List.of());

        assertThat(estimate.common()).isTrue();
        assertThat(estimate.score()).isLessThanOrEqualTo(1);
    }

    @Test
    void aLongRandomPassphrase_isStrong_andNotCommon() {
        StrengthEstimate estimate = ESTIMATOR.estimate("correct horse battery staple violet", List.of());

        assertThat(estimate.score()).isGreaterThanOrEqualTo(3);
        assertThat(estimate.common()).isFalse();
    }

    @Test
    void aWordOfTheUser_lowersTheScore() {
        int alone = ESTIMATOR.estimate("zorgblat2024!", List.of()).score();
        int withUserInput = ESTIMATOR.estimate("zorgblat2024!", List.of("Zorgblat")).score();

        assertThat(withUserInput).isLessThan(alone);
    }

    @Test
    void theUsersNames_lowerTheScoreOfAPasswordMadeOfThem() {
        int alone = ESTIMATOR.estimate("zbigniewkowalczyk", List.of()).score();
        int withUserInputs = ESTIMATOR.estimate("zbigniewkowalczyk", List.of(" zbigniew ", "KOWALCZYK", "")).score();

        assertThat(withUserInputs).isLessThan(alone);
    }

    @Test
    void blankAndNullUserInputs_areIgnored() {
        StrengthEstimate estimate = ESTIMATOR.estimate("correct horse battery staple violet", Arrays.asList(null, "", "   "));

        assertThat(estimate).isEqualTo(ESTIMATOR.estimate("correct horse battery staple violet", List.of()));
    }

    @Test
    void aPasswordBeyondTheRankLimit_isNotCommon() {
        ZxcvbnStrengthEstimator topTen = ZxcvbnStrengthEstimator.withCommonRankLimit(10);

        assertThat(topTen.estimate("password", List.of()).common()).isTrue();
        assertThat(topTen.estimate("iloveyou", List.of()).common()).isFalse();
        assertThat(topTen.commonPasswordCount()).isEqualTo(10);
    }

    @Test
    void aRankLimitBeyondTheList_takesTheWholeList() {
        assertThat(ZxcvbnStrengthEstimator.withCommonRankLimit(Integer.MAX_VALUE).commonPasswordCount())
                .isGreaterThan(ESTIMATOR.commonPasswordCount())
                .isLessThan(Integer.MAX_VALUE);
        assertThat(ESTIMATOR.commonPasswordCount()).isEqualTo(ZxcvbnStrengthEstimator.DEFAULT_COMMON_RANK_LIMIT);
    }

    @Test
    void aRankLimitBelowOne_isRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ZxcvbnStrengthEstimator.withCommonRankLimit(0))
                .withMessageContaining("commonRankLimit");
    }

    @Test
    void aPasswordOf128CodePoints_isEstimated() {
        String password = randomLetters(new Random(7), 120) + "\ud83d\udd11".repeat(8);
        assertThat(password.codePointCount(0, password.length())).isEqualTo(128);

        StrengthEstimate estimate = ESTIMATOR.estimate(password, List.of("alice"));

        assertThat(estimate.score()).isEqualTo(4);
        assertThat(estimate.common()).isFalse();
    }

    @Test
    void aLongRepetitivePassword_isEstimated() {
        StrengthEstimate estimate = ESTIMATOR.estimate("1a".repeat(1_000), List.of());

        assertThat(estimate.common()).isFalse();
        assertThat(estimate.score()).isBetween(0, 4);
    }

    @Test
    void concurrentEstimates_equalSequentialOnes() throws Exception {
        Random random = new Random(42);
        List<String> passwords = new ArrayList<>(List.of("password", "zorgblat2024!", "correct horse battery staple violet",
                "Tr0ub4dour&3", "qwertyuiop", "zbigniewkowalczyk"));
        for (int i = 0; i < 26; i++) {
            passwords.add(randomLetters(random, 4 + i));
        }
        List<String> userInputs = List.of("zorgblat", "zbigniew");
        List<StrengthEstimate> sequential = passwords.stream().map(password -> ESTIMATOR.estimate(password, userInputs)).toList();

        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<StrengthEstimate>> concurrent = passwords.stream()
                    .map(password -> threads.submit(() -> ESTIMATOR.estimate(password, userInputs)))
                    .toList();
            for (int i = 0; i < passwords.size(); i++) {
                assertThat(concurrent.get(i).get(60, TimeUnit.SECONDS)).as(passwords.get(i)).isEqualTo(sequential.get(i));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static String randomLetters(Random random, int length) {
        StringBuilder letters = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        return letters.toString();
    }
}

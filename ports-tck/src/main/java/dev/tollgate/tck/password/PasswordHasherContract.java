package dev.tollgate.tck.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.port.spi.password.PasswordCheck;
import dev.tollgate.port.spi.password.PasswordHasher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every {@link PasswordHasher} keeps. Extend it in the implementation's tests and
 * answer {@link #hasher()}; configure the hasher cheaply, since the contract hashes many times.
 */
public abstract class PasswordHasherContract {

    private static final int THREADS = 8;
    private static final long TIMEOUT_SECONDS = 60;

    /** The hasher under test, configured with its current parameters. */
    protected abstract PasswordHasher hasher();

    @Test
    void aPasswordMatchesItsOwnHash() {
        PasswordHasher hasher = hasher();

        String encoded = hasher.hash("correct horse battery staple");

        assertThat(hasher.verify("correct horse battery staple", encoded)).isEqualTo(PasswordCheck.MATCH);
    }

    @Test
    void anotherPasswordDoesNotMatch() {
        PasswordHasher hasher = hasher();

        String encoded = hasher.hash("correct horse battery staple");

        assertThat(hasher.verify("correct horse battery stapler", encoded)).isEqualTo(PasswordCheck.MISMATCH);
        assertThat(hasher.verify("Correct horse battery staple", encoded)).isEqualTo(PasswordCheck.MISMATCH);
        assertThat(hasher.verify("", encoded)).isEqualTo(PasswordCheck.MISMATCH);
    }

    @Test
    void aPasswordWithAnUnpairedSurrogate_cannotBeHashed() {
        PasswordHasher hasher = hasher();

        assertThatThrownBy(() -> hasher.hash("pass\uD800word")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> hasher.hash("trailing-low-\uDC00")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPasswordWithAnUnpairedSurrogate_matchesNoHash_notEvenThatOfItsReplacement() {
        PasswordHasher hasher = hasher();
        String replaced = hasher.hash("pass?word");

        assertThat(hasher.verify("pass\uD800word", replaced)).isEqualTo(PasswordCheck.MISMATCH);
        assertThat(hasher.verify("pass\uDBFFword", replaced)).isEqualTo(PasswordCheck.MISMATCH);
        assertThat(hasher.verify("pass?word", replaced)).isEqualTo(PasswordCheck.MATCH);
        assertThat(hasher.verify("pass\uD83D\uDE00word", hasher.hash("pass\uD83D\uDE00word")))
                .as("a surrogate pair is a character like any other").isEqualTo(PasswordCheck.MATCH);
    }

    @Test
    void theEmptyPasswordRoundTrips() {
        PasswordHasher hasher = hasher();

        assertThat(hasher.verify("", hasher.hash(""))).isEqualTo(PasswordCheck.MATCH);
    }

    @Test
    void hashesAreSalted_twoHashesOfOnePasswordDiffer() {
        PasswordHasher hasher = hasher();

        String first = hasher.hash("hunter2");
        String second = hasher.hash("hunter2");

        assertThat(first).isNotEqualTo(second).doesNotContain("hunter2");
        assertThat(hasher.verify("hunter2", first)).isEqualTo(PasswordCheck.MATCH);
        assertThat(hasher.verify("hunter2", second)).isEqualTo(PasswordCheck.MATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "garbage", "$", "$$$$", "hunter2", "$argon2id$v=19$m=abc", "$2b$04$short",
            "$test$v=1$AAAA$AAAA", "\u0000", "$argon2id$v=19$m=1024,t=1,p=1$\u00e9\u00e9\u00e9$\u00e9\u00e9\u00e9"})
    void anEncodingTheHasherDoesNotUnderstand_isAMismatch_notAnException(String encoded) {
        assertThat(hasher().verify("hunter2", encoded)).isEqualTo(PasswordCheck.MISMATCH);
    }

    @Test
    void aTruncatedHash_isAMismatch_notAnException() {
        PasswordHasher hasher = hasher();
        String encoded = hasher.hash("hunter2");

        for (int length = 0; length < encoded.length(); length += Math.max(1, encoded.length() / 16)) {
            assertThat(hasher.verify("hunter2", encoded.substring(0, length)))
                    .as("verifying against the first %d characters of %s", length, encoded)
                    .isEqualTo(PasswordCheck.MISMATCH);
        }
    }

    @Test
    void aLongUnicodePasswordRoundTrips_andDiffersFromItsPrefix() {
        PasswordHasher hasher = hasher();
        String password = unicodePassword(128);
        assertThat(password.codePointCount(0, password.length())).isEqualTo(128);

        String encoded = hasher.hash(password);

        assertThat(hasher.verify(password, encoded)).isEqualTo(PasswordCheck.MATCH);
        String shorter = password.substring(0, password.offsetByCodePoints(0, 127));
        assertThat(hasher.verify(shorter, encoded)).isEqualTo(PasswordCheck.MISMATCH);
    }

    @Test
    void concurrentHashingAndVerifying_givesEveryThreadTheRightAnswers() throws Exception {
        PasswordHasher hasher = hasher();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < THREADS * 4; i++) {
                int index = i;
                outcomes.add(threads.submit(() -> {
                    String password = "password of thread " + index + " \u00e9\ud83d\udd11";
                    String encoded = hasher.hash(password);
                    PasswordCheck own = hasher.verify(password, encoded);
                    PasswordCheck other = hasher.verify("password of thread " + (index + 1), encoded);
                    return own == PasswordCheck.MATCH && other == PasswordCheck.MISMATCH
                            ? "" : "call " + index + ": own " + own + ", other " + other;
                }));
            }
            for (Future<String> outcome : outcomes) {
                assertThat(outcome.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEmpty();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** {@code codePoints} code points cycling through Latin, Greek, CJK and emoji, mixing 1 to 4 UTF-8 bytes. */
    protected static String unicodePassword(int codePoints) {
        int[] alphabet = {'a', 'Z', '7', '\u00e9', '\u03a9', '\u4e2d', '\u6587', 0x1F600, 0x1F511, 0x10348};
        return IntStream.range(0, codePoints)
                .map(i -> alphabet[i % alphabet.length])
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }
}

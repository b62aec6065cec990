package dev.tollgate.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.tck.support.SeededRandomSource;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretsTest {

    private final Secrets secrets = new Secrets(new SeededRandomSource(11), "a-test-digest-key".getBytes(StandardCharsets.UTF_8));

    @Test
    void tokens_are43Base64UrlCharacters_andDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = secrets.newToken();
            assertThat(token).matches("[A-Za-z0-9_-]{43}");
            assertThat(seen.add(token)).isTrue();
        }
    }

    @Test
    void codes_haveExactlyTheDigitsAsked_withLeadingZerosKept_andCoverEveryDigit() {
        int[] firstDigits = new int[10];
        for (int i = 0; i < 5000; i++) {
            String code = secrets.newCode(6);
            assertThat(code).matches("[0-9]{6}");
            firstDigits[code.charAt(0) - '0']++;
        }
        // uniform: each leading digit about 500 times; zero must not be missing or rare
        for (int count : firstDigits) {
            assertThat(count).isBetween(380, 620);
        }
    }

    @Test
    void digests_dependOnContextSecretAndKey() {
        String digest = secrets.digest("session-access", "token");
        Secrets otherKey = new Secrets(new SeededRandomSource(11), "another-digest-key".getBytes(StandardCharsets.UTF_8));

        assertThat(digest).matches("[0-9a-f]{64}").isEqualTo(secrets.digest("session-access", "token"));
        assertThat(secrets.digest("session-refresh", "token")).isNotEqualTo(digest);
        assertThat(secrets.digest("session-access", "token2")).isNotEqualTo(digest);
        assertThat(otherKey.digest("session-access", "token")).isNotEqualTo(digest);
    }

    @Test
    void shortDigestKeys_areRefused() {
        assertThatThrownBy(() -> new Secrets(new SeededRandomSource(1), new byte[15]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 bytes");
    }
}

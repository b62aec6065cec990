package dev.tollgate.tck.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.port.spi.password.PasswordCheck;
import org.junit.jupiter.api.Test;

class FastTestPasswordHasherTest {

    private final FastTestPasswordHasher hasher = new FastTestPasswordHasher(new SeededRandomSource(7));

    @Test
    void aHash_isEncodedWithItsVersionSaltAndHash_andNeverHoldsThePassword() {
        String hash = hasher.hash("correct horse");

        assertThat(hash).matches("\\$test\\$v=1\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+").doesNotContain("correct horse");
    }

    @Test
    void theRightPassword_matches() {
        assertThat(hasher.verify("correct horse", hasher.hash("correct horse"))).isEqualTo(PasswordCheck.MATCH);
    }

    @Test
    void aWrongPassword_mismatches() {
        assertThat(hasher.verify("Correct horse", hasher.hash("correct horse"))).isEqualTo(PasswordCheck.MISMATCH);
    }

    @Test
    void hashesOfOnePassword_differ_byTheirSalt() {
        String first = hasher.hash("correct horse");
        String second = hasher.hash("correct horse");

        assertThat(first).isNotEqualTo(second);
        assertThat(hasher.verify("correct horse", second)).isEqualTo(PasswordCheck.MATCH);
    }

    @Test
    void theSameSeed_givesTheSameHashes() {
        FastTestPasswordHasher twin = new FastTestPasswordHasher(new SeededRandomSource(7));

        assertThat(twin.hash("correct horse")).isEqualTo(hasher.hash("correct horse"));
    }

    @Test
    void aHashOfAnotherVersion_matchesButNeedsARehash() {
        String old = hasher.hash("correct horse");
        FastTestPasswordHasher upgraded = hasher.withCurrentVersion(2);

        assertThat(upgraded.verify("correct horse", old)).isEqualTo(PasswordCheck.MATCH_NEEDS_REHASH);
        assertThat(upgraded.verify("wrong", old)).isEqualTo(PasswordCheck.MISMATCH);
        assertThat(upgraded.verify("correct horse", upgraded.hash("correct horse"))).isEqualTo(PasswordCheck.MATCH);
    }

    @Test
    void aHashWhoseVersionWasEdited_mismatches() {
        String forged = hasher.hash("correct horse").replace("$v=1$", "$v=2$");

        assertThat(hasher.withCurrentVersion(2).verify("correct horse", forged)).isEqualTo(PasswordCheck.MISMATCH);
    }

    @Test
    void encodingsItDoesNotUnderstand_mismatch() {
        assertThat(hasher.verify("pw", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA")).isEqualTo(PasswordCheck.MISMATCH);
        assertThat(hasher.verify("pw", "$test$v=1$not base64!$x")).isEqualTo(PasswordCheck.MISMATCH);
        assertThat(hasher.verify("pw", "$test$v=1$c2FsdA")).isEqualTo(PasswordCheck.MISMATCH);
        assertThat(hasher.verify("pw", "pw")).isEqualTo(PasswordCheck.MISMATCH);
        assertThat(hasher.verify("pw", "")).isEqualTo(PasswordCheck.MISMATCH);
        assertThat(hasher.verify("pw", null)).isEqualTo(PasswordCheck.MISMATCH);
    }

    @Test
    void aVersionBelowOne_isRefused() {
        assertThatThrownBy(() -> hasher.withCurrentVersion(0)).isInstanceOf(IllegalArgumentException.class);
    }
}

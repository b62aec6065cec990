package dev.tollgate.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;
import de.mkammerer.argon2.Argon2Version;
import dev.tollgate.port.spi.password.PasswordCheck;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class Argon2idPasswordHasherTest {

    private static final Argon2Parameters SMALL = Argon2Parameters.DEFAULTS.withMemoryKib(1024).withIterations(1);
    private static final Argon2idPasswordHasher HASHER = Argon2idPasswordHasher.with(SMALL);

    @Test
    void aPasswordRoundTrips() {
        String encoded = HASHER.hash("correct horse battery staple");

        assertThat(HASHER.verify("correct horse battery staple", encoded)).isEqualTo(PasswordCheck.MATCH);
    }

    @Test
    void aWrongPasswordIsAMismatch() {
        String encoded = HASHER.hash("correct horse battery staple");

        assertThat(HASHER.verify("correct horse battery stapler", encoded)).isEqualTo(PasswordCheck.MISMATCH);
    }

    @Test
    void twoHashesOfOnePasswordDiffer_becauseOfTheSalt() {
        assertThat(HASHER.hash("hunter2")).isNotEqualTo(HASHER.hash("hunter2"));
    }

    @Test
    void theSaltComesFromTheRandomSource() {
        Argon2idPasswordHasher zeroSalted = Argon2idPasswordHasher.with(SMALL, bytes -> Arrays.fill(bytes, (byte) 0));

        String encoded = zeroSalted.hash("hunter2");

        assertThat(encoded).contains("$AAAAAAAAAAAAAAAAAAAAAA$").isEqualTo(zeroSalted.hash("hunter2"));
    }

    @Test
    void theHashIsPhcEncodedWithTheConfiguredParameters() {
        Argon2idPasswordHasher hasher = Argon2idPasswordHasher.with(SMALL.withMemoryKib(2048).withParallelism(2).withHashLength(24));

        assertThat(hasher.hash("hunter2"))
                .matches("\\$argon2id\\$v=19\\$m=2048,t=1,p=2\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{32}");
    }

    @Test
    void theDefaultsHashWithOwaspParameters() {
        Argon2idPasswordHasher hasher = Argon2idPasswordHasher.withDefaults();

        String encoded = hasher.hash("correct horse battery staple");

        assertThat(encoded).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.verify("correct horse battery staple", encoded)).isEqualTo(PasswordCheck.MATCH);
    }

    @Test
    void givenAHashWithOtherParameters_theRightPassword_needsARehash() {
        String old = HASHER.hash("hunter2");

        for (Argon2Parameters current : new Argon2Parameters[] {
                SMALL.withMemoryKib(2048), SMALL.withIterations(2), SMALL.withParallelism(2),
                SMALL.withSaltLength(32), SMALL.withHashLength(64)}) {
            Argon2idPasswordHasher upgraded = Argon2idPasswordHasher.with(current);
            assertThat(upgraded.verify("hunter2", old)).as("verified with %s", current).isEqualTo(PasswordCheck.MATCH_NEEDS_REHASH);
            assertThat(upgraded.verify("hunter3", old)).as("verified with %s", current).isEqualTo(PasswordCheck.MISMATCH);
        }
    }

    @Test
    void givenAnArgon2Version10Hash_theRightPassword_needsARehash() {
        String version10 = Argon2Factory.createAdvanced(Argon2Types.ARGON2id)
                .hashAdvanced(1, 1024, 1, bytes("hunter2"), new byte[16], 32, Argon2Version.V10).getEncoded();
        assertThat(version10).startsWith("$argon2id$v=16$");

        assertThat(HASHER.verify("hunter2", version10)).isEqualTo(PasswordCheck.MATCH_NEEDS_REHASH);
        assertThat(HASHER.verify("hunter3", version10)).isEqualTo(PasswordCheck.MISMATCH);
    }

    @ParameterizedTest
    @EnumSource(names = {"ARGON2i", "ARGON2d"})
    void givenAnotherArgon2Variant_theRightPassword_needsARehash(Argon2Types variant) {
        String legacy = Argon2Factory.create(variant).hash(1, 1024, 1, "hunter2".toCharArray(), StandardCharsets.UTF_8);

        assertThat(HASHER.verify("hunter2", legacy)).isEqualTo(PasswordCheck.MATCH_NEEDS_REHASH);
        assertThat(HASHER.verify("hunter3", legacy)).isEqualTo(PasswordCheck.MISMATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2a", "2b", "2y"})
    void givenALegacyBcryptHash_theRightPassword_needsARehash(String bcryptVersion) {
        byte[] salt = new byte[16];
        Arrays.fill(salt, (byte) 42);
        String bcrypt = OpenBSDBCrypt.generate(bcryptVersion, "hunter2 \u00e9\ud83d\udd11".toCharArray(), salt, 4);
        assertThat(bcrypt).startsWith("$" + bcryptVersion + "$04$");

        assertThat(HASHER.verify("hunter2 \u00e9\ud83d\udd11", bcrypt)).isEqualTo(PasswordCheck.MATCH_NEEDS_REHASH);
        assertThat(HASHER.verify("hunter2", bcrypt)).isEqualTo(PasswordCheck.MISMATCH);
    }

    @Test
    void theOpenwallBcryptVector_needsARehash() {
        String openwallVector = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";

        assertThat(HASHER.verify("U*U", openwallVector)).isEqualTo(PasswordCheck.MATCH_NEEDS_REHASH);
        assertThat(HASHER.verify("U*U*", openwallVector)).isEqualTo(PasswordCheck.MISMATCH);
    }

    @Test
    void bcryptVariantsOtherThan2a2b2y_areMismatches() {
        assertThat(HASHER.verify("U*U", "$2x$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"))
                .isEqualTo(PasswordCheck.MISMATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "$argon2id$v=19$m=abc", "$argon2id$v=19$m=1024,t=1,p=1",
            "$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0", "$argon2id$v=19$m=99999999999,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaA",
            "$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0$a", "$argon2x$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2g",
            "$2b$04$", "$2b$99$......................CZJXs39HZ6odvxM3EvHl/Fh/PsT/WM6", "$2b$04$!!!!", "$scrypt$ln=16,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E"})
    void aMalformedOrUnknownHash_isAMismatch_notAnException(String encoded) {
        assertThat(HASHER.verify("hunter2", encoded)).isEqualTo(PasswordCheck.MISMATCH);
    }

    @Test
    void everyTruncationOfAHash_isAMismatch() {
        String encoded = HASHER.hash("hunter2");

        for (int length = 0; length < encoded.length(); length++) {
            assertThat(HASHER.verify("hunter2", encoded.substring(0, length))).as("first %d characters", length)
                    .isEqualTo(PasswordCheck.MISMATCH);
        }
    }

    @Test
    void aNullHash_isAMismatch() {
        assertThat(HASHER.verify("hunter2", null)).isEqualTo(PasswordCheck.MISMATCH);
    }

    @Test
    void aNullPassword_isAProgrammingError() {
        assertThatNullPointerException().isThrownBy(() -> HASHER.hash(null));
        assertThatNullPointerException().isThrownBy(() -> HASHER.verify(null, HASHER.hash("hunter2")));
    }

    @Test
    void composedAndDecomposedFormsAreDifferentPasswords_nothingIsNormalised() {
        String composed = Normalizer.normalize("caf\u00e9", Normalizer.Form.NFC);
        String decomposed = Normalizer.normalize("caf\u00e9", Normalizer.Form.NFD);
        assertThat(composed).isNotEqualTo(decomposed);

        String encoded = HASHER.hash(composed);

        assertThat(HASHER.verify(composed, encoded)).isEqualTo(PasswordCheck.MATCH);
        assertThat(HASHER.verify(decomposed, encoded)).isEqualTo(PasswordCheck.MISMATCH);
    }

    @Test
    void anEmojiPasswordRoundTrips() {
        String encoded = HASHER.hash("\ud83d\udd11\ud83d\udc08\u200d\u2b1b\ud83c\udff3\ufe0f\u200d\ud83c\udf08");

        assertThat(HASHER.verify("\ud83d\udd11\ud83d\udc08\u200d\u2b1b\ud83c\udff3\ufe0f\u200d\ud83c\udf08", encoded))
                .isEqualTo(PasswordCheck.MATCH);
        assertThat(HASHER.verify("\ud83d\udd11\ud83d\udc08", encoded)).isEqualTo(PasswordCheck.MISMATCH);
    }

    @Test
    void aPasswordOf128CodePointsRoundTrips() {
        String password = "\ud83d\ude00\u00e9a\u4e2d".repeat(32);
        assertThat(password.codePointCount(0, password.length())).isEqualTo(128);

        String encoded = HASHER.hash(password);

        assertThat(HASHER.verify(password, encoded)).isEqualTo(PasswordCheck.MATCH);
        assertThat(HASHER.verify(password.substring(0, password.length() - 1), encoded)).isEqualTo(PasswordCheck.MISMATCH);
    }

    private static byte[] bytes(String password) {
        return password.getBytes(StandardCharsets.UTF_8);
    }
}

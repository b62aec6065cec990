package dev.tollgate.core.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Base32Test {

    /** RFC 4648 section 10's vectors, without their padding. */
    @ParameterizedTest
    @CsvSource({"'',''", "f,MY", "fo,MZXQ", "foo,MZXW6", "foob,MZXW6YQ", "fooba,MZXW6YTB", "foobar,MZXW6YTBOI"})
    void encodesTheRfc4648Vectors(String data, String encoded) {
        assertThat(Base32.encode(data.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
    }

    @ParameterizedTest
    @CsvSource({"12345678901234567890,GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"})
    void encodesTheRfc6238TestSecret(String secret, String encoded) {
        assertThat(Base32.encode(secret.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
    }
}

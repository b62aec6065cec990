package dev.tollgate.tck.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeededRandomSourceTest {

    private static byte[] firstBytes(SeededRandomSource random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return bytes;
    }

    @Test
    void theSameSeed_givesTheSameBytes() {
        assertThat(firstBytes(new SeededRandomSource(42))).isEqualTo(firstBytes(new SeededRandomSource(42)));
    }

    @Test
    void anotherSeed_givesOtherBytes() {
        assertThat(firstBytes(new SeededRandomSource(42))).isNotEqualTo(firstBytes(new SeededRandomSource(43)));
    }

    @Test
    void successiveCalls_giveOtherBytes() {
        SeededRandomSource random = new SeededRandomSource(42);

        assertThat(firstBytes(random)).isNotEqualTo(firstBytes(random));
    }
}

package dev.tollgate.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class Argon2ParametersTest {

    @Test
    void defaultsFollowOwasp() {
        assertThat(Argon2Parameters.DEFAULTS).isEqualTo(new Argon2Parameters(19_456, 2, 1, 16, 32));
    }

    @Test
    void withersChangeOneParameter() {
        Argon2Parameters changed = Argon2Parameters.DEFAULTS.withMemoryKib(1024).withIterations(3).withParallelism(2)
                .withSaltLength(24).withHashLength(64);

        assertThat(changed).isEqualTo(new Argon2Parameters(1024, 3, 2, 24, 64));
    }

    @Test
    void theSpecificationsMinimumsAreAccepted() {
        assertThat(new Argon2Parameters(16, 1, 2, 8, 4).memoryKib()).isEqualTo(16);
    }

    @Test
    void lessThanEightKibPerLane_isRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Argon2Parameters(15, 1, 2, 16, 32))
                .withMessageContaining("memoryKib");
    }

    @Test
    void valuesBelowTheMinimums_areRefused_namingTheParameter() {
        assertThatIllegalArgumentException().isThrownBy(() -> Argon2Parameters.DEFAULTS.withIterations(0))
                .withMessageContaining("iterations");
        assertThatIllegalArgumentException().isThrownBy(() -> Argon2Parameters.DEFAULTS.withParallelism(0))
                .withMessageContaining("parallelism");
        assertThatIllegalArgumentException().isThrownBy(() -> Argon2Parameters.DEFAULTS.withSaltLength(7))
                .withMessageContaining("saltLength");
        assertThatIllegalArgumentException().isThrownBy(() -> Argon2Parameters.DEFAULTS.withHashLength(3))
                .withMessageContaining("hashLength");
    }
}

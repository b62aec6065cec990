package dev.tollgate.port.spi.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CounterKeyTest {

    @Test
    void keysOfOneTo200Characters_areCounterKeys_comparedInFull() {
        String longest = "k".repeat(CounterKey.MAX_LENGTH - 1);

        assertThat(CounterKey.of("x").value()).isEqualTo("x");
        assertThat(CounterKey.of(longest + "a")).isNotEqualTo(CounterKey.of(longest + "b"));
        assertThat(CounterKey.of("throttle:login")).isEqualTo(new CounterKey("throttle:login")).hasToString("throttle:login");
    }

    @Test
    void anEmptyKey_aLongerOne_andNull_areRefused() {
        assertThatThrownBy(() -> CounterKey.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CounterKey.of("k".repeat(CounterKey.MAX_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 200");
        assertThatThrownBy(() -> CounterKey.of(null)).isInstanceOf(NullPointerException.class);
    }
}

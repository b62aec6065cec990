package dev.tollgate.port.spi.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AcquisitionTest {

    private static final Instant END = Instant.parse("2026-01-01T01:00:00Z");

    @Test
    void granted_andRefused_carryTheWindowsCountAndEnd() {
        assertThat(Acquisition.granted(1, END)).isEqualTo(new Acquisition(Acquisition.Kind.GRANTED, 1, END));
        assertThat(Acquisition.granted(1, END).isGranted()).isTrue();
        assertThat(Acquisition.refused(3, END).isGranted()).isFalse();
        assertThat(Acquisition.refused(3, END).count()).isEqualTo(3);
    }

    @Test
    void aWindowCountsAtLeastOneCall() {
        assertThatThrownBy(() -> Acquisition.granted(0, END)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Acquisition.refused(0, END)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Acquisition.granted(1, null)).isInstanceOf(NullPointerException.class);
    }
}

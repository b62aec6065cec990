package dev.tollgate.port.spi.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConsumptionTest {

    private static final MeterBalance BALANCE = new MeterBalance(Instant.EPOCH, 3, 4);

    @Test
    void eachOutcome_carriesTheBalanceAfterIt() {
        assertThat(Consumption.taken(BALANCE)).isEqualTo(new Consumption(Consumption.Kind.TAKEN, BALANCE));
        assertThat(Consumption.taken(BALANCE).isTaken()).isTrue();
        assertThat(Consumption.insufficient(BALANCE).isTaken()).isFalse();
        assertThat(Consumption.insufficient(BALANCE).balance()).isEqualTo(BALANCE);
    }

    @Test
    void aConsumption_needsItsKindAndBalance() {
        assertThatThrownBy(() -> new Consumption(null, BALANCE)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Consumption.taken(null)).isInstanceOf(NullPointerException.class);
    }
}

package dev.tollgate.port.spi.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MeterNameTest {

    @Test
    void namesOfOneToSixtyFourCharacters_ofAnyKind_areMeterNames() {
        assertThat(MeterName.of("c").value()).isEqualTo("c");
        assertThat(MeterName.of("m".repeat(MeterName.MAX_LENGTH)).value()).hasSize(64);
        assertThat(MeterName.of("spaces and\ttabs \ud83d\ude00").value()).isEqualTo("spaces and\ttabs \ud83d\ude00");
    }

    @Test
    void anEmptyName_aLongerOne_andNull_areRefused() {
        assertThatThrownBy(() -> MeterName.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MeterName.of("m".repeat(MeterName.MAX_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 64");
        assertThatThrownBy(() -> MeterName.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void names_compareExactly() {
        assertThat(MeterName.of("credits")).isEqualTo(new MeterName("credits")).isNotEqualTo(MeterName.of("Credits"));
        assertThat(MeterName.of("credits")).hasToString("credits");
    }

    @Test
    void aUsageEvent_takesTheSameMeterNames() {
        UserRef user = UserRef.of(TenantId.DEFAULT, new UserId(UUID.randomUUID()));
        ApiKeyId key = new ApiKeyId(UUID.randomUUID());

        assertThat(new UsageEvent(user, key, "m".repeat(64), 1, UsageEvent.GRANTED, Instant.EPOCH).meter()).hasSize(64);
        assertThatThrownBy(() -> new UsageEvent(user, key, "m".repeat(65), 1, UsageEvent.GRANTED, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UsageEvent(user, key, "", 1, UsageEvent.GRANTED, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

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

    @Test
    void order_isTheOrderOfUtf8Bytes_notOfUtf16Units() {
        String emoji = "\ud83d\ude00"; // U+1F600: surrogates D83D DE00 in UTF-16, F0 9F 98 80 in UTF-8
        String privateUse = "\uf8ff"; // U+F8FF: EF A3 BF in UTF-8

        assertThat(emoji.compareTo(privateUse)).as("String.compareTo puts the emoji first").isNegative();
        assertThat(MeterName.ORDER.compare(emoji, privateUse)).isPositive();
        assertThat(MeterName.ORDER.compare("credits", "credits_2")).isNegative();
        assertThat(MeterName.ORDER.compare("b", "a")).isPositive();
        assertThat(MeterName.ORDER.compare("same", "same")).isZero();
        assertThat(java.util.stream.Stream.of("z", emoji, "a", privateUse).sorted(MeterName.ORDER).toList())
                .containsExactly("a", "z", privateUse, emoji);
    }
}

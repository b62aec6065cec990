package dev.tollgate.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.settings.Plan;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.CounterKey;
import dev.tollgate.port.spi.limit.WindowLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyRateLimitTest {

    private static final UserRef OWNER = UserRef.of(TenantId.of("acme"), new UserId(UUID.randomUUID()));
    private static final ApiKeyId KEY = new ApiKeyId(UUID.fromString("0190a1b2-0000-7000-8000-000000000001"));
    private static final Plan.RateLimit PLANNED = new Plan.RateLimit(60, Duration.ofMinutes(1));

    @Test
    void thePlansRateLimit_appliesToEachKey_inACounterOfItsTenantAndKey() {
        KeyRateLimit limit = KeyRateLimit.of(OWNER, KEY, PLANNED, null);

        assertThat(limit.counter()).isEqualTo(CounterKey.of("key-rate:acme:0190a1b2-0000-7000-8000-000000000001"));
        assertThat(limit.limit()).isEqualTo(WindowLimit.of(60, Duration.ofMinutes(1)));
    }

    @Test
    void anOverride_replacesTheRequests_butNotTheWindow() {
        assertThat(KeyRateLimit.of(OWNER, KEY, PLANNED, 5).limit()).isEqualTo(WindowLimit.of(5, Duration.ofMinutes(1)));
    }

    @Test
    void theSameKeyIdInAnotherTenant_countsApart() {
        UserRef elsewhere = UserRef.of(TenantId.DEFAULT, OWNER.id());

        assertThat(KeyRateLimit.of(elsewhere, KEY, PLANNED, null).counter())
                .isNotEqualTo(KeyRateLimit.of(OWNER, KEY, PLANNED, null).counter());
    }

    @Test
    void theRemainder_isWhatTheWindowHasLeft_neverBelowZero() {
        KeyRateLimit limit = KeyRateLimit.of(OWNER, KEY, PLANNED, 3);
        Instant end = Instant.parse("2026-01-01T00:01:00Z");

        assertThat(limit.remaining(Acquisition.granted(1, end))).isEqualTo(2);
        assertThat(limit.remaining(Acquisition.granted(3, end))).isZero();
        assertThat(limit.remaining(Acquisition.refused(5, end))).as("a window counted under a higher limit").isZero();
    }
}

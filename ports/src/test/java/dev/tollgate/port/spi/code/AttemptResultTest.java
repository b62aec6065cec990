package dev.tollgate.port.spi.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.port.Email;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AttemptResultTest {

    private static final OneTimeCode CODE = new OneTimeCode(UserRef.of(TenantId.DEFAULT, new UserId(UUID.randomUUID())),
            CodePurpose.EMAIL_VERIFICATION, Email.of("ada@example.com"), "digest", Instant.EPOCH,
            Instant.EPOCH.plusSeconds(60), 1, 5);

    @Test
    void eachOutcome_carriesOnlyItsData() {
        assertThat(AttemptResult.matched(CODE).code()).isEqualTo(CODE);
        assertThat(AttemptResult.mismatched(3).attemptsLeft()).isEqualTo(3);
        assertThat(AttemptResult.mismatched(0).kind()).isEqualTo(AttemptResult.Kind.MISMATCHED);
        assertThat(AttemptResult.expired()).isEqualTo(AttemptResult.of(AttemptResult.Kind.EXPIRED));
        assertThat(AttemptResult.exhausted().kind()).isEqualTo(AttemptResult.Kind.EXHAUSTED);
        assertThat(AttemptResult.notFound().attemptsLeft()).isZero();
    }

    @Test
    void dataOfAnotherOutcome_isRefused() {
        assertThatThrownBy(() -> new AttemptResult(AttemptResult.Kind.MATCHED, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AttemptResult(AttemptResult.Kind.EXPIRED, 0, CODE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AttemptResult(AttemptResult.Kind.EXPIRED, 2, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AttemptResult.mismatched(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AttemptResult.of(AttemptResult.Kind.MISMATCHED)).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.tollgate.port.spi.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.AccountType;
import dev.tollgate.port.Email;
import dev.tollgate.port.Profile;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.Username;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SuccessfulLoginTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private static final UserRecord USER = new UserRecord(UserRef.of(TenantId.DEFAULT, new UserId(UUID.randomUUID())),
            Username.of("ada"), Email.of("ada@example.com"), null, "hash", AccountStatus.ACTIVE, null,
            Profile.empty(AccountType.PERSONAL), 0, null, NOW, NOW, NOW);

    @Test
    void aRecordedLogin_carriesTheUser_aLockedOne_itsEnd_andNotFound_nothing() {
        assertThat(SuccessfulLogin.recorded(USER).user()).isEqualTo(USER);
        assertThat(SuccessfulLogin.recorded(USER).lockedUntil()).isNull();
        assertThat(SuccessfulLogin.locked(NOW).lockedUntil()).isEqualTo(NOW);
        assertThat(SuccessfulLogin.locked(NOW).user()).isNull();
        assertThat(SuccessfulLogin.notFound()).isEqualTo(new SuccessfulLogin(SuccessfulLogin.Kind.NOT_FOUND, null, null));
    }

    @Test
    void dataOfAnotherOutcome_isRefused() {
        assertThatThrownBy(() -> new SuccessfulLogin(SuccessfulLogin.Kind.RECORDED, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SuccessfulLogin(SuccessfulLogin.Kind.RECORDED, USER, NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SuccessfulLogin(SuccessfulLogin.Kind.LOCKED, USER, NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SuccessfulLogin(SuccessfulLogin.Kind.NOT_FOUND, null, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itsText_namesTheUserByRefOnly() {
        assertThat(SuccessfulLogin.recorded(USER).toString()).contains(USER.ref().toString()).doesNotContain("hash");
    }
}

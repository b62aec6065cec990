package dev.tollgate.port.spi.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailedLoginTest {

    private static final Instant UNTIL = Instant.parse("2026-01-01T11:00:00Z");

    @Test
    void eachOutcome_carriesOnlyItsData() {
        assertThat(FailedLogin.counted(2)).isEqualTo(new FailedLogin(FailedLogin.Kind.COUNTED, 2, null));
        assertThat(FailedLogin.lockedNow(UNTIL)).isEqualTo(new FailedLogin(FailedLogin.Kind.LOCKED_NOW, 0, UNTIL));
        assertThat(FailedLogin.alreadyLocked(0, UNTIL).lockedUntil()).isEqualTo(UNTIL);
        assertThat(FailedLogin.notFound()).isEqualTo(new FailedLogin(FailedLogin.Kind.NOT_FOUND, 0, null));
    }

    @Test
    void aLockWithoutItsEnd_anEndWithoutALock_andCountsThatCannotBe_areRefused() {
        assertThatThrownBy(() -> FailedLogin.lockedNow(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FailedLogin.alreadyLocked(0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FailedLogin(FailedLogin.Kind.COUNTED, 1, UNTIL)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FailedLogin.counted(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FailedLogin(FailedLogin.Kind.NOT_FOUND, 3, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FailedLogin(FailedLogin.Kind.LOCKED_NOW, 1, UNTIL)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FailedLogin.alreadyLocked(-1, UNTIL)).isInstanceOf(IllegalArgumentException.class);
    }
}

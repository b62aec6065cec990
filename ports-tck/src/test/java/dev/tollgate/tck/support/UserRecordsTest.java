package dev.tollgate.tck.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.spi.user.UserRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UserRecordsTest {

    @Test
    void defaults_describeAnActiveUnverifiedUserWithoutFailuresOrLogin() {
        UserRecord user = UserRecords.aUser().build();

        assertThat(user.ref().tenant()).isEqualTo(TenantId.DEFAULT);
        assertThat(user.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(user.emailVerified()).isFalse();
        assertThat(user.failedLogins()).isZero();
        assertThat(user.lockedUntil()).isNull();
        assertThat(user.lastLoginAt()).isNull();
        assertThat(user.createdAt()).isEqualTo(UserRecords.DEFAULT_CREATED_AT);
    }

    @Test
    void everyBuilder_startsWithItsOwnIdUsernameAndEmail() {
        UserRecord first = UserRecords.aUser().build();
        UserRecord second = UserRecords.aUser().build();

        assertThat(first.ref()).isNotEqualTo(second.ref());
        assertThat(first.username().canonical()).isNotEqualTo(second.username().canonical());
        assertThat(first.email()).isNotEqualTo(second.email());
    }

    @Test
    void withMethods_changeOnlyTheirField() {
        Instant locked = Instant.parse("2025-03-01T11:00:00Z");
        UserRecord base = UserRecords.aUser().build();

        UserRecord changed = UserRecords.from(base).withStatus(AccountStatus.SUSPENDED).withLockedUntil(locked).build();

        assertThat(changed.status()).isEqualTo(AccountStatus.SUSPENDED);
        assertThat(changed.lockedUntil()).isEqualTo(locked);
        assertThat(changed).usingRecursiveComparison().ignoringFields("status", "lockedUntil").isEqualTo(base);
    }

    @Test
    void from_copiesEveryField() {
        UserRecord user = UserRecords.aUser().withEmailVerifiedAt(Instant.EPOCH).withStatusReason("why")
                .withPendingEmail(dev.tollgate.port.Email.of("next@example.com")).withFailedLogins(2).withLastLoginAt(Instant.EPOCH).build();

        assertThat(UserRecords.from(user).build()).isEqualTo(user);
    }
}

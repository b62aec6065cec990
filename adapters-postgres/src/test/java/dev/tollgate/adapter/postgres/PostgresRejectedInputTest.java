package dev.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.port.AccountType;
import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.Profile;
import dev.tollgate.port.StoreRejectedInputException;
import dev.tollgate.port.StoreUnavailableException;
import dev.tollgate.port.spi.key.ApiKeyRecord;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.tck.support.UserRecords;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Values PostgreSQL refuses (SQL state class 22, data exception; class 23, integrity
 * constraint violation) are the caller's input, not an outage: the SQL stores answer
 * {@link StoreRejectedInputException}, never {@link StoreUnavailableException}, with a message
 * naming the operation and the SQL state and no bound value. The core refuses such input
 * before it reaches a store; this is what still happens if some does.
 */
class PostgresRejectedInputTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123Z");
    /** A text column of PostgreSQL cannot hold U+0000. */
    private static final String WITH_NUL = "Ada\u0000Lovelace";

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Test
    void aNulCharacterInAProfileField_isRejectedInput_state22021_notAnOutage() {
        UserRecord user = UserRecords.aUser().build();
        DATABASE.stores().users().insert(user);
        Profile profile = new Profile(WITH_NUL, null, List.of(), AccountType.PERSONAL);

        assertThatThrownBy(() -> DATABASE.stores().users().updateProfile(user.ref(), profile, user.updatedAt(),
                T0.plusSeconds(1)))
                .isInstanceOf(StoreRejectedInputException.class)
                .isNotInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("PostgreSQL")
                .hasMessageContaining("update profile")
                .hasMessageContaining("SQL state 22021")
                .satisfies(failure -> assertNoMessageQuotes(failure, "Lovelace"));
        assertThat(DATABASE.stores().users().findById(user.ref())).contains(user);
    }

    @Test
    void anExpiryBeyondWhatTimestamptzHolds_isRejectedInput_state22008_notAnOutage() {
        UserRecord owner = UserRecords.aUser().build();
        // timestamptz ends in the year 294276; an Instant goes on to the year 1,000,000,000
        Instant beyond = Instant.parse("+294277-01-01T00:00:00Z");
        String digest = UUID.randomUUID().toString().replace("-", "");
        ApiKeyRecord key = new ApiKeyRecord(new ApiKeyId(UUID.randomUUID()), owner.ref(), "far future", digest,
                "tg_abcdef", null, false, T0, beyond, null);

        assertThatThrownBy(() -> DATABASE.stores().apiKeys().create(key))
                .isInstanceOf(StoreRejectedInputException.class)
                .hasMessageContaining("create api key")
                .hasMessageContaining("SQL state 22008")
                .satisfies(failure -> assertNoMessageQuotes(failure, digest));
        assertThat(DATABASE.stores().apiKeys().findByDigest(owner.ref().tenant(), digest)).isEmpty();
    }

    @Test
    void aViolatedConstraint_isRejectedInput_state23() {
        UserRecord owner = UserRecords.aUser().build();
        String digest = UUID.randomUUID().toString().replace("-", "");
        DATABASE.stores().apiKeys().create(new ApiKeyRecord(new ApiKeyId(UUID.randomUUID()), owner.ref(), null, digest,
                "tg_abcdef", null, false, T0, null, null));

        assertThatThrownBy(() -> DATABASE.stores().apiKeys().create(new ApiKeyRecord(new ApiKeyId(UUID.randomUUID()),
                owner.ref(), null, digest, "tg_abcdef", null, false, T0, null, null)))
                .isInstanceOf(StoreRejectedInputException.class)
                .hasMessageContaining("SQL state 23505")
                .satisfies(failure -> assertNoMessageQuotes(failure, digest));
    }

    private static void assertNoMessageQuotes(Throwable failure, String value) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).as("message of %s", t.getClass().getName()).doesNotContain(value);
        }
    }
}

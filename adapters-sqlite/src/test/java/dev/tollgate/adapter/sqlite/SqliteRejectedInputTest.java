package dev.tollgate.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.adapter.sql.SqlDatabase;
import dev.tollgate.port.AccountType;
import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.Change;
import dev.tollgate.port.Profile;
import dev.tollgate.port.StoreRejectedInputException;
import dev.tollgate.port.spi.key.ApiKeyRecord;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.tck.support.UserRecords;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What SQLite does with the values PostgreSQL refuses as data exceptions (see
 * {@code PostgresRejectedInputTest}): it holds a NUL character in text and instants beyond the
 * year 9999 (microseconds in an {@code INTEGER}) and gives them back unchanged, so nothing is
 * refused here. An instant beyond what a microsecond {@code long} holds (PostgreSQL's range ends
 * near the same year) and a violated constraint are refused alike:
 * {@link StoreRejectedInputException}.
 */
class SqliteRejectedInputTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123Z");

    @TempDir
    Path directory;
    private SqlDatabase database;

    @BeforeEach
    void open() {
        database = SqliteStores.inDirectory(directory);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aNulCharacterInAProfileField_isStoredAndReadBackUnchanged() {
        UserRecord user = UserRecords.aUser().build();
        database.stores().users().insert(user);
        Profile profile = new Profile("Ada\u0000Lovelace", null, List.of(), AccountType.PERSONAL);

        assertThat(database.stores().users().updateProfile(user.ref(), profile, user.updatedAt(), T0.plusSeconds(1)))
                .isEqualTo(Change.applied());
        assertThat(database.stores().users().findById(user.ref())).hasValueSatisfying(
                found -> assertThat(found.profile().name()).isEqualTo("Ada\u0000Lovelace"));
    }

    @Test
    void anExpiryBeyondTheYear9999_isStoredAndReadBackUnchanged() {
        UserRecord owner = UserRecords.aUser().build();
        Instant beyond = Instant.parse("+10000-01-01T00:00:00Z");
        ApiKeyRecord key = new ApiKeyRecord(new ApiKeyId(UUID.randomUUID()), owner.ref(), null, digest(), "tg_abcdef",
                null, false, T0, beyond, null);

        database.stores().apiKeys().create(key);

        assertThat(database.stores().apiKeys().find(owner.ref(), key.id())).contains(key);
    }

    @Test
    void anExpiryBeyondWhatAnInstantColumnHolds_isRejectedInput_state22008_likeOnPostgres() {
        UserRecord owner = UserRecords.aUser().build();
        ApiKeyRecord key = new ApiKeyRecord(new ApiKeyId(UUID.randomUUID()), owner.ref(), null, digest(), "tg_abcdef",
                null, false, T0, Instant.parse("+294277-01-01T00:00:00Z"), null);

        assertThatThrownBy(() -> database.stores().apiKeys().create(key))
                .isInstanceOf(StoreRejectedInputException.class)
                .hasMessageContaining("create api key")
                .hasMessageContaining("SQL state 22008");
        assertThat(database.stores().apiKeys().find(owner.ref(), key.id())).isEmpty();
    }

    @Test
    void aViolatedConstraint_isRejectedInput_notAnOutage() {
        UserRecord owner = UserRecords.aUser().build();
        String digest = digest();
        database.stores().apiKeys().create(new ApiKeyRecord(new ApiKeyId(UUID.randomUUID()), owner.ref(), null, digest,
                "tg_abcdef", null, false, T0, null, null));

        assertThatThrownBy(() -> database.stores().apiKeys().create(new ApiKeyRecord(new ApiKeyId(UUID.randomUUID()),
                owner.ref(), null, digest, "tg_abcdef", null, false, T0, null, null)))
                .isInstanceOf(StoreRejectedInputException.class)
                .hasMessageContaining("SQLite")
                .hasMessageContaining("create api key")
                .satisfies(failure -> {
                    for (Throwable t = failure; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(digest);
                    }
                });
    }

    private static String digest() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}

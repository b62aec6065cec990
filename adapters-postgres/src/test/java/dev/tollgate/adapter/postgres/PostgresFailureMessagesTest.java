package dev.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.port.SessionId;
import dev.tollgate.port.StoreRejectedInputException;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.session.SessionRecord;
import dev.tollgate.port.spi.session.SessionStore;
import dev.tollgate.tck.support.UserRecords;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A statement PostgreSQL rejects for its values (here a duplicate digest, SQL state 23505)
 * surfaces as {@link StoreRejectedInputException} naming the database and the operation;
 * neither its message nor any cause's repeats a bound value. The server's own error detail
 * ("Key (access_digest)=(...) already exists") would, so the driver must not copy it into its
 * exception.
 */
class PostgresFailureMessagesTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123Z");

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Test
    void a_rejected_statement_names_the_operation_and_no_bound_value() {
        SessionStore sessions = DATABASE.stores().sessions();
        UserRef owner = UserRecords.aUser().build().ref();
        SessionRecord first = aSession(owner, digest(), digest());
        sessions.create(first);
        String refreshDigest = digest();

        assertThatThrownBy(() -> sessions.create(aSession(owner, first.accessDigest(), refreshDigest)))
                .isInstanceOf(StoreRejectedInputException.class)
                .hasMessageContaining("PostgreSQL")
                .hasMessageContaining("create session")
                .satisfies(failure -> {
                    for (Throwable t = failure; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).as("message of %s", t.getClass().getName())
                                .doesNotContain(first.accessDigest())
                                .doesNotContain(refreshDigest);
                    }
                });
    }

    private static SessionRecord aSession(UserRef owner, String accessDigest, String refreshDigest) {
        return new SessionRecord(new SessionId(UUID.randomUUID()), owner, accessDigest, refreshDigest, T0, T0,
                T0.plusSeconds(900), T0.plusSeconds(86_400), "203.0.113.7", "failure messages test", null);
    }

    private static String digest() {
        return UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    }
}

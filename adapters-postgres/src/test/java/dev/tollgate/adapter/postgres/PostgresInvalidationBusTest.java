package dev.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.cache.Invalidation;
import dev.tollgate.tck.internal.Eventually;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the contract cannot say of LISTEN/NOTIFY: a listening connection the server ends is
 * noticed (the bus says it is not connected), replaced, and every listener is told that
 * notices may have been missed; undecodable payloads mean everything; a bus over the
 * application's data source works the same way.
 */
class PostgresInvalidationBusTest {

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    private static PostgresInvalidationBus connecting() {
        return PostgresInvalidationBus.connecting(DATABASE.url(), DATABASE.server.user(), DATABASE.server.password());
    }

    private static UserRef someUser() {
        return new UserRef(TenantId.of("bus-test"), new UserId(UUID.randomUUID()));
    }

    /** Ends the listening backends of this test's database, as a restart or a network fault would. */
    private static int terminateListeners() throws SQLException {
        try (Connection connection = DATABASE.server.connect("postgres");
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                + "WHERE application_name = ? AND datname = ?")) {
            statement.setString(1, PostgresInvalidationBus.LISTENER_NAME);
            statement.setString(2, DATABASE.name);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** Lets connections to this test's database in, or keeps every new one out (superusers too). */
    private static void allowConnections(boolean allowed) throws SQLException {
        try (Connection connection = DATABASE.server.connect("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE " + DATABASE.name + " ALLOW_CONNECTIONS " + allowed);
        }
    }

    @Test
    void aListeningConnectionEndedByTheServer_isNoticed_replaced_andListenersAreToldEverything() throws Exception {
        try (PostgresInvalidationBus bus = connecting()) {
            assertThat(Eventually.holds(bus::connected)).isTrue();
            ConcurrentLinkedQueue<Invalidation> heard = new ConcurrentLinkedQueue<>();
            bus.subscribe(heard::add);
            try {
                allowConnections(false);
                assertThat(terminateListeners()).as("listening backends ended").isEqualTo(1);

                assertThat(Eventually.holds(() -> !bus.connected())).as("the bus notices it is cut off").isTrue();
                heard.clear();
            } finally {
                allowConnections(true);
            }

            assertThat(Eventually.holds(() -> bus.connected() && heard.contains(Invalidation.everything())))
                    .as("back, having told its listeners everything").isTrue();
            try (PostgresInvalidationBus peer = connecting()) {
                assertThat(Eventually.holds(peer::connected)).isTrue();
                Invalidation after = Invalidation.of(someUser());
                peer.publish(after);
                assertThat(Eventually.holds(() -> heard.contains(after))).as("notices arrive again").isTrue();
            }
        }
    }

    @Test
    void aPayloadThatIsNoNotice_meansEverything() throws Exception {
        try (PostgresInvalidationBus bus = connecting()) {
            assertThat(Eventually.holds(bus::connected)).isTrue();
            ConcurrentLinkedQueue<Invalidation> heard = new ConcurrentLinkedQueue<>();
            bus.subscribe(heard::add);

            try (Connection connection = DATABASE.connect();
                    PreparedStatement statement = connection.prepareStatement("SELECT pg_notify(?, 'gibberish')")) {
                statement.setString(1, PostgresInvalidationBus.CHANNEL);
                statement.execute();
            }

            assertThat(Eventually.holds(() -> heard.contains(Invalidation.everything()))).isTrue();
        }
    }

    @Test
    void aBusThroughAPool_listensOnOneOfItsConnections_andPublishesThroughOthers() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(DATABASE.url());
        config.setUsername(DATABASE.server.user());
        config.setPassword(DATABASE.server.password());
        config.setMaximumPoolSize(3);
        config.setAutoCommit(false);
        try (HikariDataSource pool = new HikariDataSource(config);
                PostgresInvalidationBus pooled = PostgresInvalidationBus.through(pool);
                PostgresInvalidationBus other = connecting()) {
            assertThat(Eventually.holds(() -> pooled.connected() && other.connected())).isTrue();
            ConcurrentLinkedQueue<Invalidation> heardPooled = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Invalidation> heardOther = new ConcurrentLinkedQueue<>();
            pooled.subscribe(heardPooled::add);
            other.subscribe(heardOther::add);
            Invalidation one = Invalidation.of(someUser());
            Invalidation two = Invalidation.of(someUser());

            pooled.publish(one);
            other.publish(two);

            assertThat(Eventually.holds(() -> heardOther.contains(one) && heardPooled.contains(two))).isTrue();
        }
    }
}

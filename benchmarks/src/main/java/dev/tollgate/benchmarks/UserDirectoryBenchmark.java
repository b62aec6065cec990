package dev.tollgate.benchmarks;

import dev.tollgate.adapter.sql.SqlDatabase;
import dev.tollgate.adapter.sqlite.SqliteStores;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.spi.Stores;
import dev.tollgate.port.spi.admin.DirectoryEntry;
import dev.tollgate.port.spi.admin.UserFigures;
import dev.tollgate.port.spi.admin.UserFilter;
import dev.tollgate.port.spi.admin.UserOrder;
import dev.tollgate.port.spi.admin.UserPosition;
import dev.tollgate.port.spi.metering.DayRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Staff's user list and statistics over 100,000 users of one tenant, straight on the stores:
 * the first page (200 users, newest first), page 500 (the 200 after the 99,800th, by its cursor
 * position: keyset pagination should cost what the first page does), and the user figures.
 * The users are written by batched JDBC inserts before the trial, in a fresh database.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
public class UserDirectoryBenchmark {

    static final int USERS = 100_000;
    static final int PAGE = 200;
    private static final TenantId TENANT = TenantId.of("bench");
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final UserFilter EVERYONE = UserFilter.all(TENANT, "free");
    private static final UserOrder NEWEST_FIRST = new UserOrder(UserOrder.Key.CREATED, true);

    @Param({"SQLITE", "POSTGRESQL"})
    public String store;

    private StoreKind.OpenedStore opened;
    private Stores stores;
    private UserPosition at99800;
    private Instant now;

    @Setup(Level.Trial)
    public void insertUsers() throws SQLException {
        boolean postgres = store.equals("POSTGRESQL");
        String url;
        if (postgres) {
            ScratchPostgresDatabase scratch = ScratchPostgresDatabase.create(ScratchPostgresDatabase.adminUrlFromEnvironment());
            opened = new StoreKind.OpenedStore(scratch.database().stores(), "PostgreSQL database " + scratch.name(), scratch::close);
            url = ScratchPostgresDatabase.withDatabase(ScratchPostgresDatabase.adminUrlFromEnvironment(), scratch.name());
        } else {
            Path directory;
            try {
                directory = Files.createTempDirectory("tollgate-bench-sqlite-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            SqlDatabase database = SqliteStores.inDirectory(directory);
            opened = new StoreKind.OpenedStore(database.stores(), "SQLite in " + directory, () -> {
                database.close();
                StoreKind.deleteTree(directory);
            });
            url = "jdbc:sqlite:" + directory.resolve(SqliteStores.FILE_NAME);
        }
        stores = opened.stores();
        try (Connection connection = DriverManager.getConnection(url)) {
            insert(connection, postgres);
            try (PreparedStatement analyze = connection.prepareStatement("ANALYZE")) {
                analyze.execute();
            }
        }
        now = START.plusSeconds(USERS / 2 + 3_600);
        List<DirectoryEntry> before = stores.directory().search(EVERYONE, NEWEST_FIRST, null, 1);
        // the 99,800th user newest first is the oldest but 200: page 500 is the last page
        UserPosition after = null;
        for (int page = 0; page < 499; page++) {
            List<DirectoryEntry> entries = stores.directory().search(EVERYONE, NEWEST_FIRST, after, PAGE);
            DirectoryEntry end = entries.get(entries.size() - 1);
            after = new UserPosition(end.user().createdAt(), null, null, end.user().ref().id());
        }
        at99800 = after;
        if (before.isEmpty() || stores.directory().search(EVERYONE, NEWEST_FIRST, at99800, PAGE).size() != PAGE) {
            throw new IllegalStateException("expected " + USERS + " users");
        }
    }

    private static void insert(Connection connection, boolean postgres) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO tg_users (tenant_id, id, username, "
                + "username_canonical, email, password_hash, status, hobbies, account_type, failed_logins, created_at, "
                + "updated_at, last_login_at) VALUES (?, ?, ?, ?, ?, 'x', ?, '', 'PERSONAL', 0, ?, ?, ?)")) {
            for (int i = 0; i < USERS; i++) {
                UUID id = UUID.randomUUID();
                String username = String.format("u%08x", Integer.reverse(i) >>> 1);
                Instant created = START.plusSeconds(i / 2);
                insert.setString(1, TENANT.value());
                if (postgres) {
                    insert.setObject(2, id);
                } else {
                    insert.setString(2, id.toString());
                }
                insert.setString(3, username);
                insert.setString(4, username);
                insert.setString(5, username + "@example.com");
                insert.setString(6, i % 50 == 0 ? "SUSPENDED" : "ACTIVE");
                setInstant(insert, 7, created, postgres);
                setInstant(insert, 8, created, postgres);
                setInstant(insert, 9, i % 3 == 0 ? null : created.plusSeconds(i % 1_000), postgres);
                insert.addBatch();
                if (i % 5_000 == 4_999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        connection.commit();
        connection.setAutoCommit(true);
    }

    private static void setInstant(PreparedStatement statement, int index, Instant at, boolean postgres) throws SQLException {
        if (postgres) {
            if (at == null) {
                statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                statement.setObject(index, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            }
        } else if (at == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        opened.close();
    }

    /** The first 200 users, newest first. */
    @Benchmark
    public List<DirectoryEntry> firstPage() {
        return stores.directory().search(EVERYONE, NEWEST_FIRST, null, PAGE);
    }

    /** Page 500: the 200 users after the 99,800th, newest first, from its cursor position. */
    @Benchmark
    public List<DirectoryEntry> page500() {
        return stores.directory().search(EVERYONE, NEWEST_FIRST, at99800, PAGE);
    }

    /** Users by status and plan, registrations per day of 30 days, active in a day, week and month. */
    @Benchmark
    public UserFigures statistics() {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return stores.statistics().users(TENANT, "free", DayRange.of(today.minusDays(29), today), ZoneOffset.UTC, now);
    }
}

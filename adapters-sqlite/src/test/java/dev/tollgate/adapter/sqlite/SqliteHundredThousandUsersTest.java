package dev.tollgate.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.spi.admin.DirectoryEntry;
import dev.tollgate.port.spi.admin.UserDirectory;
import dev.tollgate.port.spi.admin.UserFilter;
import dev.tollgate.port.spi.admin.UserOrder;
import dev.tollgate.port.spi.admin.UserPosition;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.port.spi.user.UserStore;
import dev.tollgate.tck.support.UserRecords;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The user directory over 100,000 users of one tenant (issue 11's "done when"): paging through
 * all of them, 200 at a time, while another thread keeps adding users, sees every user present
 * at the start exactly once. The users are written by one batch of plain JDBC inserts, in a
 * database of this class's own.
 */
@Tag("large")
class SqliteHundredThousandUsersTest {

    private static final int USERS = 100_000;
    private static final int PAGE = 200;
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final TenantId TENANT = TenantId.of("hundred-thousand");

    private static SqliteTestDatabase database;
    private static Set<UserId> present;

    @BeforeAll
    static void insertHundredThousandUsers() throws SQLException {
        database = new SqliteTestDatabase();
        present = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(
                "jdbc:sqlite:" + database.directory.resolve(SqliteStores.FILE_NAME))) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO tg_users (tenant_id, id, username, "
                    + "username_canonical, email, password_hash, status, hobbies, account_type, failed_logins, created_at, "
                    + "updated_at, last_login_at) VALUES (?, ?, ?, ?, ?, 'x', 'ACTIVE', '', 'PERSONAL', 0, ?, ?, ?)")) {
                for (int i = 0; i < USERS; i++) {
                    UUID id = UUID.randomUUID();
                    present.add(new UserId(id));
                    // two users per second, so the created order has ties for the id to break
                    long created = micros(START.plusSeconds(i / 2));
                    String username = String.format("u%08x", Integer.reverse(i) >>> 1);
                    insert.setString(1, TENANT.value());
                    insert.setString(2, id.toString());
                    insert.setString(3, username);
                    insert.setString(4, username);
                    insert.setString(5, username + "@example.com");
                    insert.setLong(6, created);
                    insert.setLong(7, created);
                    if (i % 3 == 0) {
                        insert.setNull(8, Types.BIGINT);
                    } else {
                        insert.setLong(8, created + 1_000_000L);
                    }
                    insert.addBatch();
                    if (i % 5_000 == 4_999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            connection.commit();
        }
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
    }

    enum Listing {
        CREATED_NEWEST_FIRST(new UserOrder(UserOrder.Key.CREATED, true)),
        USERNAME_ASCENDING(new UserOrder(UserOrder.Key.USERNAME, false));

        final UserOrder order;

        Listing(UserOrder order) {
            this.order = order;
        }
    }

    @ParameterizedTest
    @EnumSource(Listing.class)
    void pagingThroughEveryUser_whileUsersAreAdded_seesEachUserPresentAtTheStartOnce(Listing listing) {
        UserDirectory directory = database.stores().directory();
        UserStore users = database.stores().users();
        AtomicBoolean paging = new AtomicBoolean(true);
        AtomicInteger added = new AtomicInteger();
        CompletableFuture<Void> adding = CompletableFuture.runAsync(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (paging.get()) {
                UserRecord user = UserRecords.aUser().withTenant(TENANT)
                        // among the usernames and creation times present, before and after the cursor
                        .withUsername(String.format("u%08xn%d", random.nextInt() >>> 1, added.get()))
                        .withCreatedAt(START.plusSeconds(random.nextLong(USERS)).plusMillis(1))
                        .build();
                users.insert(user);
                added.incrementAndGet();
            }
        });

        Set<UserId> seen = new HashSet<>();
        List<UserId> duplicates = new ArrayList<>();
        UserPosition after = null;
        int pages = 0;
        try {
            while (true) {
                List<DirectoryEntry> page = directory.search(UserFilter.all(TENANT, "free"), listing.order, after, PAGE);
                if (page.isEmpty()) {
                    break;
                }
                pages++;
                for (DirectoryEntry entry : page) {
                    if (!seen.add(entry.user().ref().id())) {
                        duplicates.add(entry.user().ref().id());
                    }
                }
                UserRecord last = page.get(page.size() - 1).user();
                after = listing.order.key() == UserOrder.Key.CREATED
                        ? new UserPosition(last.createdAt(), null, null, last.ref().id())
                        : new UserPosition(null, last.username().canonical(), null, last.ref().id());
            }
        } finally {
            paging.set(false);
            adding.join();
        }

        assertThat(duplicates).isEmpty();
        Set<UserId> missing = new HashSet<>(present);
        missing.removeAll(seen);
        assertThat(missing).isEmpty();
        assertThat(pages).isGreaterThanOrEqualTo(USERS / PAGE);
        assertThat(added.get()).isPositive();
    }
}

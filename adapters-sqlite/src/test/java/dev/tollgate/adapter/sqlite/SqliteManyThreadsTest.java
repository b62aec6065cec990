package dev.tollgate.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.sql.SqlDatabase;
import dev.tollgate.port.spi.Stores;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.CounterKey;
import dev.tollgate.port.spi.limit.WindowLimit;
import dev.tollgate.port.spi.user.InsertResult;
import dev.tollgate.port.spi.user.LockoutRule;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.tck.support.UserRecords;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One process, many threads, one file: writes queue for SQLite's single writer instead of
 * failing with "database is locked", and reads run beside them.
 */
class SqliteManyThreadsTest {

    private static final int THREADS = 32;
    private static final int ROUNDS = 40;

    @TempDir
    Path directory;

    @Test
    void thirtyTwoThreadsWritingAndReadingAtOnce_neverSeeTheDatabaseLocked() throws Exception {
        try (SqlDatabase database = SqliteStores.inDirectory(directory)) {
            Stores stores = database.stores();
            Instant now = Instant.parse("2026-05-01T12:00:00Z");
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    int granted = 0;
                    for (int round = 0; round < ROUNDS; round++) {
                        UserRecord user = UserRecords.aUser().build();
                        assertThat(stores.users().insert(user)).isEqualTo(InsertResult.inserted());
                        stores.users().recordFailedLogin(user.ref(), new LockoutRule(5, Duration.ofHours(1)), now);
                        assertThat(stores.users().findById(user.ref())).isPresent();
                        Acquisition acquisition = stores.counters().tryAcquire(CounterKey.of("shared"),
                                WindowLimit.of(100, Duration.ofHours(1)), now);
                        granted += acquisition.isGranted() ? 1 : 0;
                    }
                    return granted;
                }));
            }
            start.countDown();
            int granted = 0;
            for (Future<Integer> result : results) {
                granted += result.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();

            assertThat(granted).isEqualTo(100);
        }
    }
}

package dev.tollgate.adapter.mongo.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.mongo.MongoStores;
import dev.tollgate.port.Change;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.mfa.SecondFactorStore;
import dev.tollgate.port.spi.mfa.TotpFactor;
import dev.tollgate.testing.mongo.MongoTestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the contract leaves to the store: racing enrolments of one user, whose upserts meet on the
 * factor's {@code _id}, each store their factor (the last one stays) instead of failing.
 */
class MongoSecondFactorStoreTest {

    private static final Instant T0 = Instant.parse("2025-06-03T09:41:12.345Z");
    private static final int RACERS = 16;

    private final MongoStores mongo = MongoStores.open(MongoTestServer.emulatorUrl(), MongoTestServer.freshDatabase());
    private final SecondFactorStore store = mongo.stores().secondFactors();

    @AfterEach
    void close() {
        mongo.close();
    }

    @Test
    void racingFirstEnrolmentsOfOneUser_areEachApplied_andOnePendingFactorStays() throws Exception {
        UserRef user = UserRef.of(TenantId.of("t-" + UUID.randomUUID().toString().substring(0, 8)),
                new UserId(UUID.randomUUID()));
        List<TotpFactor> factors = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            factors.add(TotpFactor.pending(user, "sealed:" + i, T0.plusMillis(i)));
        }

        List<Change> results = race(i -> store.savePending(factors.get(i)));

        assertThat(results).containsOnly(Change.applied());
        assertThat(store.find(user)).hasValueSatisfying(found -> {
            assertThat(found.confirmed()).isFalse();
            assertThat(factors).contains(found);
        });
    }

    private interface Call<T> {
        T run(int index);
    }

    private static <T> List<T> race(Call<T> call) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                int index = i;
                Callable<T> racer = () -> {
                    start.await();
                    return call.run(index);
                };
                futures.add(executor.submit(racer));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }
}

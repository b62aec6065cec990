package dev.tollgate.core.password;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.settings.HashingSettings;
import dev.tollgate.port.spi.password.PasswordCheck;
import dev.tollgate.port.spi.password.PasswordHasher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HashingGateTest {

    @Test
    void noMoreThanTheLimit_runAtOnce() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        PasswordHasher slow = new PasswordHasher() {
            @Override
            public String hash(String password) {
                int now = running.incrementAndGet();
                peak.accumulateAndGet(now, Math::max);
                // busy work, not a sleep: long enough for callers to overlap
                long end = System.nanoTime() + 2_000_000;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                running.decrementAndGet();
                return "h";
            }

            @Override
            public PasswordCheck verify(String password, String encodedHash) {
                return PasswordCheck.MISMATCH;
            }
        };
        HashingGate gate = new HashingGate(slow, new HashingSettings(2, Duration.ofSeconds(30)));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Outcome<String>>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                results.add(pool.submit(() -> gate.hash("pw")));
            }
            for (Future<Outcome<String>> result : results) {
                assertThat(result.get().orElseThrow()).isEqualTo("h");
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(peak.get()).isBetween(1, 2);
    }

    @Test
    void anInterruptedWaiter_givesUpBusy_andKeepsItsInterruptFlag() {
        HashingGate gate = new HashingGate(new PasswordHasher() {
            @Override
            public String hash(String password) {
                return "h";
            }

            @Override
            public PasswordCheck verify(String password, String encodedHash) {
                return PasswordCheck.MATCH;
            }
        }, new HashingSettings(1, Duration.ofSeconds(5)));

        Thread.currentThread().interrupt();
        try {
            assertThat(gate.verify("pw", "h").problem()).isInstanceOf(Problem.ServiceBusy.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}

package dev.tollgate.benchmarks;

import dev.tollgate.adapter.memory.cache.InProcessInvalidationBus;
import dev.tollgate.adapter.memory.network.InMemoryIpRuleStore;
import dev.tollgate.core.network.NetworkAccessService;
import dev.tollgate.port.IpRuleId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.settings.NetworkSettings;
import dev.tollgate.port.spi.network.IpRule;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Judging a client address against the IP rules, as every HTTP request and every verification
 * with a {@code client_ip} does: in memory, in per-tenant tries, whatever the number of rules.
 * {@code rules} deny rules of random IPv4 /16 to /32 ranges and IPv6 /32 to /128 ranges, half
 * global, half of the judged tenant; the addresses judged are random, so most match nothing and
 * walk the trie as deep as it goes. The figure to compare: {@code rules=10} against
 * {@code rules=100000} in one run. With {@code bus=off} (a process that hears no notices) the
 * rules are read again every second, on the thread of the call that finds them due, so the
 * average includes that rebuild; with {@code bus=on} they are read every 30 s and a measurement
 * sees only the lookups.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
public class NetworkRulesBenchmark {

    private static final TenantId TENANT = TenantId.of("bench");
    private static final int ADDRESSES = 4096;

    @Param({"10", "1000", "100000"})
    public int rules;

    @Param({"on", "off"})
    public String bus;

    private NetworkAccessService network;
    private String[] addresses;
    private int next;

    @Setup(Level.Trial)
    public void open() {
        Random random = new Random(14);
        InMemoryIpRuleStore store = new InMemoryIpRuleStore();
        Instant now = Instant.now();
        for (int i = 0; i < rules; i++) {
            boolean v4 = random.nextBoolean();
            String cidr = v4 ? v4Range(random) : v6Range(random);
            store.create(new IpRule(new IpRuleId(UUID.randomUUID()), i % 2 == 0 ? null : TENANT, cidr,
                    IpRule.Action.DENY, "bench", false, "bench", now, null));
        }
        network = new NetworkAccessService(store, NetworkSettings.DEFAULTS, Clock.systemUTC(),
                bus.equals("on") ? new InProcessInvalidationBus() : null);
        addresses = new String[ADDRESSES];
        for (int i = 0; i < ADDRESSES; i++) {
            addresses[i] = random.nextBoolean() ? v4(random) : v6(random);
        }
        network.judge(TENANT, addresses[0]);
    }

    @Benchmark
    public Optional<Problem> judge() {
        return network.judge(TENANT, addresses[next++ & (ADDRESSES - 1)]);
    }

    @Benchmark
    @Threads(8)
    public Optional<Problem> judgeOnEightThreads() {
        // each thread walks the same array from its own start; the tries are shared and only read
        return network.judge(TENANT, addresses[ThreadLocalIndex.next() & (ADDRESSES - 1)]);
    }

    private static final class ThreadLocalIndex {
        private static final ThreadLocal<int[]> INDEX = ThreadLocal.withInitial(() -> new int[1]);

        static int next() {
            return INDEX.get()[0]++;
        }
    }

    private static String v4(Random random) {
        return random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
    }

    private static String v4Range(Random random) {
        int prefix = 16 + random.nextInt(17);
        long address = random.nextInt() & 0xffffffffL;
        long masked = prefix == 0 ? 0 : address & (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        return ((masked >>> 24) & 255) + "." + ((masked >>> 16) & 255) + "." + ((masked >>> 8) & 255) + "."
                + (masked & 255) + "/" + prefix;
    }

    private static String v6(Random random) {
        StringBuilder text = new StringBuilder("2001:db8");
        for (int i = 0; i < 6; i++) {
            text.append(':').append(Integer.toHexString(random.nextInt(0x10000)));
        }
        return text.toString();
    }

    private static String v6Range(Random random) {
        // whole groups keep the text simple: /32 to /128 in steps of 16 bits, below 2001:db8::/32
        int groups = 2 + random.nextInt(7);
        StringBuilder text = new StringBuilder("2001:db8");
        for (int i = 2; i < groups; i++) {
            text.append(':').append(Integer.toHexString(random.nextInt(0x10000)));
        }
        return (groups < 8 ? text.append("::") : text) + "/" + groups * 16;
    }
}

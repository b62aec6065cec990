package dev.tollgate.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.Tollgate;
import dev.tollgate.adapter.caffeine.cache.CachingStores;
import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.adapter.memory.cache.InProcessInvalidationBus;
import dev.tollgate.adapter.memory.mail.RecordingMailer;
import dev.tollgate.port.Email;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.metering.KeyCheck;
import dev.tollgate.port.api.metering.PlanChange;
import dev.tollgate.port.api.registration.Registered;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.spi.Stores;
import dev.tollgate.tck.support.FastTestPasswordHasher;
import dev.tollgate.tck.support.SeededRandomSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the lookup cache saves, counted: the store calls one verify-and-consume makes with and
 * without it, every port counted (the figures are printed for BENCHMARKS.md). Without the
 * cache the key, its owner and the subscription are read on every call; with it none of them
 * are, and what is left are the rate limit and the ledger. The failure counter is read by
 * neither: the core reads it at most once a second per address.
 */
class StoreCallsPerVerificationTest {

    private static final int CALLS = 100;
    private static final Set<String> HOT_LOOKUPS = Set.of("apiKeys.findByDigest", "users.findById",
            "subscriptions.find");
    /** The failure throttle's read, which the core itself makes at most once a second per address. */
    private static final String THROTTLE_READ = "counters.current";
    private static final RequestContext CLIENT = RequestContext.of("198.51.100.20", "test");

    @Test
    void theCache_takesTheHotLookupsOffTheStore() throws Exception {
        Map<String, Double> uncached = perVerification(false);
        Map<String, Double> cached = perVerification(true);
        System.out.printf("store calls per verification without the cache: %.2f %s%n",
                total(uncached), uncached);
        System.out.printf("store calls per verification with the cache:    %.2f %s%n", total(cached), cached);

        assertThat(uncached.keySet()).containsAll(HOT_LOOKUPS).doesNotContain(THROTTLE_READ);
        assertThat(cached.keySet()).doesNotContainAnyElementsOf(HOT_LOOKUPS).doesNotContain(THROTTLE_READ);
        assertThat(total(cached)).isLessThan(total(uncached));
    }

    private static double total(Map<String, Double> calls) {
        return calls.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Store calls per verification by port and method, after one verification to warm up. */
    private static Map<String, Double> perVerification(boolean caching) throws Exception {
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        Stores counted = counted(InMemoryStores.create().asStores(), calls);
        RecordingMailer mailer = new RecordingMailer();
        try (Tollgate tollgate = Tollgate.builder()
                .stores(caching ? CachingStores.over(counted, new InProcessInvalidationBus(), Duration.ofHours(1))
                        : counted)
                .mailer(mailer)
                .passwordHasher(new FastTestPasswordHasher(new SeededRandomSource(3)))
                .backgroundExecutor(Runnable::run)
                .build()) {
            Registered ada = tollgate.registration()
                    .register(Registration.of(TenantId.DEFAULT, "ada", "ada@example.com", "analytical-Engine-1843"))
                    .orElseThrow();
            tollgate.emailAddresses().verify(ada.user().ref(),
                    mailer.lastCodeFor(Email.of("ada@example.com")).orElseThrow(), RequestContext.NONE).orElseThrow();
            tollgate.subscriptions().change(ada.user().ref(), new PlanChange("free", Map.of(), 1_000_000, Set.of()),
                    RequestContext.NONE).orElseThrow();
            tollgate.subscriptions().topUp(ada.user().ref(), "credits", 10 * CALLS, RequestContext.NONE).orElseThrow();
            KeyCheck check = new KeyCheck(TenantId.DEFAULT, ada.apiKey().secret(), "credits", 1, null, CLIENT);
            assertThat(tollgate.verification().verify(check).isDone()).isTrue();
            calls.clear();

            for (int i = 0; i < CALLS; i++) {
                assertThat(tollgate.verification().verify(check).isDone()).isTrue();
            }
        }
        return calls.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> entry.getValue().get() / (double) CALLS, (a, b) -> a, TreeMap::new));
    }

    /** {@code stores} with every port counting its calls into {@code calls}, as {@code port.method}. */
    private static Stores counted(Stores stores, Map<String, AtomicInteger> calls) throws Exception {
        RecordComponent[] components = Stores.class.getRecordComponents();
        Object[] ports = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            Class<?> type = components[i].getType();
            Object port = components[i].getAccessor().invoke(stores);
            types[i] = type;
            ports[i] = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
                if (method.getDeclaringClass() != Object.class) {
                    calls.computeIfAbsent(name + "." + method.getName(), key -> new AtomicInteger()).incrementAndGet();
                }
                try {
                    return method.invoke(port, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
        }
        return Stores.class.getDeclaredConstructor(types).newInstance(ports);
    }
}

package dev.tollgate.adapter.caffeine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.AccountType;
import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.Change;
import dev.tollgate.port.Email;
import dev.tollgate.port.Profile;
import dev.tollgate.port.SessionId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.TenantStatus;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.Username;
import dev.tollgate.port.spi.Stores;
import dev.tollgate.port.spi.cache.Invalidation;
import dev.tollgate.port.spi.cache.InvalidationBus;
import dev.tollgate.port.spi.key.ApiKeyRecord;
import dev.tollgate.port.spi.key.ApiKeyStore;
import dev.tollgate.port.spi.metering.Subscription;
import dev.tollgate.port.spi.metering.SubscriptionStore;
import dev.tollgate.port.spi.session.Rotation;
import dev.tollgate.port.spi.session.RotationResult;
import dev.tollgate.port.spi.session.SessionRecord;
import dev.tollgate.port.spi.session.SessionStore;
import dev.tollgate.port.spi.tenant.TenantRecord;
import dev.tollgate.port.spi.tenant.TenantStore;
import dev.tollgate.port.spi.user.EmailChangeResult;
import dev.tollgate.port.spi.user.FailedLogin;
import dev.tollgate.port.spi.user.InsertResult;
import dev.tollgate.port.spi.user.LockoutRule;
import dev.tollgate.port.spi.user.SuccessfulLogin;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.port.spi.user.UserStore;
import dev.tollgate.tck.support.UserRecords;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every method of the decorated ports is classified, by reflection, so a method added to a port
 * later fails here until someone decides what it is: a read cached here, a read passed through,
 * or a write, which must invalidate (here and on the bus) what it touched, even when it throws.
 */
class EveryWriteInvalidatesTest {

    private static final UserRef USER = new UserRef(TenantId.of("acme"), new UserId(UUID.randomUUID()));
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    /** The reads served from memory, by port. */
    private static final Map<Class<?>, Set<String>> CACHED = Map.of(
            ApiKeyStore.class, Set.of("findByDigest"),
            UserStore.class, Set.of("findById"),
            SubscriptionStore.class, Set.of("find"),
            SessionStore.class, Set.of("findByAccessDigest"),
            TenantStore.class, Set.of());

    /** The reads that go to the store every time. */
    private static final Map<Class<?>, Set<String>> PASSED = Map.of(
            ApiKeyStore.class, Set.of("find", "list"),
            UserStore.class, Set.of("findByUsername", "findByEmail"),
            SubscriptionStore.class, Set.of(),
            SessionStore.class, Set.of("listLive"),
            TenantStore.class, Set.of("find", "list"));

    private static final SessionRecord SESSION = new SessionRecord(new SessionId(UUID.randomUUID()), USER, "access",
            "refresh", NOW, NOW, NOW.plusSeconds(900), NOW.plus(Duration.ofDays(1)), null, null, null);
    private static final UserRecord USER_RECORD = UserRecords.aUser().withRef(USER).build();

    /** A value of each parameter type the ports take, all naming {@link #USER} (or its tenant). */
    private static final Map<Class<?>, Object> ARGUMENTS = Map.ofEntries(
            Map.entry(UserRef.class, USER),
            Map.entry(TenantId.class, USER.tenant()),
            Map.entry(Instant.class, NOW),
            Map.entry(String.class, "text"),
            Map.entry(int.class, 10),
            Map.entry(List.class, List.of("203.0.113.0/24")),
            Map.entry(ApiKeyId.class, new ApiKeyId(UUID.randomUUID())),
            Map.entry(SessionId.class, SESSION.id()),
            Map.entry(ApiKeyRecord.class, new ApiKeyRecord(new ApiKeyId(UUID.randomUUID()), USER, null, "digest",
                    "tg_abc", null, false, NOW, null, null)),
            Map.entry(UserRecord.class, USER_RECORD),
            Map.entry(SessionRecord.class, SESSION),
            Map.entry(Subscription.class, new Subscription(USER, "pro", Map.of(), null, Set.of(), NOW)),
            Map.entry(Rotation.class, new Rotation("a2", "r2", NOW.plusSeconds(900), NOW.plusSeconds(9000))),
            Map.entry(LockoutRule.class, new LockoutRule(5, Duration.ofMinutes(15))),
            Map.entry(Profile.class, Profile.empty(AccountType.PERSONAL)),
            Map.entry(Email.class, Email.of("someone@example.com")),
            Map.entry(Username.class, Username.of("someone")),
            Map.entry(AccountStatus.class, AccountStatus.ACTIVE),
            Map.entry(TenantStatus.class, TenantStatus.ACTIVE),
            Map.entry(TenantRecord.class, new TenantRecord(USER.tenant(), "Acme", TenantStatus.ACTIVE, null, NOW, NOW)));

    /** What a store answers, by return type, so a call of any method completes. */
    private static final Map<Class<?>, Object> ANSWERS = Map.ofEntries(
            Map.entry(Optional.class, Optional.empty()),
            Map.entry(List.class, List.of()),
            Map.entry(Change.class, Change.applied()),
            Map.entry(int.class, 1),
            Map.entry(long.class, 1L),
            Map.entry(boolean.class, true),
            Map.entry(InsertResult.class, InsertResult.inserted()),
            Map.entry(FailedLogin.class, FailedLogin.counted(1)),
            Map.entry(SuccessfulLogin.class, SuccessfulLogin.recorded(USER_RECORD)),
            Map.entry(EmailChangeResult.class, EmailChangeResult.changed()),
            Map.entry(RotationResult.class, RotationResult.rotated(SESSION)));

    private static final List<Class<?>> DECORATED = List.of(ApiKeyStore.class, UserStore.class,
            SubscriptionStore.class, SessionStore.class, TenantStore.class);

    @Test
    void everyWrite_invalidatesWhatItTouched_hereAndOnTheBus() throws Exception {
        List<String> unclassified = new ArrayList<>();
        for (Class<?> port : DECORATED) {
            for (Method method : port.getMethods()) {
                if (method.isDefault() || Modifier.isStatic(method.getModifiers())) {
                    continue;
                }
                boolean read = CACHED.get(port).contains(method.getName()) || PASSED.get(port).contains(method.getName());
                for (boolean throwing : List.of(false, true)) {
                    List<Invalidation> published = call(port, method, throwing);
                    if (read) {
                        assertThat(published).as(port.getSimpleName() + "." + method.getName() + " is a read")
                                .isEmpty();
                    } else if (published.isEmpty()) {
                        unclassified.add(port.getSimpleName() + "." + method.getName()
                                + (throwing ? " (when the store throws)" : ""));
                    } else {
                        assertThat(published).as(port.getSimpleName() + "." + method.getName())
                                .allSatisfy(notice -> assertThat(notice.covers(USER)).isTrue());
                    }
                }
            }
        }
        assertThat(unclassified).as("methods that neither are a known read nor publish an invalidation: classify "
                + "them here, or make the decorator invalidate what they change").isEmpty();
    }

    @Test
    void theClassifiedReads_existOnThePorts_andTheCachedOnesAreServedFromMemory() throws Exception {
        for (Class<?> port : DECORATED) {
            Set<String> names = new HashSet<>();
            for (Method method : port.getMethods()) {
                names.add(method.getName());
            }
            assertThat(names).as(port.getSimpleName()).containsAll(CACHED.get(port)).containsAll(PASSED.get(port));
        }
        for (Class<?> port : DECORATED) {
            for (Method method : port.getMethods()) {
                boolean cached = CACHED.get(port).contains(method.getName());
                boolean passed = PASSED.get(port).contains(method.getName());
                if (!cached && !passed) {
                    continue;
                }
                Map<String, Integer> reached = new HashMap<>();
                Object decorated = decorated(port, false, new ArrayList<>(), reached, found(method));
                for (int i = 0; i < 3; i++) {
                    invoke(decorated, method);
                }
                assertThat(reached.getOrDefault(method.getName(), 0))
                        .as(port.getSimpleName() + "." + method.getName() + " calls reaching the store")
                        .isEqualTo(cached ? 1 : 3);
            }
        }
    }

    /** What a read answers when it finds something, so that it may be held. */
    private static Function<Method, Object> found(Method read) {
        return method -> {
            if (method.getReturnType() != Optional.class) {
                return ANSWERS.get(method.getReturnType());
            }
            return switch (method.getDeclaringClass().getSimpleName()) {
                case "ApiKeyStore" -> Optional.of(ARGUMENTS.get(ApiKeyRecord.class));
                case "UserStore" -> Optional.of(USER_RECORD);
                case "SessionStore" -> Optional.of(SESSION);
                case "SubscriptionStore" -> Optional.of(ARGUMENTS.get(Subscription.class));
                default -> Optional.empty();
            };
        };
    }

    private static List<Invalidation> call(Class<?> port, Method method, boolean throwing) throws Exception {
        List<Invalidation> published = new ArrayList<>();
        Object decorated = decorated(port, throwing, published, new HashMap<>(), m -> ANSWERS.get(m.getReturnType()));
        try {
            invoke(decorated, method);
        } catch (InvocationTargetException e) {
            assertThat(throwing).as(method.getName() + " threw " + e.getCause()).isTrue();
        }
        return published;
    }

    private static Object invoke(Object target, Method method) throws Exception {
        Object[] args = new Object[method.getParameterCount()];
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            if (!ARGUMENTS.containsKey(types[i])) {
                fail("no sample argument of " + types[i].getName() + " for " + method + ": add one");
            }
            args[i] = ARGUMENTS.get(types[i]);
        }
        return method.invoke(target, args);
    }

    /** The port of cached stores over a stand-in store that answers {@code answer} (or throws), counting calls. */
    private static Object decorated(Class<?> port, boolean throwing, List<Invalidation> published,
            Map<String, Integer> reached, Function<Method, Object> answer) {
        Object standIn = Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(port, args);
            }
            reached.merge(method.getName(), 1, Integer::sum);
            if (throwing) {
                throw new IllegalStateException("the store failed");
            }
            if (method.getReturnType() == void.class) {
                return null;
            }
            if (!ANSWERS.containsKey(method.getReturnType())) {
                fail("no answer of " + method.getReturnType().getName() + " for " + method + ": add one");
            }
            return answer.apply(method);
        });
        SwitchableBus bus = new SwitchableBus();
        Stores raw = InMemoryStores.create().asStores();
        Stores stores = new Stores(
                port == UserStore.class ? (UserStore) standIn : raw.users(),
                port == SessionStore.class ? (SessionStore) standIn : raw.sessions(),
                raw.codes(), raw.counters(), raw.auditLog(), raw.archive(),
                port == ApiKeyStore.class ? (ApiKeyStore) standIn : raw.apiKeys(),
                raw.meters(),
                port == SubscriptionStore.class ? (SubscriptionStore) standIn : raw.subscriptions(),
                raw.usage(),
                port == TenantStore.class ? (TenantStore) standIn : raw.tenants(),
                raw.staff(), raw.serviceAccounts(), raw.directory(), raw.notes(), raw.statistics(), raw.secondFactors(),
                raw.passwordHistory(), raw.devices(), raw.ipRules());
        Stores cached = CachingStores.over(stores, new RecordingBus(bus, published), Duration.ofHours(1));
        if (port == UserStore.class) {
            return cached.users();
        }
        if (port == SessionStore.class) {
            return cached.sessions();
        }
        if (port == ApiKeyStore.class) {
            return cached.apiKeys();
        }
        if (port == SubscriptionStore.class) {
            return cached.subscriptions();
        }
        return cached.tenants();
    }

    /** A bus that also keeps what is published on it in the test's list. */
    private record RecordingBus(SwitchableBus bus, List<Invalidation> published)
            implements InvalidationBus {

        @Override
        public void publish(Invalidation invalidation) {
            published.add(invalidation);
            bus.publish(invalidation);
        }

        @Override
        public Listening subscribe(Consumer<Invalidation> listener) {
            return bus.subscribe(listener);
        }

        @Override
        public boolean connected() {
            return bus.connected();
        }

        @Override
        public void close() {
            bus.close();
        }
    }
}

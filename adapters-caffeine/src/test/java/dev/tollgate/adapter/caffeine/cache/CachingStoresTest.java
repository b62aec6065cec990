package dev.tollgate.adapter.caffeine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.SessionId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.Stores;
import dev.tollgate.port.spi.cache.Invalidation;
import dev.tollgate.port.spi.key.ApiKeyRecord;
import dev.tollgate.port.spi.key.ApiKeyStore;
import dev.tollgate.port.spi.metering.Subscription;
import dev.tollgate.port.spi.metering.SubscriptionStore;
import dev.tollgate.port.spi.session.Rotation;
import dev.tollgate.port.spi.session.SessionRecord;
import dev.tollgate.port.spi.session.SessionStore;
import dev.tollgate.port.spi.tenant.TenantStore;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.port.spi.user.UserStore;
import dev.tollgate.tck.support.UserRecords;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cached lookups over the memory stores, with an in-process bus and a ticker the test
 * moves: what is served from memory, what a write or a notice drops, and when the store is read.
 */
class CachingStoresTest {

    private static final Duration SAFETY_EXPIRY = Duration.ofSeconds(10);
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final InMemoryStores memory = InMemoryStores.create();
    private final Counted<UserStore> users = Counted.of(UserStore.class, memory.asStores().users());
    private final Counted<ApiKeyStore> keys = Counted.of(ApiKeyStore.class, memory.asStores().apiKeys());
    private final Counted<SessionStore> sessions = Counted.of(SessionStore.class, memory.asStores().sessions());
    private final Counted<SubscriptionStore> subscriptions =
            Counted.of(SubscriptionStore.class, memory.asStores().subscriptions());
    private final AtomicLong nanos = new AtomicLong();
    private final SwitchableBus bus = new SwitchableBus();
    private Stores cached = cachedOver(storesWith(users.port()));

    private Stores storesWith(UserStore userStore) {
        Stores raw = memory.asStores();
        return new Stores(userStore, sessions.port(), raw.codes(), raw.counters(), raw.auditLog(), raw.archive(),
                keys.port(), raw.meters(), subscriptions.port(), raw.usage(), raw.tenants(), raw.staff(),
                raw.serviceAccounts(), raw.directory(), raw.notes(), raw.statistics(), raw.secondFactors(),
                raw.passwordHistory(), raw.devices(), raw.ipRules());
    }

    private Stores cachedOver(Stores stores) {
        return CachingStores.over(stores, bus, SAFETY_EXPIRY, nanos::get);
    }

    @AfterEach
    void closeBus() {
        bus.close();
    }

    private UserRecord aUser() {
        UserRecord user = UserRecords.aUser().withUsername("u" + UUID.randomUUID().toString().substring(0, 8))
                .withEmail(UUID.randomUUID() + "@example.com").build();
        cached.users().insert(user);
        return user;
    }

    private ApiKeyRecord aKeyOf(UserRecord user, String digest) {
        ApiKeyRecord key = new ApiKeyRecord(new ApiKeyId(UUID.randomUUID()), user.ref(), null, digest, "tg_abc", null,
                false, NOW, null, null);
        cached.apiKeys().create(key);
        return key;
    }

    private SessionRecord aSessionOf(UserRecord user, String accessDigest) {
        SessionRecord session = new SessionRecord(new SessionId(UUID.randomUUID()), user.ref(), accessDigest,
                "refresh-" + accessDigest, NOW, NOW, NOW.plus(Duration.ofMinutes(15)), NOW.plus(Duration.ofDays(30)),
                null, null, null);
        cached.sessions().create(session);
        return session;
    }

    @Test
    void repeatedHotLookups_readTheStoreOnce() {
        UserRecord user = aUser();
        aKeyOf(user, "digest-1");
        aSessionOf(user, "access-1");

        for (int i = 0; i < 5; i++) {
            assertThat(cached.apiKeys().findByDigest(user.ref().tenant(), "digest-1")).isPresent();
            assertThat(cached.users().findById(user.ref())).contains(user);
            assertThat(cached.subscriptions().find(user.ref())).isEmpty();
            assertThat(cached.sessions().findByAccessDigest(user.ref().tenant(), "access-1")).isPresent();
        }

        assertThat(keys.calls("findByDigest")).isEqualTo(1);
        assertThat(users.calls("findById")).isEqualTo(1);
        assertThat(subscriptions.calls("find")).as("no subscription (the default plan) is an answer held too")
                .isEqualTo(1);
        assertThat(sessions.calls("findByAccessDigest")).isEqualTo(1);
    }

    @Test
    void whatTheStoreDidNotFind_isAskedAgain() {
        UserRecord user = aUser();

        assertThat(cached.apiKeys().findByDigest(user.ref().tenant(), "no-such-digest")).isEmpty();
        aKeyOf(user, "no-such-digest");

        assertThat(cached.apiKeys().findByDigest(user.ref().tenant(), "no-such-digest")).isPresent();
        assertThat(cached.sessions().findByAccessDigest(user.ref().tenant(), "nothing")).isEmpty();
        assertThat(cached.sessions().findByAccessDigest(user.ref().tenant(), "nothing")).isEmpty();
        assertThat(sessions.calls("findByAccessDigest")).isEqualTo(2);
    }

    @Test
    void aDigestOfOneTenant_isNotServedToAnother() {
        UserRecord user = aUser();
        aKeyOf(user, "digest-t");
        assertThat(cached.apiKeys().findByDigest(user.ref().tenant(), "digest-t")).isPresent();

        assertThat(cached.apiKeys().findByDigest(TenantId.of("elsewhere"), "digest-t")).isEmpty();
    }

    @Test
    void aWrite_dropsTheUsersEntriesHereBeforeItReturns_andPublishesItsUser() {
        UserRecord user = aUser();
        ApiKeyRecord key = aKeyOf(user, "digest-2");
        assertThat(cached.apiKeys().findByDigest(user.ref().tenant(), "digest-2")).isPresent();
        assertThat(cached.users().findById(user.ref())).isPresent();
        bus.published.clear();

        cached.apiKeys().revoke(user.ref(), key.id(), NOW);

        assertThat(cached.apiKeys().findByDigest(user.ref().tenant(), "digest-2")).get()
                .extracting(ApiKeyRecord::revoked).isEqualTo(true);
        assertThat(bus.published).containsExactly(Invalidation.of(user.ref()));
        cached.users().changeStatus(user.ref(), AccountStatus.ACTIVE, AccountStatus.SUSPENDED, "test", NOW);
        assertThat(cached.users().findById(user.ref())).get().extracting(UserRecord::status)
                .isEqualTo(AccountStatus.SUSPENDED);
        cached.subscriptions().save(new Subscription(user.ref(), "pro", Map.of(), null, Set.of(), NOW));
        assertThat(cached.subscriptions().find(user.ref())).get().extracting(Subscription::plan).isEqualTo("pro");
    }

    @Test
    void aWriteOfOneUser_keepsAnothersEntries() {
        UserRecord one = aUser();
        UserRecord other = aUser();
        assertThat(cached.users().findById(other.ref())).isPresent();

        cached.users().changeStatus(one.ref(), AccountStatus.ACTIVE, AccountStatus.SUSPENDED, "test", NOW);

        assertThat(cached.users().findById(other.ref())).isPresent();
        assertThat(users.calls("findById")).isEqualTo(1);
    }

    @Test
    void loggingOutEverywhere_endsEverySessionHeld() {
        UserRecord user = aUser();
        aSessionOf(user, "access-a");
        aSessionOf(user, "access-b");
        assertThat(cached.sessions().findByAccessDigest(user.ref().tenant(), "access-a")).isPresent();
        assertThat(cached.sessions().findByAccessDigest(user.ref().tenant(), "access-b")).isPresent();

        cached.sessions().revokeAll(user.ref(), NOW);

        assertThat(cached.sessions().findByAccessDigest(user.ref().tenant(), "access-a")).get()
                .extracting(SessionRecord::revoked).isEqualTo(true);
        assertThat(cached.sessions().findByAccessDigest(user.ref().tenant(), "access-b")).get()
                .extracting(SessionRecord::revoked).isEqualTo(true);
    }

    @Test
    void aNoticeFromAnotherProcess_dropsItsUsersEntries() {
        UserRecord user = aUser();
        aKeyOf(user, "digest-3");
        cached.apiKeys().findByDigest(user.ref().tenant(), "digest-3");

        bus.hear(Invalidation.of(user.ref()));
        cached.apiKeys().findByDigest(user.ref().tenant(), "digest-3");

        assertThat(keys.calls("findByDigest")).isEqualTo(2);
    }

    @Test
    void aNoticeOfATenant_dropsEveryEntryOfItsUsers() {
        UserRecord user = aUser();
        cached.users().findById(user.ref());

        bus.hear(Invalidation.of(user.ref().tenant()));
        cached.users().findById(user.ref());
        bus.hear(Invalidation.of(TenantId.of("another")));
        cached.users().findById(user.ref());

        assertThat(users.calls("findById")).isEqualTo(2);
    }

    @Test
    void everything_dropsEverything() {
        UserRecord user = aUser();
        aKeyOf(user, "digest-4");
        cached.apiKeys().findByDigest(user.ref().tenant(), "digest-4");
        cached.users().findById(user.ref());

        bus.hear(Invalidation.everything());
        cached.apiKeys().findByDigest(user.ref().tenant(), "digest-4");
        cached.users().findById(user.ref());

        assertThat(keys.calls("findByDigest")).isEqualTo(2);
        assertThat(users.calls("findById")).isEqualTo(2);
    }

    @Test
    void whileTheBusIsDisconnected_everyLookupReadsTheStore_andNothingHeldBeforeIsServedAfter() {
        UserRecord user = aUser();
        cached.users().findById(user.ref());
        bus.down();

        cached.users().findById(user.ref());
        cached.users().findById(user.ref());
        assertThat(users.calls("findById")).isEqualTo(3);

        bus.up(false);
        cached.users().findById(user.ref());
        cached.users().findById(user.ref());
        assertThat(users.calls("findById")).as("the entry from before the interruption is dropped, then one is held")
                .isEqualTo(4);
    }

    @Test
    void anEntry_expiresAfterTheSafetyExpiry_whateverTheBusSays() {
        UserRecord user = aUser();
        cached.users().findById(user.ref());
        nanos.addAndGet(SAFETY_EXPIRY.minusMillis(1).toNanos());
        cached.users().findById(user.ref());
        assertThat(users.calls("findById")).isEqualTo(1);

        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        cached.users().findById(user.ref());

        assertThat(users.calls("findById")).isEqualTo(2);
    }

    @Test
    void aLoadThatReadTheStoreBeforeAnInvalidation_isNotServedAfterIt() throws Exception {
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        UserStore plain = users.port();
        UserStore slow = (UserStore) Proxy.newProxyInstance(UserStore.class.getClassLoader(),
                new Class<?>[] {UserStore.class}, (proxy, method, args) -> {
                    Object answer = method.invoke(plain, args);
                    if (method.getName().equals("findById") && release.getCount() > 0) {
                        read.countDown();
                        release.await(30, TimeUnit.SECONDS); // the store was read; the notice arrives now
                    }
                    return answer;
                });
        cached = cachedOver(storesWith(slow));
        UserRecord user = aUser();

        CompletableFuture<Optional<UserRecord>> loading = CompletableFuture.supplyAsync(
                () -> cached.users().findById(user.ref()));
        assertThat(read.await(30, TimeUnit.SECONDS)).isTrue();
        cached.users().changeStatus(user.ref(), AccountStatus.ACTIVE, AccountStatus.SUSPENDED, "test", NOW);
        release.countDown();
        assertThat(loading.get(30, TimeUnit.SECONDS)).get().extracting(UserRecord::status)
                .as("the load read the store before the change").isEqualTo(AccountStatus.ACTIVE);

        assertThat(cached.users().findById(user.ref())).get().extracting(UserRecord::status)
                .isEqualTo(AccountStatus.SUSPENDED);
    }

    @Test
    void aWriteThatThrows_stillInvalidatesAndPublishes_sinceItMayHaveApplied() {
        UserRecord user = aUser();
        UserStore failing = (UserStore) Proxy.newProxyInstance(UserStore.class.getClassLoader(),
                new Class<?>[] {UserStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("findById")) {
                        return method.invoke(users.port(), args);
                    }
                    throw new IllegalStateException("the store went away mid-write");
                });
        cached = cachedOver(storesWith(failing));
        cached.users().findById(user.ref());
        bus.published.clear();

        assertThatThrownBy(() -> cached.users().unlock(user.ref(), NOW)).isInstanceOf(IllegalStateException.class);

        assertThat(bus.published).contains(Invalidation.of(user.ref()));
        cached.users().findById(user.ref());
        assertThat(users.calls("findById")).isEqualTo(2);
    }

    @Test
    void aChangeOfATenant_publishesTheTenant() {
        TenantStore tenants = cached.tenants();
        bus.published.clear();

        tenants.rename(TenantId.DEFAULT, "Renamed", NOW);

        assertThat(bus.published).containsExactly(Invalidation.of(TenantId.DEFAULT));
    }

    @Test
    void aRotation_invalidatesTheRotatedSessionsUser_soTheOldAccessTokenStopsMatching() {
        UserRecord user = aUser();
        SessionRecord session = aSessionOf(user, "access-old");
        assertThat(cached.sessions().findByAccessDigest(user.ref().tenant(), "access-old")).isPresent();
        bus.published.clear();

        cached.sessions().rotate(user.ref().tenant(), session.refreshDigest(),
                new Rotation("access-new", "refresh-new", NOW.plusSeconds(900),
                        NOW.plus(Duration.ofDays(30))), NOW);

        assertThat(bus.published).containsExactly(Invalidation.of(user.ref()));
        assertThat(cached.sessions().findByAccessDigest(user.ref().tenant(), "access-old")).isEmpty();
        assertThat(cached.sessions().findByAccessDigest(user.ref().tenant(), "access-new")).isPresent();
    }

    @Test
    void theRecordsOfInvalidations_stayBounded_andForgettingThemDropsWhatIsHeld() {
        Invalidations invalidations = new Invalidations(bus, 2);
        UserRef held = new UserRef(TenantId.DEFAULT, new UserId(UUID.randomUUID()));
        long ticket = invalidations.ticket();
        assertThat(invalidations.fresh(held, ticket)).isTrue();

        for (int i = 0; i < 3; i++) {
            invalidations.apply(Invalidation.of(new UserRef(TenantId.DEFAULT,
                    new UserId(UUID.randomUUID()))));
        }

        assertThat(invalidations.fresh(held, ticket)).as("records were forgotten: what was held is stale").isFalse();
        assertThat(invalidations.fresh(held, invalidations.ticket())).isTrue();
    }
}

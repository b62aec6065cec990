package dev.tollgate.tck.metering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.Change;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.settings.ServiceLevel;
import dev.tollgate.port.spi.metering.Subscription;
import dev.tollgate.port.spi.metering.SubscriptionStore;
import dev.tollgate.tck.internal.Unique;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link SubscriptionStore}. Extend it with a factory for your store; every test
 * uses fresh users, so one database may serve all of them. Instants keep at least milliseconds;
 * meter and entitlement names may hold any character.
 */
public abstract class SubscriptionStoreContract {

    private static final Instant T0 = Instant.parse("2025-05-03T09:30:00.789Z");

    private SubscriptionStore store;
    private UserRef user;

    /** The store under test; called before each test. */
    protected abstract SubscriptionStore subscriptionStore();

    @BeforeEach
    void setUpSubscriptionStore() {
        store = subscriptionStore();
        user = Unique.user();
    }

    @Test
    void aSavedSubscription_isFound_withEveryField() {
        Subscription subscription = new Subscription(user, "pro",
                Map.of("requests", 10_000L, "exports & reports=%", 0L, "ünïcode/meter", Long.MAX_VALUE), 250,
                Set.of("beta", "a&b=c", "späce here", ""), T0);

        store.save(subscription);

        assertThat(store.find(user)).contains(subscription);
    }

    @Test
    void aSubscriptionWithoutOverrides_comesBackWithEmptyOnesAndANullRateLimit() {
        Subscription subscription = new Subscription(user, "free", Map.of(), null, Set.of(), T0);

        store.save(subscription);

        assertThat(store.find(user)).hasValueSatisfying(found -> {
            assertThat(found).isEqualTo(subscription);
            assertThat(found.allowanceOverrides()).isEmpty();
            assertThat(found.rateLimitOverride()).isNull();
            assertThat(found.extraEntitlements()).isEmpty();
        });
    }

    @Test
    void save_replacesTheEarlierSubscription_inFull() {
        store.save(new Subscription(user, "pro", Map.of("requests", 5L), 10, Set.of("beta"), T0));
        Subscription replacement = new Subscription(user, "team", Map.of("seats", 3L), null, Set.of(),
                T0.plusSeconds(60));

        store.save(replacement);

        assertThat(store.find(user)).contains(replacement);
    }

    @Test
    void aLevelOverride_roundTrips_andIsReplacedOnSave() {
        Subscription plain = new Subscription(user, "pro", Map.of(), null, Set.of(), T0, null);
        store.save(plain);
        assertThat(store.find(user)).hasValueSatisfying(found -> assertThat(found.levelOverride()).isNull());

        Subscription raised = new Subscription(user, "pro", Map.of(), null, Set.of(), T0.plusSeconds(1), ServiceLevel.HIGH);
        store.save(raised);
        assertThat(store.find(user)).contains(raised);

        Subscription lowered = new Subscription(user, "pro", Map.of(), null, Set.of(), T0.plusSeconds(2), ServiceLevel.LOW);
        store.save(lowered);
        assertThat(store.find(user)).contains(lowered);

        store.save(plain);
        assertThat(store.find(user)).contains(plain);
    }

    @Test
    void anUnknownUser_hasNoSubscription() {
        assertThat(store.find(Unique.user())).isEmpty();
    }

    @Test
    void delete_removesTheSubscription_once() {
        store.save(new Subscription(user, "pro", Map.of(), null, Set.of(), T0));

        assertThat(store.delete(user)).isEqualTo(Change.applied());

        assertThat(store.find(user)).isEmpty();
        assertThat(store.delete(user)).isEqualTo(Change.noMatch());
        assertThat(store.delete(Unique.user())).isEqualTo(Change.noMatch());
    }

    @Test
    void tenants_areIsolated() {
        UserRef sameIdElsewhere = UserRef.of(Unique.tenant(), user.id());
        Subscription mine = new Subscription(user, "pro", Map.of(), null, Set.of(), T0);
        Subscription theirs = new Subscription(sameIdElsewhere, "free", Map.of(), 5, Set.of(), T0);
        store.save(mine);

        assertThat(store.find(sameIdElsewhere)).isEmpty();
        assertThat(store.delete(sameIdElsewhere)).isEqualTo(Change.noMatch());
        store.save(theirs);

        assertThat(store.find(user)).contains(mine);
        assertThat(store.find(sameIdElsewhere)).contains(theirs);
        assertThat(store.delete(user)).isEqualTo(Change.applied());
        assertThat(store.find(sameIdElsewhere)).contains(theirs);
    }

    @Test
    void users_areIsolated() {
        Subscription mine = new Subscription(user, "pro", Map.of("requests", 1L), null, Set.of(), T0);
        UserRef neighbour = UserRef.of(user.tenant(), Unique.userId());
        store.save(mine);
        store.save(new Subscription(neighbour, "team", Map.of(), null, Set.of(), T0));

        assertThat(store.delete(neighbour)).isEqualTo(Change.applied());

        assertThat(store.find(user)).contains(mine);
    }

    @Test
    void givenRecordOfTenantA_tenantB_neitherSeesNorChangesIt() {
        Subscription ofA = new Subscription(user, "pro", Map.of("requests", 10L), 5, Set.of("beta"), T0);
        store.save(ofA);
        UserRef aThroughB = UserRef.of(Unique.tenant(), user.id());

        assertThat(store.find(aThroughB)).isEmpty();
        assertThat(store.delete(aThroughB)).isEqualTo(Change.noMatch());
        Subscription ofB = new Subscription(aThroughB, "free", Map.of(), null, Set.of(), T0.plusSeconds(1));
        store.save(ofB);
        assertThat(store.find(aThroughB)).contains(ofB);
        assertThat(store.delete(aThroughB)).isEqualTo(Change.applied());

        assertThat(store.find(user)).contains(ofA);
    }
}

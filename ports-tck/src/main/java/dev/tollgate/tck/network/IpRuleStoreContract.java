package dev.tollgate.tck.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.Change;
import dev.tollgate.port.IpRuleId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.spi.network.IpRule;
import dev.tollgate.port.spi.network.IpRule.Action;
import dev.tollgate.port.spi.network.IpRuleStore;
import dev.tollgate.tck.internal.Unique;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link IpRuleStore}. A store proves itself by extending this class and
 * answering {@link #ipRuleStore()}, which is called before every test and may answer one store
 * shared by all tests. Rules are not kept per user, so {@code live} answers the rules of every
 * test that ran on the store: each test looks only at rules it made (by id) and never assumes
 * the store is empty. A store must keep instants to at least the millisecond.
 *
 * <p>Beyond the Javadoc of {@link IpRuleStore}, the contract pins these readings: a rule comes
 * back exactly as created, its {@code cidr} text unchanged and a null tenant (a global rule)
 * as null; a rule whose {@code expiresAt} equals {@code now} is expired, so {@code live(now)}
 * leaves it out and {@code deleteExpired(now)} removes it; rules of every tenant are answered
 * each with its own tenant, and the same range may have rules in several tenants. Not pinned:
 * the order of rules created at the same instant, and what {@code create} does with an id in
 * use.
 *
 * <p>{@code deleteExpired} removes the expired rules of every test; its test works with
 * instants in 2001, long before every other test's expiries, so its count is its own.
 */
public abstract class IpRuleStoreContract {

    protected static final Instant T0 = Instant.parse("2025-08-21T13:37:42.123Z");
    /** Long before every instant of the other tests: only the {@code deleteExpired} test's rules expire by then. */
    private static final Instant EARLY = Instant.parse("2001-09-09T01:46:40.321Z");

    private IpRuleStore store;
    private TenantId tenant;

    /** The store under test; called before each test. */
    protected abstract IpRuleStore ipRuleStore();

    @BeforeEach
    void setUpIpRuleStore() {
        store = ipRuleStore();
        tenant = Unique.tenant();
    }

    private static IpRule aRule(TenantId owner, Instant createdAt, Instant expiresAt) {
        return new IpRule(new IpRuleId(Unique.uuidV7(createdAt)), owner, "203.0.113.0/24", Action.DENY,
                "staff blocked it", false, "staff:" + Unique.tag(), createdAt, expiresAt);
    }

    private IpRule created(TenantId owner, Instant createdAt, Instant expiresAt) {
        IpRule rule = aRule(owner, createdAt, expiresAt);
        store.create(rule);
        return rule;
    }

    /** The live rules at {@code now} among {@code mine}, in the order {@code live} answers them. */
    private List<IpRule> liveOf(Instant now, IpRule... mine) {
        Set<IpRuleId> ids = Set.of(mine).stream().map(IpRule::id).collect(Collectors.toSet());
        return store.live(now).stream().filter(rule -> ids.contains(rule.id())).toList();
    }

    // --- create and find ---------------------------------------------------------------------

    @Test
    void aCreatedRuleOfATenant_isFound_withEveryField() {
        IpRule rule = new IpRule(new IpRuleId(Unique.uuidV7(T0)), tenant, "198.51.100.0/24", Action.ALLOW,
                "office network — Zürich ✓", false, "staff:" + Unique.userId(), T0, T0.plus(Duration.ofDays(30)).plusMillis(5));

        store.create(rule);

        assertThat(store.find(rule.id())).contains(rule);
    }

    @Test
    void aCreatedGlobalRule_withoutExpiry_ofAnIpv6Range_isFound_withEveryField() {
        IpRule rule = new IpRule(new IpRuleId(Unique.uuidV7(T0)), null, "2001:db8::/32", Action.DENY,
                "automatic", true, "automatic", T0, null);

        store.create(rule);

        IpRule found = store.find(rule.id()).orElseThrow(() -> new AssertionError("rule " + rule.id() + " not found"));
        assertThat(found).isEqualTo(rule);
        assertThat(found.tenant()).isNull();
        assertThat(found.expiresAt()).isNull();
        assertThat(found.automatic()).isTrue();
    }

    @Test
    void aRuleForASingleAddress_keepsItsFullPrefix() {
        IpRule v4 = new IpRule(new IpRuleId(Unique.uuidV7(T0)), tenant, "192.0.2.17/32", Action.DENY, "abuse",
                true, "automatic", T0, T0.plusSeconds(900));
        IpRule v6 = new IpRule(new IpRuleId(Unique.uuidV7(T0)), tenant, "2001:db8:0:1::2a/128", Action.ALLOW, "ci runner",
                false, "service:deploy", T0, null);

        store.create(v4);
        store.create(v6);

        assertThat(store.find(v4.id())).contains(v4);
        assertThat(store.find(v6.id())).contains(v6);
    }

    @Test
    void anUnknownId_findsNothing() {
        created(tenant, T0, null);

        assertThat(store.find(new IpRuleId(Unique.uuid()))).isEmpty();
    }

    // --- live --------------------------------------------------------------------------------

    @Test
    void live_answersTheRulesOfEveryTenantAndTheGlobalOnes_oldestFirst() {
        TenantId other = Unique.tenant();
        IpRule middle = created(other, T0.plusSeconds(10), null);
        IpRule oldest = created(tenant, T0, T0.plus(Duration.ofDays(1)));
        IpRule newest = created(null, T0.plusSeconds(20), null);

        List<IpRule> live = liveOf(T0.plusSeconds(30), middle, oldest, newest);

        assertThat(live).containsExactly(oldest, middle, newest);
        assertThat(live).extracting(IpRule::tenant).containsExactly(tenant, other, null);
    }

    @Test
    void live_leavesOutRulesWhoseExpiryIsNotAfterNow() {
        Instant now = T0.plusSeconds(600);
        IpRule endsJustAfter = created(tenant, T0, now.plusMillis(1));
        IpRule endsNow = created(tenant, T0.plusSeconds(1), now);
        IpRule endedBefore = created(null, T0.plusSeconds(2), now.minusMillis(1));
        IpRule forever = created(null, T0.plusSeconds(3), null);

        assertThat(liveOf(now, endsJustAfter, endsNow, endedBefore, forever)).containsExactly(endsJustAfter, forever);
        assertThat(liveOf(now.minusMillis(1), endsJustAfter, endsNow, endedBefore, forever))
                .containsExactly(endsJustAfter, endsNow, forever);
        assertThat(store.find(endsNow.id())).as("an expired rule is still found").contains(endsNow);
    }

    // --- delete ------------------------------------------------------------------------------

    @Test
    void delete_removesTheRule_once() {
        IpRule rule = created(tenant, T0, null);
        IpRule other = created(tenant, T0, null);

        assertThat(store.delete(rule.id())).isEqualTo(Change.applied());

        assertThat(store.find(rule.id())).isEmpty();
        assertThat(liveOf(T0.plusSeconds(1), rule, other)).containsExactly(other);
        assertThat(store.delete(rule.id())).isEqualTo(Change.noMatch());
        assertThat(store.delete(new IpRuleId(Unique.uuid()))).isEqualTo(Change.noMatch());
    }

    @Test
    void deleteExpired_removesEveryRuleExpiredAtOrBeforeNow_andAnswersHowMany() {
        Instant now = EARLY.plusSeconds(3600);
        store.deleteExpired(now); // what earlier runs on this store may have left
        IpRule endedBefore = created(tenant, EARLY, now.minusSeconds(60));
        IpRule endsNow = created(null, EARLY, now);
        IpRule endedElsewhere = created(Unique.tenant(), EARLY, now.minusMillis(1));
        IpRule endsJustAfter = created(tenant, EARLY, now.plusMillis(1));
        IpRule forever = created(tenant, EARLY, null);

        assertThat(store.deleteExpired(now)).isEqualTo(3);

        assertThat(store.find(endedBefore.id())).isEmpty();
        assertThat(store.find(endsNow.id())).isEmpty();
        assertThat(store.find(endedElsewhere.id())).isEmpty();
        assertThat(store.find(endsJustAfter.id())).contains(endsJustAfter);
        assertThat(store.find(forever.id())).contains(forever);
        assertThat(store.deleteExpired(now)).isZero();
        assertThat(store.deleteExpired(now.plusMillis(1))).isEqualTo(1);
        assertThat(store.find(forever.id())).contains(forever);
    }

    // --- tenant isolation --------------------------------------------------------------------

    @Test
    void rulesOfTwoTenants_forTheSameRange_areTwoRules_eachWithItsOwnTenant() {
        TenantId b = Unique.tenant();
        IpRule ofA = created(tenant, T0, null);
        IpRule ofB = new IpRule(new IpRuleId(Unique.uuidV7(T0)), b, ofA.cidr(), Action.ALLOW, "B trusts it", false,
                "staff:b", T0.plusSeconds(1), null);
        store.create(ofB);

        assertThat(liveOf(T0.plusSeconds(2), ofA, ofB)).containsExactly(ofA, ofB);
        assertThat(store.delete(ofB.id())).isEqualTo(Change.applied());

        assertThat(store.find(ofA.id())).contains(ofA);
        assertThat(liveOf(T0.plusSeconds(2), ofA, ofB)).containsExactly(ofA);
    }
}

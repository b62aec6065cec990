package dev.tollgate.tck.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.Change;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.TenantStatus;
import dev.tollgate.port.spi.tenant.TenantRecord;
import dev.tollgate.port.spi.tenant.TenantStore;
import dev.tollgate.tck.internal.Race;
import dev.tollgate.tck.internal.Unique;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link TenantStore}. Extend it with a factory for your store; every test uses
 * fresh tenant ids, so one database may serve all of them, and none assumes the store holds only
 * its own tenants. Instants keep at least milliseconds. Tenant ids order as their characters'
 * code points do (the order of {@link String#compareTo}, a database's binary collation).
 */
public abstract class TenantStoreContract {

    private static final Instant T0 = Instant.parse("2025-06-04T07:45:00.321Z");

    private TenantStore store;

    /** The store under test; called before each test. */
    protected abstract TenantStore tenantStore();

    @BeforeEach
    void setUpTenantStore() {
        store = tenantStore();
    }

    private static TenantRecord aTenant(TenantId id) {
        return new TenantRecord(id, "Tenant " + id.value(), TenantStatus.ACTIVE, null, T0, T0);
    }

    private TenantRecord inserted(TenantId id) {
        TenantRecord tenant = aTenant(id);
        assertThat(store.insert(tenant)).isEqualTo(Change.applied());
        return tenant;
    }

    @Test
    void theDefaultTenant_existsFromTheStart_activeAndNamedDefault() {
        assertThat(store.find(TenantId.DEFAULT)).hasValueSatisfying(tenant -> {
            assertThat(tenant.name()).isEqualTo("Default");
            assertThat(tenant.status()).isEqualTo(TenantStatus.ACTIVE);
        });
        assertThat(store.insert(aTenant(TenantId.DEFAULT))).isEqualTo(Change.noMatch());
    }

    @Test
    void anInsertedTenant_isFound_withEveryField() {
        TenantRecord tenant = new TenantRecord(Unique.tenant(), "Ünïcode & Co. \"Ltd\"", TenantStatus.DISABLED,
                "unpaid since May", T0, T0.plusMillis(17));

        assertThat(store.insert(tenant)).isEqualTo(Change.applied());

        assertThat(store.find(tenant.id())).contains(tenant);
    }

    @Test
    void anUnknownTenant_isNotFound() {
        assertThat(store.find(Unique.tenant())).isEmpty();
    }

    @Test
    void insertingATakenId_answersNoMatch_andKeepsTheFirst() {
        TenantRecord first = inserted(Unique.tenant());
        TenantRecord clash = new TenantRecord(first.id(), "Other", TenantStatus.DISABLED, "no", T0.plusSeconds(1),
                T0.plusSeconds(1));

        assertThat(store.insert(clash)).isEqualTo(Change.noMatch());

        assertThat(store.find(first.id())).contains(first);
    }

    @Test
    void list_pagesById_ascending_withoutDuplicatesOrGaps() {
        String prefix = "l" + Unique.tag();
        List<TenantRecord> mine = new ArrayList<>();
        for (String suffix : List.of("3", "0", "a", "1_x", "1-x", "b9", "1")) {
            mine.add(inserted(TenantId.of(prefix + suffix)));
        }
        List<TenantId> expected = mine.stream().map(TenantRecord::id)
                .sorted((a, b) -> a.value().compareTo(b.value())).toList();

        List<TenantId> paged = new ArrayList<>();
        TenantId after = TenantId.of(prefix);
        while (paged.size() < expected.size()) {
            List<TenantRecord> page = store.list(after, 3);
            assertThat(page).hasSizeBetween(1, 3);
            page.stream().map(TenantRecord::id).filter(id -> id.value().startsWith(prefix)).forEach(paged::add);
            after = page.get(page.size() - 1).id();
        }

        assertThat(paged.subList(0, expected.size())).containsExactlyElementsOf(expected);
        assertThat(store.list(TenantId.of(prefix), 2)).extracting(TenantRecord::id)
                .containsExactlyElementsOf(expected.subList(0, 2));
        assertThat(store.list(TenantId.of(prefix), 1).get(0)).isEqualTo(mine.get(1));
    }

    @Test
    void list_fromTheFirst_startsAtTheSmallestId_andKeepsTheOrder() {
        inserted(Unique.tenant());

        List<TenantRecord> first = store.list(null, 50);

        assertThat(first).isNotEmpty().hasSizeLessThanOrEqualTo(50);
        assertThat(first).extracting(tenant -> tenant.id().value()).isSorted().doesNotHaveDuplicates();
        List<TenantRecord> next = store.list(first.get(first.size() - 1).id(), 50);
        next.forEach(tenant -> assertThat(tenant.id().value()).isGreaterThan(first.get(first.size() - 1).id().value()));
    }

    @Test
    void rename_setsTheNameAndTheUpdateTime_only() {
        TenantRecord tenant = inserted(Unique.tenant());

        assertThat(store.rename(tenant.id(), "Renamed Ltd", T0.plusSeconds(30))).isEqualTo(Change.applied());

        assertThat(store.find(tenant.id())).contains(new TenantRecord(tenant.id(), "Renamed Ltd", TenantStatus.ACTIVE,
                null, T0, T0.plusSeconds(30)));
        assertThat(store.rename(Unique.tenant(), "Nobody", T0)).isEqualTo(Change.noMatch());
    }

    @Test
    void changeStatus_fromTheExpectedStatus_appliesAndKeepsTheReason() {
        TenantRecord tenant = inserted(Unique.tenant());

        assertThat(store.changeStatus(tenant.id(), TenantStatus.ACTIVE, TenantStatus.DISABLED, "fraud review",
                T0.plusSeconds(5))).isEqualTo(Change.applied());

        assertThat(store.find(tenant.id())).contains(new TenantRecord(tenant.id(), tenant.name(), TenantStatus.DISABLED,
                "fraud review", T0, T0.plusSeconds(5)));

        assertThat(store.changeStatus(tenant.id(), TenantStatus.DISABLED, TenantStatus.ACTIVE, null,
                T0.plusSeconds(9))).isEqualTo(Change.applied());
        assertThat(store.find(tenant.id())).hasValueSatisfying(found -> {
            assertThat(found.status()).isEqualTo(TenantStatus.ACTIVE);
            assertThat(found.statusReason()).isNull();
            assertThat(found.updatedAt()).isEqualTo(T0.plusSeconds(9));
        });
    }

    @Test
    void changeStatus_fromAnotherStatus_orOfAnUnknownTenant_changesNothing() {
        TenantRecord tenant = inserted(Unique.tenant());

        assertThat(store.changeStatus(tenant.id(), TenantStatus.DISABLED, TenantStatus.ACTIVE, "x", T0.plusSeconds(1)))
                .isEqualTo(Change.noMatch());
        assertThat(store.changeStatus(Unique.tenant(), TenantStatus.ACTIVE, TenantStatus.DISABLED, "x", T0))
                .isEqualTo(Change.noMatch());

        assertThat(store.find(tenant.id())).contains(tenant);
    }

    @Test
    void ofConcurrentInsertsOfOneId_exactlyOneApplies() {
        TenantId id = Unique.tenant();

        List<Change> results = Race.run(i -> store.insert(new TenantRecord(id, "Racer " + i, TenantStatus.ACTIVE, null,
                T0, T0)));

        assertThat(results).filteredOn(Change::isApplied).hasSize(1);
        int winner = IntStream.range(0, results.size()).filter(i -> results.get(i).isApplied()).findFirst().orElseThrow();
        assertThat(store.find(id)).hasValueSatisfying(found -> assertThat(found.name()).isEqualTo("Racer " + winner));
    }

    @Test
    void ofConcurrentDisablings_exactlyOneApplies() {
        TenantRecord tenant = inserted(Unique.tenant());

        List<Change> results = Race.run(i -> store.changeStatus(tenant.id(), TenantStatus.ACTIVE, TenantStatus.DISABLED,
                "racer " + i, T0.plusSeconds(i)));

        assertThat(results).filteredOn(Change::isApplied).hasSize(1);
        assertThat(store.find(tenant.id())).hasValueSatisfying(found -> assertThat(found.status())
                .isEqualTo(TenantStatus.DISABLED));
    }
}

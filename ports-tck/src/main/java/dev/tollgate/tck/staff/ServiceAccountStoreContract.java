package dev.tollgate.tck.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.port.Change;
import dev.tollgate.port.Permission;
import dev.tollgate.port.ServiceAccountId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.spi.staff.ServiceAccountRecord;
import dev.tollgate.port.spi.staff.ServiceAccountStore;
import dev.tollgate.tck.internal.Race;
import dev.tollgate.tck.internal.Unique;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ServiceAccountStore}. Extend it with a factory for your store; every
 * test uses fresh tenants, ids and digests, so one database may serve all of them. Instants keep
 * at least milliseconds; ids order as unsigned 128-bit numbers, as databases compare UUIDs. A
 * second account with a digest already stored is refused with an exception.
 */
public abstract class ServiceAccountStoreContract {

    private static final Instant T0 = Instant.parse("2025-08-06T05:15:00.987Z");

    private ServiceAccountStore store;
    private TenantId tenant;

    /** The store under test; called before each test. */
    protected abstract ServiceAccountStore serviceAccountStore();

    @BeforeEach
    void setUpServiceAccountStore() {
        store = serviceAccountStore();
        tenant = Unique.tenant();
    }

    private static ServiceAccountRecord anAccount(TenantId tenant, UUID id, Set<Permission> permissions) {
        return new ServiceAccountRecord(new ServiceAccountId(id), tenant, "billing bridge", permissions, Unique.digest(),
                "tgs_ab12", T0, null, null);
    }

    private ServiceAccountRecord inserted(TenantId tenant) {
        ServiceAccountRecord account = anAccount(tenant, Unique.uuid(), Set.of(Permission.KEYS_VERIFY));
        store.insert(account);
        return account;
    }

    @Test
    void anInsertedAccount_isFoundByIdAndByDigest_withEveryField() {
        ServiceAccountRecord account = new ServiceAccountRecord(new ServiceAccountId(Unique.uuid()), tenant,
                "Ünïcode, \"quoted\" & spaced", Set.of(Permission.KEYS_VERIFY, Permission.BILLING_WRITE,
                Permission.USERS_READ), Unique.digest(), "tgs_9f8e", T0.plusMillis(1), Unique.userId(), null);

        store.insert(account);

        assertThat(store.findById(tenant, account.id())).contains(account);
        assertThat(store.findByKeyDigest(account.keyDigest())).contains(account);
    }

    @Test
    void permissions_roundTripAsASet_fromNoneToAll() {
        ServiceAccountRecord none = anAccount(tenant, Unique.uuid(), Set.of());
        ServiceAccountRecord all = anAccount(tenant, Unique.uuid(), EnumSet.allOf(Permission.class));
        store.insert(none);
        store.insert(all);

        assertThat(store.findById(tenant, none.id())).hasValueSatisfying(found -> assertThat(found.permissions()).isEmpty());
        assertThat(store.findById(tenant, all.id())).hasValueSatisfying(found ->
                assertThat(found.permissions()).containsExactlyInAnyOrder(Permission.values()));
    }

    @Test
    void anAccount_isNotFoundThroughAnotherTenant_norByAnUnknownIdOrDigest() {
        ServiceAccountRecord account = inserted(tenant);

        assertThat(store.findById(Unique.tenant(), account.id())).isEmpty();
        assertThat(store.findById(tenant, new ServiceAccountId(Unique.uuid()))).isEmpty();
        assertThat(store.findByKeyDigest(Unique.digest())).isEmpty();
    }

    @Test
    void findByKeyDigest_findsTheAccountInAnyTenant() {
        ServiceAccountRecord elsewhere = inserted(Unique.tenant());

        assertThat(store.findByKeyDigest(elsewhere.keyDigest())).contains(elsewhere);
    }

    @Test
    void aDuplicateDigest_isRefused_evenInAnotherTenant() {
        ServiceAccountRecord account = inserted(tenant);
        ServiceAccountRecord clash = new ServiceAccountRecord(new ServiceAccountId(Unique.uuid()), Unique.tenant(), "clash",
                Set.of(), account.keyDigest(), "tgs_0000", T0, null, null);

        assertThatThrownBy(() -> store.insert(clash)).isInstanceOf(RuntimeException.class);

        assertThat(store.findByKeyDigest(account.keyDigest())).contains(account);
        assertThat(store.findById(clash.tenant(), clash.id())).isEmpty();
    }

    @Test
    void list_pagesATenantsAccountsById_asUnsignedNumbers_withoutDuplicatesOrGaps() {
        List<ServiceAccountRecord> expected = new ArrayList<>();
        for (Instant at : List.of(T0.minusSeconds(60), T0, T0, T0.plusMillis(1), Instant.parse("4000-01-01T00:00:00Z"),
                Instant.parse("7000-01-01T00:00:00Z"))) {
            expected.add(anAccount(tenant, Unique.uuidV7(at), Set.of(Permission.KEYS_VERIFY)));
        }
        expected.sort((a, b) -> unsigned(a.id().value(), b.id().value()));
        for (int i : new int[] {3, 0, 5, 1, 4, 2}) {
            store.insert(expected.get(i));
        }
        inserted(Unique.tenant());

        List<ServiceAccountRecord> paged = new ArrayList<>();
        ServiceAccountId after = null;
        List<ServiceAccountRecord> page;
        do {
            page = store.list(tenant, after, 4);
            paged.addAll(page);
            after = page.isEmpty() ? null : page.get(page.size() - 1).id();
        } while (page.size() == 4);

        assertThat(paged).containsExactlyElementsOf(expected);
        assertThat(store.list(tenant, expected.get(1).id(), 2)).containsExactlyElementsOf(expected.subList(2, 4));
        assertThat(store.list(Unique.tenant(), null, 10)).isEmpty();
    }

    private static int unsigned(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    @Test
    void revoke_endsAnAccountOnce_andTheRevokedAccountIsStillFoundByDigest() {
        ServiceAccountRecord account = inserted(tenant);

        assertThat(store.revoke(Unique.tenant(), account.id(), T0.plusSeconds(1))).isEqualTo(Change.noMatch());
        assertThat(store.revoke(tenant, account.id(), T0.plusSeconds(2))).isEqualTo(Change.applied());
        assertThat(store.revoke(tenant, account.id(), T0.plusSeconds(3))).isEqualTo(Change.noMatch());
        assertThat(store.revoke(tenant, new ServiceAccountId(Unique.uuid()), T0)).isEqualTo(Change.noMatch());

        assertThat(store.findByKeyDigest(account.keyDigest())).hasValueSatisfying(found -> {
            assertThat(found.revoked()).isTrue();
            assertThat(found.revokedAt()).isEqualTo(T0.plusSeconds(2));
            assertThat(found.permissions()).isEqualTo(account.permissions());
        });
        assertThat(store.findById(tenant, account.id())).hasValueSatisfying(found ->
                assertThat(found.revokedAt()).isEqualTo(T0.plusSeconds(2)));
        assertThat(store.list(tenant, null, 10)).extracting(ServiceAccountRecord::id).containsExactly(account.id());
    }

    @Test
    void ofConcurrentRevocationsOfOneAccount_exactlyOneApplies() {
        ServiceAccountRecord account = inserted(tenant);

        List<Change> results = Race.run(i -> store.revoke(tenant, account.id(), T0.plusSeconds(i)));

        assertThat(results).filteredOn(Change::isApplied).hasSize(1);
        assertThat(store.findById(tenant, account.id())).hasValueSatisfying(found -> assertThat(found.revoked()).isTrue());
    }
}

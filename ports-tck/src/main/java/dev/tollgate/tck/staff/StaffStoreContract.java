package dev.tollgate.tck.staff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.staff.StaffChange;
import dev.tollgate.port.spi.staff.StaffChange.Kind;
import dev.tollgate.port.spi.staff.StaffRecord;
import dev.tollgate.port.spi.staff.StaffStore;
import dev.tollgate.tck.internal.Race;
import dev.tollgate.tck.internal.Unique;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link StaffStore}. Extend it with a factory for your store; every test uses
 * fresh tenants, users and role names (the guarded role included, since its holders are counted
 * in all tenants), so one database may serve all of them. Instants keep at least milliseconds.
 *
 * <p>Beyond the Javadoc of {@link StaffStore}, the contract pins these readings:
 * <ul>
 *   <li>User ids order as unsigned 128-bit numbers, as databases compare UUIDs (for time-ordered
 *       ids, the order of time).</li>
 *   <li>An applied {@code changeRole} keeps {@code grantedAt} and records {@code by} as
 *       {@code grantedBy} and {@code now} as {@code updatedAt}; an applied {@code revoke} carries
 *       the record it removed.</li>
 *   <li>The guard applies only when the expected role is the guarded one; changing a guarded
 *       holder to the guarded role again is no demotion.</li>
 * </ul>
 */
public abstract class StaffStoreContract {

    private static final Instant T0 = Instant.parse("2025-07-05T06:30:00.654Z");
    private static final int ROUNDS = 20;
    private static final int HOLDERS = 10;

    private StaffStore store;
    private UserRef user;
    private String guarded;
    private String support;

    /** The store under test; called before each test. */
    protected abstract StaffStore staffStore();

    @BeforeEach
    void setUpStaffStore() {
        store = staffStore();
        user = Unique.user();
        guarded = "super_admin_" + Unique.tag();
        support = "support_" + Unique.tag();
    }

    private static StaffRecord staff(UserRef who, String role) {
        return new StaffRecord(who, role, T0, null, T0);
    }

    private StaffRecord granted(UserRef who, String role) {
        StaffRecord record = staff(who, role);
        assertThat(store.grant(record)).isEqualTo(StaffChange.applied(record));
        return record;
    }

    // --- grant and find ----------------------------------------------------------------------

    @Test
    void aGrantedRole_isFound_withEveryField() {
        UserId by = Unique.userId();
        StaffRecord record = new StaffRecord(user, support, T0, by, T0.plusMillis(3));

        assertThat(store.grant(record)).isEqualTo(StaffChange.applied(record));

        assertThat(store.find(user)).contains(record);
    }

    @Test
    void aUserWithoutRole_orTheSameIdInAnotherTenant_isNotStaff() {
        granted(user, support);

        assertThat(store.find(Unique.user())).isEmpty();
        assertThat(store.find(UserRef.of(Unique.tenant(), user.id()))).isEmpty();
    }

    @Test
    void grantingAUserWhoHoldsARole_answersAlreadyStaff_andKeepsTheRole() {
        StaffRecord first = granted(user, support);

        assertThat(store.grant(new StaffRecord(user, guarded, T0.plusSeconds(1), Unique.userId(), T0.plusSeconds(1))))
                .isEqualTo(StaffChange.of(Kind.ALREADY_STAFF));

        assertThat(store.find(user)).contains(first);
    }

    // --- grantFirst --------------------------------------------------------------------------

    @Test
    void grantFirst_givesTheRoleOnlyWhileNobodyInAnyTenantHoldsIt() {
        StaffRecord first = staff(user, guarded);

        assertThat(store.grantFirst(first)).isEqualTo(StaffChange.applied(first));

        assertThat(store.grantFirst(staff(Unique.user(), guarded))).isEqualTo(StaffChange.of(Kind.HOLDER_EXISTS));
        assertThat(store.grantFirst(staff(UserRef.of(user.tenant(), Unique.userId()), guarded)))
                .isEqualTo(StaffChange.of(Kind.HOLDER_EXISTS));
        assertThat(store.find(user)).contains(first);
        assertThat(store.countHolders(guarded)).isEqualTo(1);
    }

    @Test
    void grantFirst_toAUserWhoHoldsAnotherRole_answersAlreadyStaff() {
        StaffRecord held = granted(user, support);

        assertThat(store.grantFirst(staff(user, guarded))).isEqualTo(StaffChange.of(Kind.ALREADY_STAFF));

        assertThat(store.find(user)).contains(held);
        assertThat(store.countHolders(guarded)).isZero();
    }

    // --- changeRole --------------------------------------------------------------------------

    @Test
    void changeRole_fromTheExpectedRole_movesIt_keepingTheGrantTime() {
        granted(user, support);
        UserId by = Unique.userId();
        StaffRecord expected = new StaffRecord(user, "admin_" + support, T0, by, T0.plusSeconds(60));

        assertThat(store.changeRole(user, support, expected.role(), by, T0.plusSeconds(60), guarded))
                .isEqualTo(StaffChange.applied(expected));

        assertThat(store.find(user)).contains(expected);
    }

    @Test
    void changeRole_fromAnotherRole_orOfANonStaffUser_answersNoMatch_andChangesNothing() {
        StaffRecord held = granted(user, support);

        assertThat(store.changeRole(user, guarded, "other", null, T0.plusSeconds(1), guarded))
                .isEqualTo(StaffChange.of(Kind.NO_MATCH));
        assertThat(store.changeRole(Unique.user(), support, "other", null, T0.plusSeconds(1), guarded))
                .isEqualTo(StaffChange.of(Kind.NO_MATCH));
        assertThat(store.changeRole(UserRef.of(Unique.tenant(), user.id()), support, "other", null, T0, guarded))
                .isEqualTo(StaffChange.of(Kind.NO_MATCH));

        assertThat(store.find(user)).contains(held);
    }

    @Test
    void demotingTheOnlyHolderOfTheGuardedRole_answersLastHolder_andChangesNothing() {
        StaffRecord only = granted(user, guarded);

        assertThat(store.changeRole(user, guarded, support, null, T0.plusSeconds(1), guarded))
                .isEqualTo(StaffChange.of(Kind.LAST_HOLDER));

        assertThat(store.find(user)).contains(only);
        assertThat(store.countHolders(guarded)).isEqualTo(1);
    }

    @Test
    void demotingAGuardedHolder_whileAnotherTenantHasOne_applies_andThenTheOtherIsTheLast() {
        granted(user, guarded);
        UserRef elsewhere = Unique.user();
        granted(elsewhere, guarded);

        assertThat(store.changeRole(user, guarded, support, null, T0.plusSeconds(1), guarded).kind())
                .isEqualTo(Kind.APPLIED);

        assertThat(store.changeRole(elsewhere, guarded, support, null, T0.plusSeconds(2), guarded))
                .isEqualTo(StaffChange.of(Kind.LAST_HOLDER));
        assertThat(store.countHolders(guarded)).isEqualTo(1);
        assertThat(store.find(elsewhere)).hasValueSatisfying(found -> assertThat(found.role()).isEqualTo(guarded));
    }

    @Test
    void theGuard_coversOnlyTheGuardedRole() {
        granted(user, support);

        assertThat(store.changeRole(user, support, "other_" + support, null, T0.plusSeconds(1), guarded).kind())
                .isEqualTo(Kind.APPLIED);
        assertThat(store.revoke(user, "other_" + support, guarded).kind()).isEqualTo(Kind.APPLIED);
        assertThat(store.find(user)).isEmpty();
    }

    @Test
    void theOnlyGuardedHolder_mayBeChangedToTheGuardedRoleAgain() {
        granted(user, guarded);

        assertThat(store.changeRole(user, guarded, guarded, null, T0.plusSeconds(1), guarded).kind())
                .isEqualTo(Kind.APPLIED);
        assertThat(store.countHolders(guarded)).isEqualTo(1);
    }

    // --- revoke ------------------------------------------------------------------------------

    @Test
    void revoke_fromTheExpectedRole_takesItAway_andCarriesTheRemovedRecord() {
        StaffRecord held = granted(user, support);

        assertThat(store.revoke(user, support, guarded)).isEqualTo(StaffChange.applied(held));

        assertThat(store.find(user)).isEmpty();
        assertThat(store.revoke(user, support, guarded)).isEqualTo(StaffChange.of(Kind.NO_MATCH));
        assertThat(store.grant(staff(user, guarded)).kind()).as("a revoked user may be granted again").isEqualTo(Kind.APPLIED);
    }

    @Test
    void revoke_fromAnotherRole_orOfAnotherTenantsUser_answersNoMatch() {
        StaffRecord held = granted(user, support);

        assertThat(store.revoke(user, guarded, guarded)).isEqualTo(StaffChange.of(Kind.NO_MATCH));
        assertThat(store.revoke(UserRef.of(Unique.tenant(), user.id()), support, guarded))
                .isEqualTo(StaffChange.of(Kind.NO_MATCH));

        assertThat(store.find(user)).contains(held);
    }

    @Test
    void revokingTheLastGuardedHolder_answersLastHolder() {
        UserRef other = UserRef.of(user.tenant(), Unique.userId());
        granted(user, guarded);
        granted(other, guarded);

        assertThat(store.revoke(other, guarded, guarded).kind()).isEqualTo(Kind.APPLIED);
        assertThat(store.revoke(user, guarded, guarded)).isEqualTo(StaffChange.of(Kind.LAST_HOLDER));

        assertThat(store.find(user)).hasValueSatisfying(found -> assertThat(found.role()).isEqualTo(guarded));
    }

    // --- countHolders and list ---------------------------------------------------------------

    @Test
    void countHolders_countsInAllTenants() {
        granted(user, support);
        granted(UserRef.of(user.tenant(), Unique.userId()), support);
        granted(Unique.user(), support);
        granted(Unique.user(), guarded);

        assertThat(store.countHolders(support)).isEqualTo(3);
        assertThat(store.countHolders(guarded)).isEqualTo(1);
        assertThat(store.countHolders("nobody_" + Unique.tag())).isZero();
    }

    @Test
    void list_pagesATenantsStaffByUserId_asUnsignedNumbers_withoutDuplicatesOrGaps() {
        TenantId tenant = Unique.tenant();
        List<StaffRecord> mine = new ArrayList<>();
        for (Instant at : List.of(T0, T0.plusSeconds(1), T0, Instant.parse("7000-01-01T00:00:00Z"), T0.minusSeconds(90),
                Instant.parse("4000-06-01T12:00:00Z"), T0.plusMillis(1))) {
            mine.add(granted(UserRef.of(tenant, new UserId(Unique.uuidV7(at))), at.equals(T0) ? guarded : support));
        }
        granted(Unique.user(), support);
        List<StaffRecord> expected = mine.stream()
                .sorted(Comparator.comparing((StaffRecord record) -> record.user().id().value(), StaffStoreContract::unsigned))
                .toList();

        List<StaffRecord> paged = new ArrayList<>();
        UserId after = null;
        List<StaffRecord> page;
        do {
            page = store.list(tenant, after, 3);
            assertThat(page).hasSizeLessThanOrEqualTo(3);
            paged.addAll(page);
            after = page.isEmpty() ? null : page.get(page.size() - 1).user().id();
        } while (page.size() == 3);

        assertThat(paged).containsExactlyElementsOf(expected);
        assertThat(store.list(tenant, expected.get(4).user().id(), 10)).containsExactlyElementsOf(expected.subList(5, 7));
        assertThat(store.list(Unique.tenant(), null, 10)).isEmpty();
    }

    private static int unsigned(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    // --- races -------------------------------------------------------------------------------

    @Test
    void twoGuardedHoldersDemotingEachOtherAtOnce_leaveExactlyOne() {
        for (int round = 0; round < ROUNDS; round++) {
            String role = guarded + "_" + round;
            UserRef a = Unique.user();
            UserRef b = round % 2 == 0 ? UserRef.of(a.tenant(), Unique.userId()) : Unique.user();
            granted(a, role);
            granted(b, role);

            List<StaffChange> results = Race.run(2, i -> store.changeRole(i == 0 ? b : a, role, support,
                    (i == 0 ? a : b).id(), T0.plusSeconds(1), role));

            assertThat(results).as("round %d", round).extracting(StaffChange::kind)
                    .containsExactlyInAnyOrder(Kind.APPLIED, Kind.LAST_HOLDER);
            assertThat(store.countHolders(role)).as("round %d", round).isEqualTo(1);
            long stillHolding = List.of(a, b).stream()
                    .filter(who -> store.find(who).orElseThrow().role().equals(role)).count();
            assertThat(stillHolding).as("round %d", round).isEqualTo(1);
        }
    }

    @Test
    void revokingEveryGuardedHolderAtOnce_leavesExactlyOne() {
        List<UserRef> holders = new ArrayList<>();
        for (int i = 0; i < HOLDERS; i++) {
            UserRef holder = i % 3 == 0 ? Unique.user() : UserRef.of(user.tenant(), Unique.userId());
            granted(holder, guarded);
            holders.add(holder);
        }

        List<StaffChange> results = Race.run(HOLDERS, i -> store.revoke(holders.get(i), guarded, guarded));

        assertThat(results).extracting(StaffChange::kind).filteredOn(kind -> kind == Kind.APPLIED).hasSize(HOLDERS - 1);
        assertThat(results).extracting(StaffChange::kind).filteredOn(kind -> kind == Kind.LAST_HOLDER).hasSize(1);
        assertThat(store.countHolders(guarded)).isEqualTo(1);
        assertThat(holders.stream().filter(holder -> store.find(holder).isPresent())).hasSize(1);
    }

    @Test
    void ofConcurrentFirstGrantsToDistinctUsers_exactlyOneApplies() {
        List<UserRef> users = new ArrayList<>();
        for (int i = 0; i < Race.THREADS; i++) {
            users.add(i % 2 == 0 ? Unique.user() : UserRef.of(user.tenant(), Unique.userId()));
        }

        List<StaffChange> results = Race.run(i -> store.grantFirst(staff(users.get(i), guarded)));

        assertThat(results).extracting(StaffChange::kind).filteredOn(kind -> kind == Kind.APPLIED).hasSize(1);
        assertThat(results).extracting(StaffChange::kind).filteredOn(kind -> kind != Kind.APPLIED)
                .containsOnly(Kind.HOLDER_EXISTS);
        assertThat(store.countHolders(guarded)).isEqualTo(1);
    }

    @Test
    void ofConcurrentGrantsToOneUser_exactlyOneApplies() {
        List<StaffChange> results = Race.run(i -> store.grant(staff(user, support + "_" + i)));

        assertThat(results).extracting(StaffChange::kind).filteredOn(kind -> kind == Kind.APPLIED).hasSize(1);
        assertThat(results).extracting(StaffChange::kind).filteredOn(kind -> kind != Kind.APPLIED)
                .containsOnly(Kind.ALREADY_STAFF);
        StaffRecord winner = results.stream().filter(change -> change.kind() == Kind.APPLIED).findFirst().orElseThrow()
                .record().orElseThrow();
        assertThat(store.find(user)).contains(winner);
    }
}

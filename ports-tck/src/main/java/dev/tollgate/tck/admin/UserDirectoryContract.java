package dev.tollgate.tck.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.AccountType;
import dev.tollgate.port.Profile;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.spi.admin.DirectoryEntry;
import dev.tollgate.port.spi.admin.UserDirectory;
import dev.tollgate.port.spi.admin.UserFilter;
import dev.tollgate.port.spi.admin.UserOrder;
import dev.tollgate.port.spi.admin.UserPosition;
import dev.tollgate.port.spi.metering.Subscription;
import dev.tollgate.port.spi.metering.SubscriptionStore;
import dev.tollgate.port.spi.staff.StaffRecord;
import dev.tollgate.port.spi.staff.StaffStore;
import dev.tollgate.port.spi.user.InsertResult;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.port.spi.user.UserStore;
import dev.tollgate.tck.internal.Unique;
import dev.tollgate.tck.support.UserRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of {@link UserDirectory}: listing the users a {@link UserStore} holds, with the
 * plans of a {@link SubscriptionStore} and the roles of a {@link StaffStore} of the same stores.
 * The hooks are called before every test and may answer stores shared by all tests: each test
 * works in a fresh tenant.
 *
 * <p>Beyond the Javadoc, the contract pins these readings: usernames order as their canonical
 * (ASCII) forms compare, byte by byte; {@code %} and {@code _} in a text prefix are literal; a
 * name matches the prefix by its lower-cased form (the contract uses ASCII names only).
 */
public abstract class UserDirectoryContract {

    protected static final Instant T0 = Instant.parse("2025-04-01T08:00:00.123Z");
    private static final String DEFAULT_PLAN = "free";
    private static final Comparator<UUID> UNSIGNED = (a, b) -> {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };

    private UserDirectory directory;
    private UserStore users;
    private SubscriptionStore subscriptions;
    private StaffStore staff;
    private TenantId tenant;

    /** The directory under test; called before each test. */
    protected abstract UserDirectory userDirectory();

    /** The user store the directory lists. */
    protected abstract UserStore userStore();

    /** The subscriptions the directory answers plans from. */
    protected abstract SubscriptionStore subscriptionStore();

    /** The staff store the directory answers roles from. */
    protected abstract StaffStore staffStore();

    @BeforeEach
    void setUpUserDirectory() {
        directory = userDirectory();
        users = userStore();
        subscriptions = subscriptionStore();
        staff = staffStore();
        tenant = Unique.tenant();
    }

    private UserRecord inserted(UnaryOperator<UserRecords> change) {
        UserRecord user = change.apply(UserRecords.aUser().withTenant(tenant)).build();
        assertThat(users.insert(user)).isEqualTo(InsertResult.inserted());
        return user;
    }

    private UserRecord inserted() {
        return inserted(user -> user);
    }

    private UserFilter all() {
        return UserFilter.all(tenant, DEFAULT_PLAN);
    }

    private UserFilter withText(String prefix) {
        return new UserFilter(tenant, prefix, null, null, DEFAULT_PLAN, null, null, null, null, null, null);
    }

    private List<UserId> ids(UserFilter filter, UserOrder order) {
        return directory.search(filter, order, null, 1_000).stream().map(entry -> entry.user().ref().id()).toList();
    }

    private List<UserId> ids(UserFilter filter) {
        return ids(filter, new UserOrder(UserOrder.Key.CREATED, false));
    }

    private static List<UserId> idsOf(UserRecord... records) {
        return Stream.of(records).map(record -> record.ref().id()).toList();
    }

    private static UserPosition positionOf(UserOrder.Key key, UserRecord user) {
        return switch (key) {
            case CREATED -> new UserPosition(user.createdAt(), null, null, user.ref().id());
            case USERNAME -> new UserPosition(null, user.username().canonical(), null, user.ref().id());
            case LAST_LOGIN -> new UserPosition(null, null, user.lastLoginAt(), user.ref().id());
        };
    }

    /** The order the port specifies, as a comparator: the key, then the id as unsigned 128 bits. */
    private static Comparator<UserRecord> expectedOrder(UserOrder order) {
        Comparator<UserRecord> byKey = switch (order.key()) {
            case CREATED -> Comparator.comparing(UserRecord::createdAt);
            case USERNAME -> Comparator.comparing(user -> user.username().canonical());
            case LAST_LOGIN -> Comparator.comparing(UserRecord::lastLoginAt, Comparator.nullsFirst(Comparator.naturalOrder()));
        };
        Comparator<UserRecord> ascending = byKey.thenComparing(user -> user.ref().id().value(), UNSIGNED);
        return order.descending() ? ascending.reversed() : ascending;
    }

    static Stream<Arguments> orders() {
        return Stream.of(UserOrder.Key.values())
                .flatMap(key -> Stream.of(Arguments.of(new UserOrder(key, false)), Arguments.of(new UserOrder(key, true))));
    }

    /**
     * Eight users with ties in every key, ids on both sides of the sign bit, and two who never
     * logged in.
     */
    private List<UserRecord> aMixedCrowd() {
        List<UserRecord> crowd = new ArrayList<>();
        String[] names = {"delta", "alpha", "charlie", "bravo", "alpha.2", "alpha-1", "alpha_3", "echo"};
        for (int i = 0; i < names.length; i++) {
            int index = i;
            UUID id = new UUID((index % 2 == 0 ? 0x0123_4567_89ab_7000L : 0xfedc_ba98_7654_7000L) + index, Unique.uuid().getLeastSignificantBits());
            crowd.add(inserted(user -> user
                    .withId(new UserId(id))
                    .withUsername(names[index] + (index % 3 == 0 ? "" : "x"))
                    .withCreatedAt(T0.plusSeconds(index / 2))
                    .withLastLoginAt(index % 4 == 3 ? null : T0.plus(Duration.ofHours(index % 3)))));
        }
        return crowd;
    }

    @Test
    void search_answersOnlyTheTenantsUsers_andCountCountsThem() {
        UserRecord one = inserted();
        UserRecord two = inserted();
        UserRecord elsewhere = UserRecords.aUser().withTenant(Unique.tenant()).build();
        users.insert(elsewhere);

        assertThat(ids(all())).containsExactlyInAnyOrderElementsOf(idsOf(one, two));
        assertThat(directory.count(all())).isEqualTo(2);
        assertThat(directory.count(UserFilter.all(Unique.tenant(), DEFAULT_PLAN))).isZero();
    }

    @Test
    void aTextPrefix_matchesTheCanonicalUsername_theEmail_orTheLowerCasedName() {
        UserRecord byUsername = inserted(user -> user.withUsername("Margaret.H"));
        UserRecord byEmail = inserted(user -> user.withEmail("marge@example.com"));
        UserRecord byName = inserted(user -> user.withProfile(new Profile("MARy Major", null, List.of(), AccountType.PERSONAL)));
        inserted(user -> user.withUsername("omar").withEmail("omar@example.com")
                .withProfile(new Profile("Omar Mar", null, List.of(), AccountType.PERSONAL)));

        assertThat(ids(withText("mar"))).containsExactlyInAnyOrderElementsOf(idsOf(byUsername, byEmail, byName));
        assertThat(ids(withText("margaret.h"))).containsExactly(byUsername.ref().id());
        assertThat(ids(withText("mary m"))).containsExactly(byName.ref().id());
        assertThat(directory.count(withText("mar"))).isEqualTo(3);
    }

    @Test
    void percentAndUnderscoreInATextPrefix_areLiteral() {
        UserRecord underscore = inserted(user -> user.withUsername("ab_cd"));
        inserted(user -> user.withUsername("abxcd"));
        UserRecord percent = inserted(user -> user.withEmail("x%y@example.com"));
        inserted(user -> user.withEmail("xzy@example.com"));
        inserted(user -> user.withProfile(new Profile("x and y", null, List.of(), AccountType.PERSONAL)));

        assertThat(ids(withText("ab_"))).containsExactly(underscore.ref().id());
        assertThat(ids(withText("x%"))).containsExactly(percent.ref().id());
        assertThat(ids(withText("%"))).isEmpty();
        assertThat(ids(withText("_"))).isEmpty();
    }

    @Test
    void theStatusFilter_answersUsersOfThatStatus() {
        UserRecord suspended = inserted(user -> user.withStatus(AccountStatus.SUSPENDED));
        inserted();
        UserFilter filter = new UserFilter(tenant, null, AccountStatus.SUSPENDED, null, DEFAULT_PLAN, null, null, null, null,
                null, null);

        assertThat(ids(filter)).containsExactly(suspended.ref().id());
        assertThat(directory.count(filter)).isEqualTo(1);
    }

    @Test
    void thePlanFilter_countsUsersWithoutASubscriptionOnTheDefaultPlan() {
        UserRecord pro = inserted();
        UserRecord explicitFree = inserted();
        UserRecord implicitFree = inserted();
        subscriptions.save(new Subscription(pro.ref(), "pro", Map.of(), null, Set.of(), T0));
        subscriptions.save(new Subscription(explicitFree.ref(), DEFAULT_PLAN, Map.of(), null, Set.of(), T0));

        UserFilter onPro = new UserFilter(tenant, null, null, "pro", DEFAULT_PLAN, null, null, null, null, null, null);
        assertThat(ids(onPro)).containsExactly(pro.ref().id());
        assertThat(directory.count(onPro)).isEqualTo(1);
        UserFilter free = new UserFilter(tenant, null, null, DEFAULT_PLAN, DEFAULT_PLAN, null, null, null, null, null, null);
        assertThat(ids(free)).containsExactlyInAnyOrderElementsOf(idsOf(explicitFree, implicitFree));
        assertThat(directory.count(free)).isEqualTo(2);
        assertThat(ids(new UserFilter(tenant, null, null, "pro", "pro", null, null, null, null, null, null)))
                .containsExactlyInAnyOrderElementsOf(idsOf(pro, implicitFree));
    }

    @Test
    void theAccountTypeAndVerifiedFilters_answerMatchingUsers() {
        UserRecord business = inserted(user -> user.withProfile(Profile.empty(AccountType.BUSINESS)));
        UserRecord verified = inserted(user -> user.withEmailVerifiedAt(T0));
        UserRecord neither = inserted();

        assertThat(ids(new UserFilter(tenant, null, null, null, DEFAULT_PLAN, AccountType.BUSINESS, null, null, null, null, null)))
                .containsExactly(business.ref().id());
        assertThat(ids(new UserFilter(tenant, null, null, null, DEFAULT_PLAN, null, true, null, null, null, null)))
                .containsExactly(verified.ref().id());
        assertThat(ids(new UserFilter(tenant, null, null, null, DEFAULT_PLAN, AccountType.PERSONAL, false, null, null, null, null)))
                .containsExactly(neither.ref().id());
    }

    @Test
    void theCreatedRange_includesItsStart_andExcludesItsEnd() {
        inserted(user -> user.withCreatedAt(T0.minusMillis(1)));
        UserRecord atStart = inserted(user -> user.withCreatedAt(T0));
        UserRecord inside = inserted(user -> user.withCreatedAt(T0.plusSeconds(30)));
        inserted(user -> user.withCreatedAt(T0.plusSeconds(60)));

        UserFilter range = new UserFilter(tenant, null, null, null, DEFAULT_PLAN, null, null, T0, T0.plusSeconds(60), null, null);
        assertThat(ids(range)).containsExactly(atStart.ref().id(), inside.ref().id());
        UserFilter onlyFrom = new UserFilter(tenant, null, null, null, DEFAULT_PLAN, null, null, T0.plusSeconds(30), null, null, null);
        assertThat(directory.count(onlyFrom)).isEqualTo(2);
    }

    @Test
    void theLastLoginRange_includesItsStart_excludesItsEnd_andNeverMatchesAUserWhoNeverLoggedIn() {
        inserted();
        inserted(user -> user.withLastLoginAt(T0.minusMillis(1)));
        UserRecord atStart = inserted(user -> user.withLastLoginAt(T0));
        inserted(user -> user.withLastLoginAt(T0.plusSeconds(60)));

        UserFilter range = new UserFilter(tenant, null, null, null, DEFAULT_PLAN, null, null, null, null, T0, T0.plusSeconds(60));
        assertThat(ids(range)).containsExactly(atStart.ref().id());
        UserFilter upTo = new UserFilter(tenant, null, null, null, DEFAULT_PLAN, null, null, null, null, null, T0.plusSeconds(60));
        assertThat(directory.count(upTo)).isEqualTo(2);
    }

    @Test
    void anEntry_answersTheSubscribedPlan_andTheStaffRole_orNullForNone() {
        UserRecord subscribed = inserted();
        UserRecord staffMember = inserted(user -> user.withCreatedAt(T0.plusSeconds(1)));
        subscriptions.save(new Subscription(subscribed.ref(), "pro", Map.of(), null, Set.of(), T0));
        staff.grant(new StaffRecord(staffMember.ref(), "support", T0, null, T0));

        List<DirectoryEntry> entries = directory.search(all(), new UserOrder(UserOrder.Key.CREATED, false), null, 10);

        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).user()).isEqualTo(subscribed);
        assertThat(entries.get(0).plan()).isEqualTo("pro");
        assertThat(entries.get(0).staffRole()).isNull();
        assertThat(entries.get(1).plan()).isNull();
        assertThat(entries.get(1).staffRole()).isEqualTo("support");
    }

    @ParameterizedTest
    @MethodSource("orders")
    void everyOrder_sortsByItsKey_thenByTheIdAsUnsigned128Bits(UserOrder order) {
        List<UserRecord> crowd = aMixedCrowd();

        List<UserId> expected = crowd.stream().sorted(expectedOrder(order)).map(user -> user.ref().id()).toList();
        assertThat(ids(all(), order)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @MethodSource("orders")
    void pagingInPagesOfThree_answersTheUnpagedList(UserOrder order) {
        aMixedCrowd();
        List<DirectoryEntry> unpaged = directory.search(all(), order, null, 1_000);

        List<DirectoryEntry> paged = new ArrayList<>();
        UserPosition after = null;
        while (true) {
            List<DirectoryEntry> page = directory.search(all(), order, after, 3);
            assertThat(page.size()).isLessThanOrEqualTo(3);
            if (page.isEmpty()) {
                break;
            }
            paged.addAll(page);
            after = positionOf(order.key(), page.get(page.size() - 1).user());
        }

        assertThat(paged).containsExactlyElementsOf(unpaged);
        assertThat(paged).hasSize(8);
    }

    @ParameterizedTest
    @MethodSource("orders")
    void usersInsertedBetweenPages_causeNoDuplicateAndNoGap_amongThosePresentAtTheStart(UserOrder order) {
        List<UserRecord> present = aMixedCrowd();
        Set<UserId> seen = new HashSet<>();
        List<UserId> listed = new ArrayList<>();
        UserPosition after = null;
        int round = 0;
        while (true) {
            List<DirectoryEntry> page = directory.search(all(), order, after, 3);
            if (page.isEmpty()) {
                break;
            }
            page.forEach(entry -> listed.add(entry.user().ref().id()));
            after = positionOf(order.key(), page.get(page.size() - 1).user());
            int offset = round++;
            if (offset < 3) {
                // before, among and after the users present, in every order
                inserted(user -> user.withUsername("alpha" + offset + "new").withCreatedAt(T0.plusMillis(offset * 700L))
                        .withLastLoginAt(offset % 2 == 0 ? null : T0.plus(Duration.ofMinutes(offset * 50L))));
                inserted(user -> user.withUsername("zulu" + offset).withCreatedAt(T0.minusSeconds(offset + 1))
                        .withLastLoginAt(T0.plus(Duration.ofHours(5 - offset))));
            }
            assertThat(round).as("pages").isLessThan(20);
        }

        seen.addAll(listed);
        assertThat(listed).doesNotHaveDuplicates();
        assertThat(seen).containsAll(idsOf(present.toArray(UserRecord[]::new)));
    }

    @Test
    void search_answersAtMostTheLimit() {
        for (int i = 0; i < 5; i++) {
            inserted();
        }

        assertThat(directory.search(all(), new UserOrder(UserOrder.Key.USERNAME, false), null, 2)).hasSize(2);
        assertThat(directory.count(all())).isEqualTo(5);
    }
}

package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.Permission;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Page;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.admin.AuditQuery;
import dev.tollgate.port.api.admin.Stats;
import dev.tollgate.port.api.admin.StatsQuery;
import dev.tollgate.port.api.admin.UserQuery;
import dev.tollgate.port.api.admin.UserSummary;
import dev.tollgate.port.api.audit.AuditEntry;
import dev.tollgate.port.api.metering.KeyCheck;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.settings.StaffSettings;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Staff's lists and figures: the user search, the audit search and the statistics. */
class AdminQueriesTest {

    private final CoreFixture fixture = new CoreFixture();
    private final AdminActors actors = new AdminActors(fixture);
    private final Actor admin = actors.actor(StaffSettings.ADMIN);
    private final List<UserRef> registered = new ArrayList<>();

    private int addresses;

    private void registerUsers(int count) {
        for (int i = 0; i < count; i++) {
            fixture.clock.advance(Duration.ofMinutes(1));
            registered.add(register(String.format("user%03d", i)));
        }
    }

    /** Registers {@code username} from an address of its own, so no registration throttle is reached. */
    private UserRef register(String username) {
        addresses++;
        return fixture.core.registration().register(fixture.registration(username)
                .withContext(RequestContext.of("198.51." + (addresses / 250) + "." + (addresses % 250 + 1), "JUnit/6")))
                .orElseThrow().user().ref();
    }

    private Outcome<Page<UserSummary>> search(Actor actor, UserQuery query, PageRequest page) {
        return fixture.core.administration().search(actor, query, page);
    }

    /** Every page of a list, following the cursors. */
    private static <T> List<T> allPages(Function<PageRequest, Outcome<Page<T>>> list, int limit) {
        List<T> all = new ArrayList<>();
        PageRequest page = PageRequest.first(limit);
        for (int pages = 0; pages < 1000; pages++) {
            Page<T> answer = list.apply(page).orElseThrow();
            assertThat(answer.items()).hasSizeLessThanOrEqualTo(limit);
            all.addAll(answer.items());
            if (answer.last()) {
                return all;
            }
            page = page.after(answer.nextCursor().orElseThrow());
        }
        throw new AssertionError("the list did not end");
    }

    @Nested
    class Search {

        @Test
        void pagingThroughEveryUser_givesEachOnce_inOrder_evenWhileUsersAreAdded() {
            registerUsers(23);
            UserQuery query = UserQuery.all(TenantId.DEFAULT).sortedBy(UserQuery.Sort.CREATED, false);
            List<UserId> seen = new ArrayList<>();
            PageRequest page = PageRequest.first(5);
            while (true) {
                Page<UserSummary> answer = search(admin, query, page).orElseThrow();
                answer.items().forEach(row -> seen.add(row.user().id()));
                register("late" + seen.size());
                if (answer.last()) {
                    break;
                }
                page = page.after(answer.nextCursor().orElseThrow());
            }

            assertThat(seen).doesNotHaveDuplicates();
            assertThat(seen).containsSubsequence(registered.stream().map(UserRef::id).toList());
        }

        @Test
        void eachSortOrder_pagesWithoutDuplicatesOrGaps() {
            registerUsers(12);
            for (UserQuery.Sort sort : UserQuery.Sort.values()) {
                for (boolean descending : new boolean[] {false, true}) {
                    UserQuery query = UserQuery.all(TenantId.DEFAULT).sortedBy(sort, descending);
                    List<UserId> paged = allPages(page -> search(admin, query, page), 4).stream()
                            .map(row -> row.user().id()).toList();
                    List<UserId> whole = search(admin, query, PageRequest.first(200)).orElseThrow().items().stream()
                            .map(row -> row.user().id()).toList();
                    assertThat(paged).as("%s %s", sort, descending ? "descending" : "ascending")
                            .containsExactlyElementsOf(whole);
                }
            }
        }

        @Test
        void text_isAPrefix_ignoringCaseAndSpaces_andTheTotalIsCountedOnRequest() {
            registerUsers(3);
            register("zelda");

            Page<UserSummary> page = search(admin, UserQuery.all(TenantId.DEFAULT).withText("  ZEL "),
                    PageRequest.first(10).counted()).orElseThrow();

            assertThat(page.items()).extracting(row -> row.user().username().value()).containsExactly("zelda");
            assertThat(page.total()).hasValue(1);
            assertThat(page.items().get(0).plan()).isEqualTo(fixture.settings.plans().defaultPlan());
            assertThat(search(admin, UserQuery.all(TenantId.DEFAULT), PageRequest.first(10)).orElseThrow().total())
                    .isEmpty();
        }

        @Test
        void aTamperedCursor_orOneOfAnotherQuery_isInvalid() {
            registerUsers(6);
            UserQuery query = UserQuery.all(TenantId.DEFAULT);
            String cursor = search(admin, query, PageRequest.first(2)).orElseThrow().nextCursor().orElseThrow();
            byte[] bytes = Base64.getUrlDecoder().decode(cursor);
            bytes[3] ^= 0x10;
            String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

            assertThat(search(admin, query, new PageRequest(tampered, 2, false)).problem())
                    .satisfies(problem -> assertInvalid(problem, "cursor"));
            assertThat(search(admin, query.withStatus(AccountStatus.ACTIVE), new PageRequest(cursor, 2, false))
                    .problem()).satisfies(problem -> assertInvalid(problem, "cursor"));
            assertThat(search(admin, query, new PageRequest("garbage", 2, false)).problem())
                    .satisfies(problem -> assertInvalid(problem, "cursor"));
            assertThat(search(admin, query, new PageRequest(cursor, 2, false)).isDone()).isTrue();
        }

        @Test
        void aLimitOutsideOneTo200_isInvalid() {
            assertThat(search(admin, UserQuery.all(TenantId.DEFAULT), PageRequest.first(0)).problem())
                    .satisfies(problem -> assertInvalid(problem, "limit"));
            assertThat(search(admin, UserQuery.all(TenantId.DEFAULT), PageRequest.first(201)).problem())
                    .satisfies(problem -> assertInvalid(problem, "limit"));
        }

        @ParameterizedTest
        @CsvSource({"support_new, true", "support, true", "admin, true", "super_admin, true", "service, false"})
        void search_needsUsersRead(String role, boolean allowed) {
            Outcome<Page<UserSummary>> answer = search(actors.actor(role), UserQuery.all(TenantId.DEFAULT),
                    PageRequest.first());

            assertThat(answer.isDone()).isEqualTo(allowed);
            if (!allowed) {
                assertThat(answer.problem()).isInstanceOf(Problem.PermissionDenied.class);
            }
        }

        @Test
        void anotherTenantsList_isDenied_toAnAdmin() {
            assertThat(search(admin, UserQuery.all(TenantId.of("acme")), PageRequest.first()).problem())
                    .isInstanceOf(Problem.PermissionDenied.class);
            assertThat(fixture.auditEvents).extracting(event -> event.type()).contains(AuditType.PERMISSION_DENIED);
        }
    }

    @Nested
    class Audit {

        private Outcome<Page<AuditEntry>> audit(Actor actor, AuditQuery query, PageRequest page) {
            return fixture.core.auditSearch().search(actor, query, page);
        }

        @Test
        void pagingThroughTheLog_givesEveryEventOnce_newestFirst() {
            registerUsers(8);
            List<AuditEntry> whole = audit(admin, AuditQuery.all(TenantId.DEFAULT), PageRequest.first(200))
                    .orElseThrow().items();

            List<AuditEntry> paged = allPages(page -> audit(admin, AuditQuery.all(TenantId.DEFAULT), page), 3);

            assertThat(whole).hasSizeGreaterThan(8);
            assertThat(paged).extracting(AuditEntry::id).containsExactlyElementsOf(whole.stream().map(AuditEntry::id)
                    .toList());
        }

        @Test
        void oneUsersAudit_needsOnlyUsersRead_butTheWholeLogNeedsAuditRead() {
            registerUsers(1);
            Actor supportNew = actors.actor(StaffSettings.SUPPORT_NEW);
            AuditQuery ofUser = new AuditQuery(TenantId.DEFAULT, registered.get(0).id(), null, Set.of(), null, null,
                    null);

            List<AuditEntry> entries = audit(supportNew, ofUser, PageRequest.first()).orElseThrow().items();

            assertThat(entries).isNotEmpty().allSatisfy(entry -> assertThat(entry.subject())
                    .contains(registered.get(0).id()));
            assertThat(audit(supportNew, AuditQuery.all(TenantId.DEFAULT), PageRequest.first()).problem())
                    .isInstanceOf(Problem.PermissionDenied.class);
            assertThat(audit(AdminActors.service(EnumSet.noneOf(Permission.class)), ofUser, PageRequest.first())
                    .problem()).isInstanceOf(Problem.PermissionDenied.class);
        }

        @Test
        void aCursorOfAnotherFilter_orTampered_isInvalid() {
            registerUsers(4);
            String cursor = audit(admin, AuditQuery.all(TenantId.DEFAULT), PageRequest.first(2)).orElseThrow()
                    .nextCursor().orElseThrow();
            AuditQuery registrations = new AuditQuery(TenantId.DEFAULT, null, null, Set.of(AuditType.USER_REGISTERED),
                    null, null, null);

            assertThat(audit(admin, registrations, new PageRequest(cursor, 2, false)).problem())
                    .satisfies(problem -> assertInvalid(problem, "cursor"));
            assertThat(audit(admin, AuditQuery.all(TenantId.DEFAULT), new PageRequest(cursor + "x", 2, false))
                    .problem()).satisfies(problem -> assertInvalid(problem, "cursor"));
        }
    }

    @Nested
    class Statistics {

        @Test
        void stats_listEveryStatusAndEveryDay_withZeros_andNameTheTopConsumers() {
            registerUsers(2);
            fixture.core.accounts().suspend(registered.get(1), null, ORIGIN).orElseThrow();
            LocalDate today = LocalDate.ofInstant(fixture.clock.instant(), fixture.settings.plans().zone());

            Stats stats = fixture.core.statistics().stats(admin,
                    new StatsQuery(TenantId.DEFAULT, today.minusDays(6), today, 5)).orElseThrow();

            assertThat(stats.byStatus()).containsOnlyKeys(AccountStatus.values());
            assertThat(stats.byStatus().get(AccountStatus.SUSPENDED)).isEqualTo(1);
            assertThat(stats.byPlan()).containsKeys(fixture.settings.plans().plans().keySet().toArray(String[]::new));
            assertThat(stats.byPlan().get(fixture.settings.plans().defaultPlan())).isGreaterThanOrEqualTo(2);
            assertThat(stats.registrations()).hasSize(7);
            assertThat(stats.registrations().get(0).day()).isEqualTo(today.minusDays(6));
            assertThat(stats.registrations().get(6).count()).isGreaterThanOrEqualTo(2);
            assertThat(stats.at()).isEqualTo(fixture.clock.instant());
        }

        @Test
        void theTopConsumers_areNamed_mostFirst() {
            UserRef alice = fixture.registerVerified("alice");
            UserRef bob = fixture.registerVerified("bob");
            String aliceKey = fixture.core.apiKeys().create(alice, "a", null, ORIGIN).orElseThrow().secret();
            String bobKey = fixture.core.apiKeys().create(bob, "b", null, ORIGIN).orElseThrow().secret();
            fixture.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, aliceKey).withMeter("credits", 2))
                    .orElseThrow();
            fixture.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, bobKey).withMeter("credits", 5))
                    .orElseThrow();
            fixture.usageSink.flush();
            LocalDate today = LocalDate.ofInstant(fixture.clock.instant(), fixture.settings.plans().zone());

            Stats stats = fixture.core.statistics().stats(admin, new StatsQuery(TenantId.DEFAULT, today, today, 1))
                    .orElseThrow();

            assertThat(stats.topConsumers()).containsExactly(new Stats.Consumer(bob.id(), "bob", "credits", 5));
            assertThat(stats.usage()).contains(new Stats.MeterDay(today, "credits", 2, 7));
        }

        @Test
        void aBadRangeOrTop_isInvalid() {
            LocalDate today = LocalDate.of(2026, 1, 5);
            var statistics = fixture.core.statistics();

            assertThat(statistics.stats(admin, new StatsQuery(TenantId.DEFAULT, today, today.minusDays(1), 5))
                    .problem()).satisfies(problem -> assertInvalid(problem, "from"));
            assertThat(statistics.stats(admin, new StatsQuery(TenantId.DEFAULT, today.minusDays(367), today, 5))
                    .problem()).satisfies(problem -> assertInvalid(problem, "to"));
            assertThat(statistics.stats(admin, new StatsQuery(TenantId.DEFAULT, today.minusDays(366), today, 5))
                    .isDone()).isTrue();
            assertThat(statistics.stats(admin, new StatsQuery(TenantId.DEFAULT, today, today, 0)).problem())
                    .satisfies(problem -> assertInvalid(problem, "top"));
            assertThat(statistics.stats(admin, new StatsQuery(TenantId.DEFAULT, today, today, 101)).problem())
                    .satisfies(problem -> assertInvalid(problem, "top"));
        }

        @ParameterizedTest
        @CsvSource({"support, false", "support_advanced, true", "admin, true", "service, false"})
        void stats_needStatsRead(String role, boolean allowed) {
            LocalDate today = LocalDate.of(2026, 1, 5);

            Outcome<Stats> answer = fixture.core.statistics().stats(actors.actor(role),
                    new StatsQuery(TenantId.DEFAULT, today, today, 3));

            assertThat(answer.isDone()).isEqualTo(allowed);
        }
    }

    private static void assertInvalid(Problem problem, String field) {
        assertThat(problem).isInstanceOfSatisfying(Problem.InvalidInput.class,
                invalid -> assertThat(invalid.errors()).extracting(Problem.FieldError::field).contains(field));
    }
}

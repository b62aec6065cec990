package dev.tollgate.tck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.AuditOutcome;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.spi.audit.AuditEvent;
import dev.tollgate.port.spi.audit.AuditFilter;
import dev.tollgate.port.spi.audit.AuditLog;
import dev.tollgate.tck.internal.Unique;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link AuditLog}. A store proves itself by extending this class and
 * answering {@link #auditLog()}, which is called before every test and may answer one store
 * shared by all tests: each test works in a fresh tenant with fresh subjects and never assumes
 * the log is empty. A store must keep instants to at least the millisecond.
 *
 * <p>Beyond the Javadoc of {@link AuditLog}, the contract pins these readings: order is by id
 * (UUIDs compared as unsigned 128-bit numbers, which for version 7 ids is time order), not by
 * the order of appending; an event without a subject is stored but found under no subject;
 * {@link AuditLog#search} pages strictly before an id, so events appended between pages (newer)
 * cause no duplicate and no gap.
 */
public abstract class AuditLogContract {

    protected static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123Z");
    private static final Comparator<UUID> UNSIGNED = (a, b) -> {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };

    private AuditLog log;
    private TenantId tenant;
    private UserId subject;
    private UserId alice;
    private UserId bob;

    /** The store under test; called before each test. */
    protected abstract AuditLog auditLog();

    @BeforeEach
    void setUpAuditLog() {
        log = auditLog();
        tenant = Unique.tenant();
        subject = Unique.userId();
        alice = Unique.userId();
        bob = Unique.userId();
    }

    private AuditEvent anEvent(TenantId eventTenant, UserId eventSubject, Instant at) {
        return new AuditEvent(Unique.uuidV7(at), eventTenant, AuditType.LOGIN, AuditOutcome.SUCCESS, eventSubject, eventSubject,
                null, at, "198.51.100.4", "Mozilla/5.0 (TCK)", Map.of("session", Unique.tag()));
    }

    private AuditEvent withId(UUID id, Instant at) {
        return new AuditEvent(id, tenant, AuditType.LOGIN, AuditOutcome.SUCCESS, subject, subject,
                null, at, null, null, Map.of());
    }

    private AuditEvent appended(Instant at) {
        AuditEvent event = anEvent(tenant, subject, at);
        log.append(event);
        return event;
    }

    @Test
    void anAppendedEvent_isFoundBySubject_withEveryField() {
        AuditEvent event = new AuditEvent(Unique.uuidV7(T0), tenant, AuditType.PASSWORD_CHANGED, AuditOutcome.FAILURE,
                Unique.userId(), subject, "INVALID_CREDENTIALS", T0, "2001:db8::7", "curl/8.5.0",
                Map.of("session", "0190c1f2-6b1e-7c3a-9d4e-5f6a7b8c9d0e", "via", "http", "note", "Ünïcödé ✓"));

        log.append(event);

        assertThat(log.findBySubject(tenant, subject, 10)).containsExactly(event);
    }

    @Test
    void anEventWithoutActorReasonIpOrUserAgent_comesBackWithNulls_andEmptyDetails() {
        AuditEvent event = new AuditEvent(Unique.uuidV7(T0), tenant, AuditType.EMAIL_VERIFIED, AuditOutcome.SUCCESS,
                null, subject, null, T0, null, null, Map.of());

        log.append(event);

        List<AuditEvent> found = log.findBySubject(tenant, subject, 10);
        assertThat(found).containsExactly(event);
        assertThat(found.get(0).actor()).isNull();
        assertThat(found.get(0).reason()).isNull();
        assertThat(found.get(0).ip()).isNull();
        assertThat(found.get(0).userAgent()).isNull();
        assertThat(found.get(0).details()).isEmpty();
    }

    @Test
    void anEventWithoutSubject_isAppended_butFoundUnderNoSubject() {
        AuditEvent anonymous = new AuditEvent(Unique.uuidV7(T0), tenant, AuditType.LOGIN, AuditOutcome.FAILURE,
                null, null, "INVALID_CREDENTIALS", T0, null, null, Map.of("username", "nobody"));

        log.append(anonymous);

        assertThat(log.findBySubject(tenant, subject, 10)).isEmpty();
    }

    @Test
    void findBySubject_answersNewestFirst_byId_whateverTheOrderOfAppending() {
        AuditEvent second = appended(T0.plusSeconds(2));
        AuditEvent first = appended(T0.plusSeconds(1));
        AuditEvent third = appended(T0.plusSeconds(3));

        assertThat(log.findBySubject(tenant, subject, 10)).containsExactly(third, second, first);
    }

    @Test
    void ids_areComparedAsUnsigned128BitNumbers_asDatabasesCompareUuids() {
        AuditEvent low = withId(new UUID(0x7FFF_FFFF_FFFF_FFFFL, 0x8000_0000_0000_0000L), T0);
        AuditEvent high = withId(new UUID(0x8000_0000_0000_0000L, 0x8000_0000_0000_0000L), T0);
        AuditEvent highest = withId(new UUID(0x8000_0000_0000_0000L, 0xFFFF_FFFF_FFFF_FFFFL), T0);
        log.append(high);
        log.append(highest);
        log.append(low);

        assertThat(log.findBySubject(tenant, subject, 10)).containsExactly(highest, high, low);
    }

    @Test
    void findBySubject_answersAtMostTheLimit_keepingTheNewest() {
        for (int i = 0; i < 5; i++) {
            appended(T0.plusSeconds(i));
        }
        AuditEvent newest = appended(T0.plusSeconds(10));
        AuditEvent secondNewest = appended(T0.plusSeconds(9));

        assertThat(log.findBySubject(tenant, subject, 2)).containsExactly(newest, secondNewest);
        assertThat(log.findBySubject(tenant, subject, 1)).containsExactly(newest);
        assertThat(log.findBySubject(tenant, subject, 100)).hasSize(7);
    }

    @Test
    void findBySubject_answersOnlyThatSubjectsEvents() {
        AuditEvent mine = appended(T0);
        log.append(anEvent(tenant, Unique.userId(), T0.plusSeconds(1)));

        assertThat(log.findBySubject(tenant, subject, 10)).containsExactly(mine);
    }

    @Test
    void findBySubject_answersOnlyEventsOfThatTenant() {
        AuditEvent mine = appended(T0);
        TenantId other = Unique.tenant();
        AuditEvent elsewhere = anEvent(other, subject, T0.plusSeconds(1));
        log.append(elsewhere);

        assertThat(log.findBySubject(tenant, subject, 10)).containsExactly(mine);
        assertThat(log.findBySubject(other, subject, 10)).containsExactly(elsewhere);
    }

    @Test
    void findBySubject_ofASubjectWithoutEvents_isEmpty() {
        appended(T0);

        assertThat(log.findBySubject(tenant, Unique.userId(), 10)).isEmpty();
    }

    @Test
    void givenRecordOfTenantA_tenantB_neitherSeesNorChangesIt() {
        AuditEvent ofA = appended(T0);
        TenantId b = Unique.tenant();

        assertThat(log.findBySubject(b, subject, 10)).as("tenant B, same subject id").isEmpty();
        AuditEvent ofB = anEvent(b, subject, T0.plusSeconds(1));
        log.append(ofB);

        assertThat(log.findBySubject(b, subject, 10)).containsExactly(ofB);
        assertThat(log.findBySubject(tenant, subject, 10)).containsExactly(ofA);
    }

    // search: tenant-scoped filters, newest first, pages strictly before an id

    private AuditEvent appendedBy(AuditType type, AuditOutcome outcome, UserId actor, UserId subject, Instant at) {
        AuditEvent event = new AuditEvent(Unique.uuidV7(at), tenant, type, outcome, actor, subject, null, at, null, null,
                Map.of());
        log.append(event);
        return event;
    }

    private List<AuditEvent> searched(AuditFilter filter) {
        return log.search(filter, null, 1_000);
    }

    private AuditFilter everyEvent() {
        return AuditFilter.all(tenant);
    }

    @Test
    void search_answersTheTenantsEvents_newestFirst() {
        AuditEvent first = appendedBy(AuditType.LOGIN, AuditOutcome.SUCCESS, alice, alice, T0);
        AuditEvent third = appendedBy(AuditType.LOGIN, AuditOutcome.SUCCESS, bob, bob, T0.plusSeconds(2));
        AuditEvent second = appendedBy(AuditType.LOGOUT, AuditOutcome.SUCCESS, alice, alice, T0.plusSeconds(1));
        log.append(new AuditEvent(Unique.uuidV7(T0), Unique.tenant(), AuditType.LOGIN, AuditOutcome.SUCCESS, alice, alice,
                null, T0, null, null, Map.of()));

        assertThat(searched(everyEvent())).containsExactly(third, second, first);
    }

    @Test
    void theSubjectAndActorFilters_answerTheirEvents() {
        AuditEvent bySelf = appendedBy(AuditType.LOGIN, AuditOutcome.SUCCESS, alice, alice, T0);
        AuditEvent aliceOnBob = appendedBy(AuditType.ACCOUNT_SUSPENDED, AuditOutcome.SUCCESS, alice, bob, T0.plusSeconds(1));
        AuditEvent anonymous = appendedBy(AuditType.LOGIN, AuditOutcome.FAILURE, null, bob, T0.plusSeconds(2));

        assertThat(searched(new AuditFilter(tenant, bob, null, Set.of(), null, null, null))).containsExactly(anonymous, aliceOnBob);
        assertThat(searched(new AuditFilter(tenant, null, alice, Set.of(), null, null, null))).containsExactly(aliceOnBob, bySelf);
        assertThat(searched(new AuditFilter(tenant, bob, alice, Set.of(), null, null, null))).containsExactly(aliceOnBob);
    }

    @Test
    void theTypesAndOutcomeFilters_answerMatchingEvents() {
        AuditEvent login = appendedBy(AuditType.LOGIN, AuditOutcome.SUCCESS, alice, alice, T0);
        AuditEvent failed = appendedBy(AuditType.LOGIN, AuditOutcome.FAILURE, null, alice, T0.plusSeconds(1));
        AuditEvent logout = appendedBy(AuditType.LOGOUT, AuditOutcome.SUCCESS, alice, alice, T0.plusSeconds(2));
        appendedBy(AuditType.PASSWORD_CHANGED, AuditOutcome.SUCCESS, alice, alice, T0.plusSeconds(3));

        assertThat(searched(new AuditFilter(tenant, null, null, Set.of(AuditType.LOGIN, AuditType.LOGOUT), null, null, null)))
                .containsExactly(logout, failed, login);
        assertThat(searched(new AuditFilter(tenant, null, null, Set.of(AuditType.LOGIN), AuditOutcome.FAILURE, null, null)))
                .containsExactly(failed);
        assertThat(searched(new AuditFilter(tenant, null, null, Set.of(), AuditOutcome.FAILURE, null, null)))
                .containsExactly(failed);
    }

    @Test
    void theTimeRange_includesFrom_andExcludesTo() {
        appendedBy(AuditType.LOGIN, AuditOutcome.SUCCESS, alice, alice, T0.minusMillis(1));
        AuditEvent atFrom = appendedBy(AuditType.LOGIN, AuditOutcome.SUCCESS, alice, alice, T0);
        AuditEvent inside = appendedBy(AuditType.LOGIN, AuditOutcome.SUCCESS, alice, alice, T0.plusSeconds(5));
        appendedBy(AuditType.LOGIN, AuditOutcome.SUCCESS, alice, alice, T0.plusSeconds(10));

        assertThat(searched(new AuditFilter(tenant, null, null, Set.of(), null, T0, T0.plusSeconds(10))))
                .containsExactly(inside, atFrom);
    }

    @Test
    void before_answersOnlyStrictlyOlderIds_comparedAsUnsigned() {
        UUID low = new UUID(0x0000_0000_0000_7000L, 0x8000_0000_0000_0001L);
        UUID high = new UUID(0xf000_0000_0000_7000L, 0x8000_0000_0000_0001L);
        AuditEvent older = new AuditEvent(low, tenant, AuditType.LOGIN, AuditOutcome.SUCCESS, alice, alice, null, T0, null,
                null, Map.of());
        AuditEvent newer = new AuditEvent(high, tenant, AuditType.LOGIN, AuditOutcome.SUCCESS, alice, alice, null, T0, null,
                null, Map.of());
        log.append(newer);
        log.append(older);

        assertThat(log.search(everyEvent(), null, 10)).containsExactly(newer, older);
        assertThat(log.search(everyEvent(), high, 10)).containsExactly(older);
        assertThat(log.search(everyEvent(), low, 10)).isEmpty();
    }

    @Test
    void pagingWithBefore_answersEveryEventOnce_evenWhileEventsAreAppended() {
        List<AuditEvent> present = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            present.add(appendedBy(i % 2 == 0 ? AuditType.LOGIN : AuditType.LOGOUT, AuditOutcome.SUCCESS, alice, alice,
                    T0.plusSeconds(i)));
        }
        List<AuditEvent> expected = present.stream().sorted(Comparator.comparing(AuditEvent::id, UNSIGNED).reversed()).toList();

        List<AuditEvent> paged = new ArrayList<>();
        UUID before = null;
        int round = 0;
        while (true) {
            List<AuditEvent> page = log.search(everyEvent(), before, 3);
            assertThat(page.size()).isLessThanOrEqualTo(3);
            if (page.isEmpty()) {
                break;
            }
            paged.addAll(page);
            before = page.get(page.size() - 1).id();
            appendedBy(AuditType.LOGIN, AuditOutcome.SUCCESS, bob, bob, T0.plusSeconds(100 + round++));
        }

        assertThat(paged).containsExactlyElementsOf(expected);
    }

    @Test
    void search_answersAtMostTheLimit() {
        for (int i = 0; i < 4; i++) {
            appendedBy(AuditType.LOGIN, AuditOutcome.SUCCESS, alice, alice, T0.plusSeconds(i));
        }

        assertThat(log.search(everyEvent(), null, 2)).hasSize(2);
    }
}

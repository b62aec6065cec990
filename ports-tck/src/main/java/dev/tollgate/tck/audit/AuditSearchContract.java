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
 * The contract of {@link AuditLog#search}. {@link #auditLog()} is called before every test and
 * may answer one store shared by all tests: each test works in a fresh tenant. Order is by id,
 * compared as unsigned 128-bit numbers, newest (highest) first.
 */
public abstract class AuditSearchContract {

    protected static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123Z");
    private static final Comparator<UUID> UNSIGNED = (a, b) -> {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };

    private AuditLog log;
    private TenantId tenant;
    private UserId alice;
    private UserId bob;

    /** The store under test; called before each test. */
    protected abstract AuditLog auditLog();

    @BeforeEach
    void setUpAuditSearch() {
        log = auditLog();
        tenant = Unique.tenant();
        alice = Unique.userId();
        bob = Unique.userId();
    }

    private AuditEvent appended(AuditType type, AuditOutcome outcome, UserId actor, UserId subject, Instant at) {
        AuditEvent event = new AuditEvent(Unique.uuidV7(at), tenant, type, outcome, actor, subject, null, at, null, null,
                Map.of());
        log.append(event);
        return event;
    }

    private List<AuditEvent> search(AuditFilter filter) {
        return log.search(filter, null, 1_000);
    }

    private AuditFilter all() {
        return AuditFilter.all(tenant);
    }

    @Test
    void search_answersTheTenantsEvents_newestFirst() {
        AuditEvent first = appended(AuditType.LOGIN, AuditOutcome.SUCCESS, alice, alice, T0);
        AuditEvent third = appended(AuditType.LOGIN, AuditOutcome.SUCCESS, bob, bob, T0.plusSeconds(2));
        AuditEvent second = appended(AuditType.LOGOUT, AuditOutcome.SUCCESS, alice, alice, T0.plusSeconds(1));
        log.append(new AuditEvent(Unique.uuidV7(T0), Unique.tenant(), AuditType.LOGIN, AuditOutcome.SUCCESS, alice, alice,
                null, T0, null, null, Map.of()));

        assertThat(search(all())).containsExactly(third, second, first);
    }

    @Test
    void theSubjectAndActorFilters_answerTheirEvents() {
        AuditEvent bySelf = appended(AuditType.LOGIN, AuditOutcome.SUCCESS, alice, alice, T0);
        AuditEvent aliceOnBob = appended(AuditType.ACCOUNT_SUSPENDED, AuditOutcome.SUCCESS, alice, bob, T0.plusSeconds(1));
        AuditEvent anonymous = appended(AuditType.LOGIN, AuditOutcome.FAILURE, null, bob, T0.plusSeconds(2));

        assertThat(search(new AuditFilter(tenant, bob, null, Set.of(), null, null, null))).containsExactly(anonymous, aliceOnBob);
        assertThat(search(new AuditFilter(tenant, null, alice, Set.of(), null, null, null))).containsExactly(aliceOnBob, bySelf);
        assertThat(search(new AuditFilter(tenant, bob, alice, Set.of(), null, null, null))).containsExactly(aliceOnBob);
    }

    @Test
    void theTypesAndOutcomeFilters_answerMatchingEvents() {
        AuditEvent login = appended(AuditType.LOGIN, AuditOutcome.SUCCESS, alice, alice, T0);
        AuditEvent failed = appended(AuditType.LOGIN, AuditOutcome.FAILURE, null, alice, T0.plusSeconds(1));
        AuditEvent logout = appended(AuditType.LOGOUT, AuditOutcome.SUCCESS, alice, alice, T0.plusSeconds(2));
        appended(AuditType.PASSWORD_CHANGED, AuditOutcome.SUCCESS, alice, alice, T0.plusSeconds(3));

        assertThat(search(new AuditFilter(tenant, null, null, Set.of(AuditType.LOGIN, AuditType.LOGOUT), null, null, null)))
                .containsExactly(logout, failed, login);
        assertThat(search(new AuditFilter(tenant, null, null, Set.of(AuditType.LOGIN), AuditOutcome.FAILURE, null, null)))
                .containsExactly(failed);
        assertThat(search(new AuditFilter(tenant, null, null, Set.of(), AuditOutcome.FAILURE, null, null)))
                .containsExactly(failed);
    }

    @Test
    void theTimeRange_includesFrom_andExcludesTo() {
        appended(AuditType.LOGIN, AuditOutcome.SUCCESS, alice, alice, T0.minusMillis(1));
        AuditEvent atFrom = appended(AuditType.LOGIN, AuditOutcome.SUCCESS, alice, alice, T0);
        AuditEvent inside = appended(AuditType.LOGIN, AuditOutcome.SUCCESS, alice, alice, T0.plusSeconds(5));
        appended(AuditType.LOGIN, AuditOutcome.SUCCESS, alice, alice, T0.plusSeconds(10));

        assertThat(search(new AuditFilter(tenant, null, null, Set.of(), null, T0, T0.plusSeconds(10))))
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

        assertThat(log.search(all(), null, 10)).containsExactly(newer, older);
        assertThat(log.search(all(), high, 10)).containsExactly(older);
        assertThat(log.search(all(), low, 10)).isEmpty();
    }

    @Test
    void pagingWithBefore_answersEveryEventOnce_evenWhileEventsAreAppended() {
        List<AuditEvent> present = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            present.add(appended(i % 2 == 0 ? AuditType.LOGIN : AuditType.LOGOUT, AuditOutcome.SUCCESS, alice, alice,
                    T0.plusSeconds(i)));
        }
        List<AuditEvent> expected = present.stream().sorted(Comparator.comparing(AuditEvent::id, UNSIGNED).reversed()).toList();

        List<AuditEvent> paged = new ArrayList<>();
        UUID before = null;
        int round = 0;
        while (true) {
            List<AuditEvent> page = log.search(all(), before, 3);
            assertThat(page.size()).isLessThanOrEqualTo(3);
            if (page.isEmpty()) {
                break;
            }
            paged.addAll(page);
            before = page.get(page.size() - 1).id();
            appended(AuditType.LOGIN, AuditOutcome.SUCCESS, bob, bob, T0.plusSeconds(100 + round++));
        }

        assertThat(paged).containsExactlyElementsOf(expected);
    }

    @Test
    void search_answersAtMostTheLimit() {
        for (int i = 0; i < 4; i++) {
            appended(AuditType.LOGIN, AuditOutcome.SUCCESS, alice, alice, T0.plusSeconds(i));
        }

        assertThat(log.search(all(), null, 2)).hasSize(2);
    }
}

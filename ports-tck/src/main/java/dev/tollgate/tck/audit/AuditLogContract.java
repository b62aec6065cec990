package dev.tollgate.tck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.AuditOutcome;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.spi.audit.AuditEvent;
import dev.tollgate.port.spi.audit.AuditLog;
import dev.tollgate.tck.internal.Unique;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 * the order of appending; an event without a subject is stored but found under no subject.
 */
public abstract class AuditLogContract {

    protected static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123Z");

    private AuditLog log;
    private TenantId tenant;
    private UserId subject;

    /** The store under test; called before each test. */
    protected abstract AuditLog auditLog();

    @BeforeEach
    void setUpAuditLog() {
        log = auditLog();
        tenant = Unique.tenant();
        subject = Unique.userId();
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
}

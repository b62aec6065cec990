package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tollgate.port.AuditOutcome;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.audit.AuditEntry;
import dev.tollgate.port.api.audit.AuditTrail;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading the audit log through the use case: the API's own view of each stored event. */
class AuditTrailTest {

    private final CoreFixture fixture = new CoreFixture();
    private final AuditTrail trail = fixture.core.auditTrail();

    @Test
    void recent_answersTheSubjectsEvents_newestFirst_asTheLogStoredThem() {
        UserRef alice = fixture.register("alice").user().ref();
        fixture.clock.advance(Duration.ofSeconds(1));
        assertThat(fixture.login("alice", "not-" + PASSWORD).isDone()).isFalse();
        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.login("alice", PASSWORD).orElseThrow();

        List<AuditEntry> entries = trail.recent(alice.tenant(), alice.id(), 10);

        assertThat(entries).extracting(AuditEntry::type, AuditEntry::outcome).startsWith(
                tuple(AuditType.LOGIN, AuditOutcome.SUCCESS),
                tuple(AuditType.NEW_DEVICE_SIGN_IN, AuditOutcome.SUCCESS),
                tuple(AuditType.LOGIN, AuditOutcome.FAILURE));
        assertThat(entries).extracting(AuditEntry::at).isSortedAccordingTo((a, b) -> b.compareTo(a));
        AuditEntry failed = entries.get(2);
        assertThat(failed.subject()).contains(alice.id());
        assertThat(failed.reason()).contains(ErrorCode.INVALID_CREDENTIALS.name());
        assertThat(failed.ip()).contains("203.0.113.7");
        assertThat(failed.userAgent()).contains("JUnit/6");
        assertThat(failed.tenant()).isEqualTo(TenantId.DEFAULT);
        assertThat(entries).extracting(AuditEntry::id)
                .containsExactlyElementsOf(fixture.audit(alice).stream().map(event -> event.id()).toList());
    }

    @Test
    void anEventWithoutAnActorOrReason_answersThemAsEmpty_notAsNull() {
        UserRef bob = fixture.register("bob").user().ref();

        AuditEntry registered = trail.recent(bob.tenant(), bob.id(), 10).stream()
                .filter(entry -> entry.type() == AuditType.USER_REGISTERED).findFirst().orElseThrow();

        assertThat(registered.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        assertThat(registered.reason()).isEqualTo(Optional.empty());
        assertThat(registered.subject()).contains(bob.id());
    }

    @Test
    void recent_takesAtMostTheLimit_andRefusesALimitOutsideOneToTheMaximum() {
        UserRef carol = fixture.register("carol").user().ref();
        fixture.login("carol", PASSWORD).orElseThrow();

        assertThat(trail.recent(carol.tenant(), carol.id(), 1)).hasSize(1);
        assertThatThrownBy(() -> trail.recent(carol.tenant(), carol.id(), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> trail.recent(carol.tenant(), carol.id(), 1001))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

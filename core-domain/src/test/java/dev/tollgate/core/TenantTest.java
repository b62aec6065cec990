package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.ORIGIN;
import static dev.tollgate.core.CoreFixture.PASSWORD;
import static dev.tollgate.port.settings.StaffSettings.ADMIN;
import static dev.tollgate.port.settings.StaffSettings.SUPER_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.user.TenantGate;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.TenantStatus;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Page;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.key.IssuedApiKey;
import dev.tollgate.port.api.metering.KeyCheck;
import dev.tollgate.port.api.metering.KeyVerification;
import dev.tollgate.port.api.metering.KeyVerification.Granted;
import dev.tollgate.port.api.registration.Registered;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.api.session.Login;
import dev.tollgate.port.api.session.SessionTokens;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.api.tenant.TenantView;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Tenants: managed by super admins only; a disabled one lets nobody in, within the gate's second everywhere. */
class TenantTest {

    private static final TenantId ACME = TenantId.of("acme");

    private final CoreFixture fixture = new CoreFixture();
    private final StaffFixture staff = new StaffFixture(fixture);

    @Test
    void aSuperAdmin_createsListsRenamesDisablesAndEnables_andEachChangeIsAudited() {
        UserRef rootRef = staff.member("root", SUPER_ADMIN);
        Actor root = staff.actor(rootRef, "root");

        TenantView created = fixture.core.tenants().create(root, ACME, " Acme ", ORIGIN).orElseThrow();
        TenantView renamed = fixture.core.tenants().rename(root, ACME, "Acme Inc.", ORIGIN).orElseThrow();
        TenantView disabled = fixture.core.tenants().disable(root, ACME, "unpaid", ORIGIN).orElseThrow();
        TenantView again = fixture.core.tenants().disable(root, ACME, "unpaid", ORIGIN).orElseThrow();
        TenantView enabled = fixture.core.tenants().enable(root, ACME, "paid", ORIGIN).orElseThrow();
        Page<TenantView> page = fixture.core.tenants().list(root, PageRequest.first(1).counted()).orElseThrow();
        Page<TenantView> rest = fixture.core.tenants().list(root, PageRequest.first(1).after(page.nextCursor()
                .orElseThrow())).orElseThrow();

        assertThat(created.name()).isEqualTo("Acme");
        assertThat(created.status()).isEqualTo(TenantStatus.ACTIVE);
        assertThat(renamed.name()).isEqualTo("Acme Inc.");
        assertThat(disabled.status()).isEqualTo(TenantStatus.DISABLED);
        assertThat(again.status()).isEqualTo(TenantStatus.DISABLED);
        assertThat(enabled.status()).isEqualTo(TenantStatus.ACTIVE);
        assertThat(page.items()).extracting(TenantView::id).containsExactly(ACME);
        assertThat(page.total()).hasValue(2);
        assertThat(rest.items()).extracting(TenantView::id).containsExactly(TenantId.DEFAULT);
        assertThat(rest.last()).isTrue();
        assertThat(fixture.auditEvents).filteredOn(event -> event.tenant().equals(ACME))
                .extracting(event -> event.type())
                .containsExactly(AuditType.TENANT_CREATED, AuditType.TENANT_RENAMED, AuditType.TENANT_DISABLED,
                        AuditType.TENANT_ENABLED);
        assertThat(fixture.auditEvents).filteredOn(event -> event.type() == AuditType.TENANT_DISABLED)
                .singleElement().satisfies(event -> {
                    assertThat(event.actor()).isEqualTo(rootRef.id());
                    assertThat(event.details()).containsEntry("reason", "unpaid");
                });
    }

    @Test
    void refusals_takenId_badName_unknownTenant_andTheDefaultTenantStaysOn() {
        Actor system = Actor.system();
        fixture.core.tenants().create(system, ACME, "Acme", ORIGIN).orElseThrow();

        assertThat(fixture.core.tenants().create(system, ACME, "Again", ORIGIN).problem())
                .isInstanceOf(Problem.TenantTaken.class);
        assertThat(fixture.core.tenants().create(system, TenantId.of("blank"), " ", ORIGIN).problem())
                .isInstanceOf(Problem.InvalidInput.class);
        assertThat(fixture.core.tenants().create(system, TenantId.of("long"), "x".repeat(101), ORIGIN).problem())
                .isInstanceOf(Problem.InvalidInput.class);
        assertThat(fixture.core.tenants().create(system, TenantId.of("ctl"), "a\u0000b", ORIGIN).problem())
                .isInstanceOf(Problem.InvalidInput.class);
        assertThat(fixture.core.tenants().find(system, TenantId.of("nowhere")).problem())
                .isInstanceOf(Problem.TenantNotFound.class);
        assertThat(fixture.core.tenants().rename(system, TenantId.of("nowhere"), "X", ORIGIN).problem())
                .isInstanceOf(Problem.TenantNotFound.class);
        assertThat(fixture.core.tenants().disable(system, TenantId.of("nowhere"), null, ORIGIN).problem())
                .isInstanceOf(Problem.TenantNotFound.class);
        assertThat(fixture.core.tenants().disable(system, TenantId.DEFAULT, null, ORIGIN).problem())
                .isInstanceOf(Problem.InvalidInput.class);
    }

    @Test
    void anAdmin_readsOnlyTheirOwnTenant_andManagesNone() {
        fixture.core.tenants().create(Actor.system(), ACME, "Acme", ORIGIN).orElseThrow();
        Actor admin = staff.actor(staff.member("ada", ADMIN), "ada");

        assertThat(fixture.core.tenants().find(admin, TenantId.DEFAULT).orElseThrow().id()).isEqualTo(TenantId.DEFAULT);
        assertThat(fixture.core.tenants().find(admin, ACME).problem()).isInstanceOf(Problem.PermissionDenied.class);
        assertThat(fixture.core.tenants().list(admin, PageRequest.first()).problem())
                .isInstanceOf(Problem.PermissionDenied.class);
        assertThat(fixture.core.tenants().create(admin, TenantId.of("mine"), "Mine", ORIGIN).problem())
                .isInstanceOf(Problem.PermissionDenied.class);
        assertThat(fixture.core.tenants().disable(admin, ACME, null, ORIGIN).problem())
                .isInstanceOf(Problem.PermissionDenied.class);
        assertThat(fixture.core.tenants().rename(admin, TenantId.DEFAULT, "Ours", ORIGIN).problem())
                .isInstanceOf(Problem.PermissionDenied.class);
        assertThat(fixture.core.tenants().find(Actor.system(), ACME).orElseThrow().status())
                .isEqualTo(TenantStatus.ACTIVE);
        assertThat(fixture.auditEvents).filteredOn(event -> event.type() == AuditType.PERMISSION_DENIED).hasSize(5);
    }

    @Test
    void registration_needsAnExistingActiveTenant() {
        Outcome<Registered> unknown = fixture.core.registration()
                .register(Registration.of(ACME, "erin", "erin@example.com", PASSWORD));
        fixture.core.tenants().create(Actor.system(), ACME, "Acme", ORIGIN).orElseThrow();
        fixture.core.tenants().disable(Actor.system(), ACME, null, ORIGIN).orElseThrow();
        Outcome<Registered> disabled = fixture.core.registration()
                .register(Registration.of(ACME, "erin", "erin@example.com", PASSWORD));
        fixture.core.tenants().enable(Actor.system(), ACME, null, ORIGIN).orElseThrow();

        assertThat(unknown.problem()).isInstanceOf(Problem.TenantNotFound.class);
        assertThat(disabled.problem()).isInstanceOf(Problem.TenantDisabled.class);
        assertThat(fixture.core.registration().register(Registration.of(ACME, "erin", "erin@example.com", PASSWORD))
                .isDone()).isTrue();
    }

    @Test
    void aDisabledTenant_refusesLoginRefreshSessionsKeysVerificationResetsAndCodes_untilEnabledAgain() {
        staff.tenant("acme");
        UserRef user = staff.user(ACME, "erin");
        IssuedApiKey key = fixture.core.apiKeys().create(user, "ci", null, ORIGIN).orElseThrow();
        SessionTokens tokens = login();

        fixture.core.tenants().disable(Actor.system(), ACME, "unpaid", ORIGIN).orElseThrow();

        assertThat(login(ACME).problem()).isInstanceOf(Problem.TenantDisabled.class);
        assertThat(fixture.core.sessions().authenticate(ACME, tokens.accessToken()).problem())
                .isInstanceOf(Problem.TenantDisabled.class);
        assertThat(fixture.core.sessions().refresh(ACME, tokens.refreshToken(), ORIGIN).problem())
                .isInstanceOf(Problem.TenantDisabled.class);
        assertThat(fixture.core.apiKeys().authenticate(ACME, key.secret()).problem())
                .isInstanceOf(Problem.TenantDisabled.class);
        Outcome<Granted> verified = fixture.core.verification().verify(KeyCheck.of(ACME, key.secret()));
        assertThat(verified).isInstanceOf(KeyVerification.Denied.class);
        assertThat(verified.problem().code()).isEqualTo(ErrorCode.TENANT_DISABLED);
        assertThat(((KeyVerification.Denied) verified).owner()).isPresent();
        int mailed = fixture.mailer.sent().size();
        assertThat(fixture.core.passwords().requestReset(ACME, "erin@example.com", ORIGIN).problem())
                .isInstanceOf(Problem.TenantDisabled.class);
        assertThat(fixture.core.passwords().confirmReset(ACME, "erin@example.com", "123456", "another-Horse-8-battery",
                ORIGIN).problem()).isInstanceOf(Problem.TenantDisabled.class);
        assertThat(fixture.core.emailAddresses().requestVerificationCode(ACME, "erin@example.com", ORIGIN).problem())
                .isInstanceOf(Problem.TenantDisabled.class);
        assertThat(fixture.core.emailAddresses().verifyAddress(ACME, "erin@example.com", "123456", ORIGIN).problem())
                .isInstanceOf(Problem.TenantDisabled.class);
        assertThat(fixture.mailer.sent()).hasSize(mailed);

        fixture.core.tenants().enable(Actor.system(), ACME, null, ORIGIN).orElseThrow();

        assertThat(fixture.core.sessions().authenticate(ACME, tokens.accessToken()).isDone()).isTrue();
        assertThat(fixture.core.verification().verify(KeyCheck.of(ACME, key.secret())).isDone()).isTrue();
        assertThat(login(ACME).isDone()).isTrue();
    }

    @Test
    void aChangeMadeByAnotherProcess_isSeenWithinTheGatesSecond() {
        staff.tenant("acme");
        UserRef user = staff.user(ACME, "erin");
        IssuedApiKey key = fixture.core.apiKeys().create(user, "ci", null, ORIGIN).orElseThrow();
        CoreServices other = fixture.restartedWith(UnaryOperator.identity());
        assertThat(fixture.core.verification().verify(KeyCheck.of(ACME, key.secret())).isDone()).isTrue();

        other.tenants().disable(Actor.system(), ACME, null, ORIGIN).orElseThrow();
        fixture.clock.advance(TenantGate.FRESH_FOR.minusMillis(1));

        assertThat(fixture.core.verification().verify(KeyCheck.of(ACME, key.secret())).isDone()).isTrue();
        assertThat(other.verification().verify(KeyCheck.of(ACME, key.secret())).problem().code())
                .isEqualTo(ErrorCode.TENANT_DISABLED);
        fixture.clock.advance(Duration.ofMillis(1));
        assertThat(fixture.core.verification().verify(KeyCheck.of(ACME, key.secret())).problem().code())
                .isEqualTo(ErrorCode.TENANT_DISABLED);
        assertThat(login(ACME).problem()).isInstanceOf(Problem.TenantDisabled.class);
    }

    private SessionTokens login() {
        return login(ACME).orElseThrow();
    }

    private Outcome<SessionTokens> login(TenantId tenant) {
        return fixture.core.sessions().login(Login.of(tenant, "erin", PASSWORD).withContext(ORIGIN));
    }
}

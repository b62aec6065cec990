package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.ORIGIN;
import static dev.tollgate.port.settings.StaffSettings.ADMIN;
import static dev.tollgate.port.settings.StaffSettings.SUPER_ADMIN;
import static dev.tollgate.port.settings.StaffSettings.SUPPORT;
import static dev.tollgate.port.settings.StaffSettings.SUPPORT_NEW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.AuditType;
import dev.tollgate.port.Permission;
import dev.tollgate.port.ServiceAccountId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Page;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.api.staff.IssuedServiceAccount;
import dev.tollgate.port.api.staff.ServiceAccountView;
import dev.tollgate.port.api.staff.ServiceAccounts;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Service accounts: keys shown once, actors of tier -1 in their tenant, granting nothing their creator lacks. */
class ServiceAccountTest {

    private final CoreFixture fixture = new CoreFixture();
    private final StaffFixture staff = new StaffFixture(fixture);
    private final ServiceAccounts accounts = fixture.core.serviceAccounts();

    @Test
    void aNewAccountsKey_isTheServiceActor_shownOnce_andKeptAsADigestWithAHint() {
        UserRef rootRef = staff.member("root", SUPER_ADMIN);
        Actor root = staff.actor(rootRef, "root");

        IssuedServiceAccount issued = accounts.create(root, TenantId.DEFAULT, "billing",
                EnumSet.of(Permission.KEYS_VERIFY, Permission.USERS_CREDITS), ORIGIN).orElseThrow();
        Actor actor = accounts.actorOf(issued.key()).orElseThrow();

        assertThat(issued.key()).matches("tgsa_[A-Za-z0-9_-]{43}");
        assertThat(issued.toString()).doesNotContain(issued.key());
        assertThat(issued.account().keyHint()).isEqualTo(issued.key().substring(0, 12));
        assertThat(fixture.stores().serviceAccounts().findById(TenantId.DEFAULT, issued.account().id())
                .orElseThrow().keyDigest()).doesNotContain(issued.key().substring(5));
        assertThat(actor.kind()).isEqualTo(Actor.Kind.SERVICE);
        assertThat(actor.service()).isEqualTo(issued.account().id());
        assertThat(actor.tier()).isEqualTo(-1);
        assertThat(actor.permissions()).containsExactlyInAnyOrder(Permission.KEYS_VERIFY, Permission.USERS_CREDITS);
        assertThat(actor.creditCap()).isEqualTo(Long.MAX_VALUE);
        assertThat(actor.allTenants()).isFalse();
        assertThat(actor.auditedAs()).isEmpty();
        assertThat(fixture.auditEvents).filteredOn(e -> e.type() == AuditType.SERVICE_ACCOUNT_CREATED).singleElement()
                .satisfies(event -> {
                    assertThat(event.actor()).isEqualTo(rootRef.id());
                    assertThat(event.details()).containsEntry("permissions", "keys.verify,users.credits")
                            .doesNotContainValue(issued.key());
                });
    }

    @Test
    void withoutUsersCredits_theActorMovesNoCredits() {
        IssuedServiceAccount issued = accounts.create(Actor.system(), TenantId.DEFAULT, "reader",
                Set.of(Permission.USERS_READ), ORIGIN).orElseThrow();

        assertThat(accounts.actorOf(issued.key()).orElseThrow().creditCap()).isZero();
    }

    @Test
    void unknownMalformedAndRevokedKeys_areInvalidTokens_andADisabledTenantsKeys_areTenantDisabled() {
        staff.tenant("acme");
        IssuedServiceAccount issued = accounts.create(Actor.system(), TenantId.DEFAULT, "ci",
                Set.of(Permission.USERS_READ), ORIGIN).orElseThrow();
        IssuedServiceAccount acme = accounts.create(Actor.system(), TenantId.of("acme"), "ci",
                Set.of(Permission.USERS_READ), ORIGIN).orElseThrow();

        assertThat(accounts.actorOf(null).problem()).isInstanceOf(Problem.InvalidToken.class);
        assertThat(accounts.actorOf("tgsa_short").problem()).isInstanceOf(Problem.InvalidToken.class);
        assertThat(accounts.actorOf("tgsa_" + "A".repeat(43)).problem()).isInstanceOf(Problem.InvalidToken.class);
        ServiceAccountView revoked = accounts.revoke(Actor.system(), TenantId.DEFAULT, issued.account().id(), "rotated",
                ORIGIN).orElseThrow();
        assertThat(revoked.revokedAt()).isPresent();
        assertThat(accounts.actorOf(issued.key()).problem()).isInstanceOf(Problem.InvalidToken.class);
        assertThat(accounts.revoke(Actor.system(), TenantId.DEFAULT, issued.account().id(), null, ORIGIN)
                .orElseThrow().revokedAt()).isEqualTo(revoked.revokedAt());
        assertThat(fixture.auditEvents).filteredOn(e -> e.type() == AuditType.SERVICE_ACCOUNT_REVOKED).hasSize(1);
        fixture.core.tenants().disable(Actor.system(), TenantId.of("acme"), null, ORIGIN).orElseThrow();
        assertThat(accounts.actorOf(acme.key()).problem()).isInstanceOf(Problem.TenantDisabled.class);
        assertThat(accounts.revoke(Actor.system(), TenantId.DEFAULT, new ServiceAccountId(UUID.randomUUID()), null,
                ORIGIN).problem()).isInstanceOf(Problem.ServiceAccountNotFound.class);
    }

    @Test
    void managing_needsServiceAccountsManage_inTheTenant_andGrantsNothingTheActorLacks() {
        TenantId acme = staff.tenant("acme");
        Actor admin = staff.actor(staff.member("ada", ADMIN), "ada");
        Actor support = staff.actor(staff.member("sam", SUPPORT), "sam");

        assertThat(accounts.create(support, TenantId.DEFAULT, "x", Set.of(Permission.USERS_READ), ORIGIN).problem())
                .isInstanceOf(Problem.PermissionDenied.class);
        assertThat(accounts.create(admin, acme, "x", Set.of(Permission.USERS_READ), ORIGIN).problem())
                .isInstanceOf(Problem.PermissionDenied.class);
        assertThat(accounts.create(admin, TenantId.DEFAULT, "verifier", Set.of(Permission.KEYS_VERIFY), ORIGIN)
                .isDone()).isTrue();
        assertThat(accounts.create(admin, TenantId.DEFAULT, "tenants", Set.of(Permission.TENANTS_MANAGE), ORIGIN)
                .problem()).isInstanceOf(Problem.PermissionDenied.class);
        assertThat(accounts.create(admin, TenantId.DEFAULT, " ", Set.of(), ORIGIN).problem())
                .isInstanceOfSatisfying(Problem.InvalidInput.class, invalid -> assertThat(invalid.errors()).hasSize(2));
        assertThat(accounts.create(admin, TenantId.of("nowhere"), "x", Set.of(Permission.USERS_READ), ORIGIN)
                .problem()).isInstanceOf(Problem.PermissionDenied.class);
        assertThat(accounts.create(Actor.system(), TenantId.of("nowhere"), "x", Set.of(Permission.USERS_READ), ORIGIN)
                .problem()).isInstanceOf(Problem.TenantNotFound.class);
        IssuedServiceAccount made = accounts.create(admin, TenantId.DEFAULT, "manager",
                EnumSet.of(Permission.SERVICE_ACCOUNTS_MANAGE, Permission.USERS_READ), ORIGIN).orElseThrow();
        Actor service = accounts.actorOf(made.key()).orElseThrow();
        assertThat(accounts.create(service, TenantId.DEFAULT, "wider", Set.of(Permission.STAFF_MANAGE), ORIGIN)
                .problem()).isInstanceOf(Problem.PermissionDenied.class);
        assertThat(accounts.create(service, TenantId.DEFAULT, "narrower", Set.of(Permission.USERS_READ), ORIGIN)
                .isDone()).isTrue();
        assertThat(accounts.list(support, TenantId.DEFAULT, PageRequest.first()).problem())
                .isInstanceOf(Problem.PermissionDenied.class);
        Page<ServiceAccountView> page = accounts.list(admin, TenantId.DEFAULT, PageRequest.first(1).counted())
                .orElseThrow();
        assertThat(page.items()).hasSize(1);
        assertThat(page.total()).hasValue(3);
        assertThat(page.items()).extracting(ServiceAccountView::name).containsExactly("verifier");
        assertThat(accounts.list(admin, TenantId.DEFAULT, PageRequest.first(1).after(page.nextCursor().orElseThrow()))
                .orElseThrow().items()).extracting(ServiceAccountView::name).containsExactly("manager");
    }

    @Test
    void aServiceActor_actsOnNoStaffMember() {
        IssuedServiceAccount made = accounts.create(Actor.system(), TenantId.DEFAULT, "hr",
                EnumSet.of(Permission.STAFF_MANAGE, Permission.USERS_READ), ORIGIN).orElseThrow();
        Actor service = accounts.actorOf(made.key()).orElseThrow();
        UserRef newcomer = staff.member("newcomer", SUPPORT_NEW);
        UserRef plain = staff.user(TenantId.DEFAULT, "plain");

        assertThat(fixture.core.staff().revoke(service, newcomer, null, ORIGIN).problem())
                .isInstanceOf(Problem.PermissionDenied.class);
        assertThat(fixture.core.staff().grant(service, plain, SUPPORT_NEW, null, ORIGIN).problem())
                .isInstanceOf(Problem.PermissionDenied.class);
    }
}

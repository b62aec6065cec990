package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.ORIGIN;
import static dev.tollgate.core.CoreFixture.PASSWORD;
import static dev.tollgate.port.settings.StaffSettings.ADMIN;
import static dev.tollgate.port.settings.StaffSettings.SUPER_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.Permission;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.session.Login;
import dev.tollgate.port.api.session.SessionTokens;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.api.staff.NewStaff;
import dev.tollgate.port.settings.Role;
import dev.tollgate.port.settings.StaffSettings;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules that keep staff powers from growing past their granter or outliving their guard. */
class StaffHardeningTest {

    @Test
    void nobodyGrantsARole_holdingMoreThanThemselves_evenOfALowerTier() {
        // a roles file whose low tier holds what the tier above it lacks
        Role auditor = new Role("auditor", EnumSet.of(Permission.USERS_READ, Permission.TENANTS_MANAGE), 0, true);
        Role lead = new Role("lead", EnumSet.of(Permission.USERS_READ, Permission.STAFF_MANAGE), 0, false);
        Role root = StaffSettings.DEFAULT_ROLES.get(StaffSettings.DEFAULT_ROLES.size() - 1);
        CoreFixture fixture = new CoreFixture(s -> s.withStaff(s.staff().withRoles(List.of(auditor, lead, root))));
        StaffFixture staff = new StaffFixture(fixture);
        Actor leader = staff.actor(staff.member("lena", "lead"), "lena");
        UserRef someone = staff.user(TenantId.DEFAULT, "sam");

        assertThat(fixture.core.staff().grant(leader, someone, "auditor", null, ORIGIN).problem())
                .isInstanceOf(Problem.PermissionDenied.class);
        assertThat(fixture.core.staff().find(Actor.system(), someone).problem()).isInstanceOf(Problem.StaffNotFound.class);
        assertThat(fixture.core.staff().grant(Actor.system(), someone, "auditor", null, ORIGIN).isDone()).isTrue();
    }

    @Test
    void aServiceAccountMovingCredits_isMadeOnlyByAnActorWithoutACreditCap() {
        Role capped = new Role("capped_admin", EnumSet.of(Permission.USERS_READ, Permission.USERS_CREDITS,
                Permission.SERVICE_ACCOUNTS_MANAGE), 100, false);
        Role root = StaffSettings.DEFAULT_ROLES.get(StaffSettings.DEFAULT_ROLES.size() - 1);
        CoreFixture fixture = new CoreFixture(s -> s.withStaff(s.staff().withRoles(List.of(capped, root))));
        StaffFixture staff = new StaffFixture(fixture);
        Actor limited = staff.actor(staff.member("cap", "capped_admin"), "cap");

        assertThat(fixture.core.serviceAccounts().create(limited, TenantId.DEFAULT, "payouts",
                Set.of(Permission.USERS_CREDITS), ORIGIN).problem()).isInstanceOf(Problem.PermissionDenied.class);
        assertThat(fixture.core.serviceAccounts().create(limited, TenantId.DEFAULT, "reader",
                Set.of(Permission.USERS_READ), ORIGIN).isDone()).isTrue();
    }

    @Test
    void theLastSuperAdmin_cannotBeSuspendedOrDeactivated_butOneOfTwoCan() {
        CoreFixture fixture = new CoreFixture();
        StaffFixture staff = new StaffFixture(fixture);
        UserRef first = staff.member("root", SUPER_ADMIN);
        Actor root = staff.actor(first, "root");

        assertThat(fixture.core.administration().suspend(root, first, "oops", ORIGIN).problem())
                .isInstanceOf(Problem.LastSuperAdmin.class);
        assertThat(fixture.core.administration().deactivate(Actor.system(), first, "oops", ORIGIN).problem())
                .isInstanceOf(Problem.LastSuperAdmin.class);
        assertThat(fixture.users.findById(first).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);

        UserRef second = staff.member("root2", SUPER_ADMIN);
        assertThat(fixture.core.administration().suspend(root, second, "left", ORIGIN).isDone()).isTrue();
    }

    @Test
    void aGrant_endsTheSessionsOpenedAsAPlainUser_soStaffPowersComeWithAStaffSession() {
        CoreFixture fixture = new CoreFixture();
        StaffFixture staff = new StaffFixture(fixture);
        UserRef ada = staff.user(TenantId.DEFAULT, "ada");
        SessionTokens before = fixture.core.sessions().login(Login.of(TenantId.DEFAULT, "ada", PASSWORD)).orElseThrow();

        fixture.core.staff().grant(Actor.system(), ada, ADMIN, "promoted", ORIGIN).orElseThrow();

        assertThat(fixture.core.sessions().authenticate(TenantId.DEFAULT, before.accessToken()).problem())
                .isInstanceOf(Problem.InvalidToken.class);
        assertThat(staff.actorOf(ada, "ada").isDone()).isTrue();
    }

    @Test
    void staffTheOperatorCreates_haveTheirAddressVouchedFor_andActAtOnce() {
        CoreFixture fixture = new CoreFixture();
        var made = fixture.core.staff().create(Actor.system(), new NewStaff(TenantId.DEFAULT, "root",
                "root@example.com", PASSWORD, SUPER_ADMIN), "first run", ORIGIN).orElseThrow();

        assertThat(fixture.users.findById(made.user()).orElseThrow().emailVerified()).isTrue();
        assertThat(new StaffFixture(fixture).actorOf(made.user(), "root").isDone()).isTrue();
    }
}

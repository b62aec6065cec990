package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.ORIGIN;
import static dev.tollgate.core.CoreFixture.PASSWORD;
import static dev.tollgate.port.settings.StaffSettings.ADMIN;
import static dev.tollgate.port.settings.StaffSettings.SUPER_ADMIN;
import static dev.tollgate.port.settings.StaffSettings.SUPPORT;
import static dev.tollgate.port.settings.StaffSettings.SUPPORT_ADVANCED;
import static dev.tollgate.port.settings.StaffSettings.SUPPORT_NEW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.staff.StaffService;
import dev.tollgate.port.AuditOutcome;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.Email;
import dev.tollgate.port.Permission;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Page;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.session.Principal;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.api.staff.NewStaff;
import dev.tollgate.port.api.staff.StaffMember;
import dev.tollgate.port.settings.Role;
import dev.tollgate.port.settings.StaffSettings;
import dev.tollgate.port.spi.audit.AuditEvent;
import dev.tollgate.port.spi.mail.MailMessage;
import dev.tollgate.port.spi.staff.StaffRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Staff roles in tiers: who is an actor, who grants, changes and revokes which role, and the last super admin. */
class StaffTest {

    private final CoreFixture fixture = new CoreFixture();
    private final StaffFixture staff = new StaffFixture(fixture);

    private Optional<String> roleOf(UserRef user) {
        return fixture.stores().staff().find(user).map(StaffRecord::role);
    }

    private List<AuditEvent> events(AuditType type) {
        return fixture.auditEvents.stream().filter(event -> event.type() == type).toList();
    }

    @Test
    void aSessionOfAStaffMember_isAnActor_withTheRolesTierPermissionsCapAndReach() {
        UserRef support = staff.member("sam", SUPPORT);
        UserRef root = staff.member("root", SUPER_ADMIN);

        Actor actor = staff.actor(support, "sam");
        Actor superAdmin = staff.actor(root, "root");

        assertThat(actor.kind()).isEqualTo(Actor.Kind.STAFF);
        assertThat(actor.staff()).isEqualTo(support);
        assertThat(actor.role()).isEqualTo(SUPPORT);
        assertThat(actor.tier()).isEqualTo(1);
        assertThat(actor.permissions()).contains(Permission.USERS_CREDITS).doesNotContain(Permission.STAFF_MANAGE);
        assertThat(actor.creditCap()).isEqualTo(StaffSettings.DEFAULT_SUPPORT_CREDIT_CAP);
        assertThat(actor.allTenants()).isFalse();
        assertThat(superAdmin.tier()).isEqualTo(4);
        assertThat(superAdmin.allTenants()).isTrue();
        assertThat(superAdmin.permissions()).containsExactlyInAnyOrder(Permission.values());
    }

    @Test
    void anApiKey_aPlainUser_anUnverifiedAddress_andARoleNoLongerConfigured_areNoActors_andTheAuditShowsIt() {
        UserRef plain = staff.user(TenantId.DEFAULT, "plain");
        UserRef support = staff.member("keyholder", SUPPORT);
        Principal byKey = fixture.core.apiKeys().authenticate(TenantId.DEFAULT, keyOf(support)).orElseThrow();
        UserRef unverified = fixture.register("fresh").user().ref();
        fixture.core.staff().grant(Actor.system(), unverified, SUPPORT, null, ORIGIN).orElseThrow();
        UserRef newcomer = staff.member("newcomer", SUPPORT_NEW);

        assertThat(fixture.core.staff().actorOf(byKey).problem()).isInstanceOf(Problem.PermissionDenied.class);
        assertThat(staff.actorOf(plain, "plain").problem()).isInstanceOf(Problem.PermissionDenied.class);
        Principal unverifiedSession = fixture.core.sessions().authenticate(TenantId.DEFAULT,
                fixture.loggedIn("fresh").accessToken()).orElseThrow();
        assertThat(fixture.core.staff().actorOf(unverifiedSession).problem())
                .isInstanceOf(Problem.PermissionDenied.class);
        CoreServices withoutNewcomers = fixture.restartedWith(s -> s.withStaff(s.staff().withRoles(
                StaffSettings.DEFAULT_ROLES.subList(1, StaffSettings.DEFAULT_ROLES.size()))));
        assertThat(withoutNewcomers.staff().actorOf(staff.signedIn(newcomer, "newcomer")).problem())
                .isInstanceOf(Problem.PermissionDenied.class);
        assertThat(events(AuditType.PERMISSION_DENIED)).extracting(AuditEvent::subject)
                .contains(support.id(), plain.id(), unverified.id());
        assertThat(fixture.audit(newcomer)).anyMatch(event -> event.type() == AuditType.PERMISSION_DENIED);
        CoreServices lenient = fixture.restartedWith(s -> s.withStaff(s.staff().withRequireVerifiedEmail(false)));
        assertThat(lenient.staff().actorOf(unverifiedSession).isDone()).isTrue();
    }

    private String keyOf(UserRef user) {
        return fixture.core.apiKeys().reveal(user, fixture.core.apiKeys().primary(user).orElseThrow().id(), PASSWORD,
                ORIGIN).orElseThrow().secret();
    }

    @Test
    void support_grantsNothing_andNothingChanges() {
        Actor support = staff.actor(staff.member("sam", SUPPORT), "sam");
        UserRef user = staff.user(TenantId.DEFAULT, "ulla");

        Outcome<StaffMember> granted = fixture.core.staff().grant(support, user, SUPPORT_NEW, "try", ORIGIN);

        assertThat(granted.problem()).isInstanceOf(Problem.PermissionDenied.class);
        assertThat(roleOf(user)).isEmpty();
        assertThat(events(AuditType.PERMISSION_DENIED)).anySatisfy(event -> {
            assertThat(event.actor()).isEqualTo(support.staff().id());
            assertThat(event.subject()).isEqualTo(user.id());
        });
        assertThat(events(AuditType.STAFF_ROLE_GRANTED)).noneMatch(event -> user.id().equals(event.subject()));
    }

    @Test
    void admin_grantsUpToSupportAdvanced_butNotAdmin_andTheGrantIsAuditedWithActorRoleAndReason() {
        UserRef adminRef = staff.member("ada", ADMIN);
        Actor admin = staff.actor(adminRef, "ada");
        UserRef first = staff.user(TenantId.DEFAULT, "first");
        UserRef second = staff.user(TenantId.DEFAULT, "second");

        StaffMember granted = fixture.core.staff().grant(admin, first, SUPPORT_ADVANCED, "new hire", ORIGIN)
                .orElseThrow();
        Outcome<StaffMember> tooHigh = fixture.core.staff().grant(admin, second, ADMIN, null, ORIGIN);

        assertThat(granted.role()).isEqualTo(SUPPORT_ADVANCED);
        assertThat(granted.grantedBy()).contains(adminRef.id());
        assertThat(granted.username().value()).isEqualTo("first");
        assertThat(tooHigh.problem()).isInstanceOf(Problem.PermissionDenied.class);
        assertThat(roleOf(second)).isEmpty();
        AuditEvent event = fixture.audit(first).stream().filter(e -> e.type() == AuditType.STAFF_ROLE_GRANTED)
                .findFirst().orElseThrow();
        assertThat(event.actor()).isEqualTo(adminRef.id());
        assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        assertThat(event.details()).containsEntry("role", SUPPORT_ADVANCED).containsEntry("reason", "new hire")
                .containsEntry("actor_role", ADMIN);
    }

    @Test
    void admin_cannotChangeOrRevokeAnotherAdmin_norPromoteSomeoneToAdmin() {
        Actor admin = staff.actor(staff.member("ada", ADMIN), "ada");
        UserRef peer = staff.member("bea", ADMIN);
        UserRef support = staff.member("sam", SUPPORT);

        assertThat(fixture.core.staff().changeRole(admin, peer, SUPPORT, null, ORIGIN).problem())
                .isInstanceOf(Problem.PermissionDenied.class);
        assertThat(fixture.core.staff().revoke(admin, peer, null, ORIGIN).problem())
                .isInstanceOf(Problem.PermissionDenied.class);
        assertThat(fixture.core.staff().changeRole(admin, support, ADMIN, null, ORIGIN).problem())
                .isInstanceOf(Problem.PermissionDenied.class);
        assertThat(roleOf(peer)).contains(ADMIN);
        assertThat(roleOf(support)).contains(SUPPORT);
        StaffMember moved = fixture.core.staff().changeRole(admin, support, SUPPORT_ADVANCED, "promoted", ORIGIN)
                .orElseThrow();
        assertThat(moved.role()).isEqualTo(SUPPORT_ADVANCED);
        assertThat(fixture.audit(support)).filteredOn(e -> e.type() == AuditType.STAFF_ROLE_CHANGED)
                .singleElement().satisfies(event -> assertThat(event.details())
                        .containsEntry("role", SUPPORT_ADVANCED).containsEntry("previous_role", SUPPORT));
    }

    @Test
    void superAdmin_demotesAPeer_butTheLastSuperAdmin_cannotBeDemotedOrRevoked() {
        UserRef rootRef = staff.member("root", SUPER_ADMIN);
        Actor root = staff.actor(rootRef, "root");
        UserRef peer = staff.member("peer", SUPER_ADMIN);

        assertThat(fixture.core.staff().changeRole(root, peer, ADMIN, "stepping down", ORIGIN).orElseThrow().role())
                .isEqualTo(ADMIN);
        assertThat(fixture.core.staff().changeRole(root, rootRef, ADMIN, null, ORIGIN).problem())
                .isInstanceOf(Problem.LastSuperAdmin.class);
        assertThat(fixture.core.staff().revoke(root, rootRef, null, ORIGIN).problem())
                .isInstanceOf(Problem.LastSuperAdmin.class);
        assertThat(roleOf(rootRef)).contains(SUPER_ADMIN);
        assertThat(fixture.core.staff().revoke(root, peer, "left", ORIGIN).orElseThrow().role()).isEqualTo(ADMIN);
        assertThat(roleOf(peer)).isEmpty();
        assertThat(fixture.audit(peer)).filteredOn(e -> e.type() == AuditType.STAFF_ROLE_REVOKED).singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("previous_role", ADMIN)
                        .containsEntry("reason", "left"));
    }

    @Test
    void anAdmin_actsInTheirTenantOnly() {
        TenantId acme = staff.tenant("acme");
        Actor acmeAdmin = staff.actor(staff.member(acme, "acmeadmin", ADMIN), "acmeadmin");
        UserRef here = staff.user(TenantId.DEFAULT, "local");
        UserRef there = staff.user(acme, "remote");

        assertThat(fixture.core.staff().grant(acmeAdmin, here, SUPPORT, null, ORIGIN).problem())
                .isInstanceOf(Problem.PermissionDenied.class);
        assertThat(fixture.core.staff().list(acmeAdmin, TenantId.DEFAULT, PageRequest.first()).problem())
                .isInstanceOf(Problem.PermissionDenied.class);
        assertThat(fixture.core.staff().find(acmeAdmin, here).problem()).isInstanceOf(Problem.PermissionDenied.class);
        assertThat(roleOf(here)).isEmpty();
        assertThat(fixture.core.staff().grant(acmeAdmin, there, SUPPORT, null, ORIGIN).isDone()).isTrue();
    }

    @Test
    void grantRefusals_unknownRole_unknownUser_alreadyStaff_andChangesOfNoStaff() {
        Actor admin = staff.actor(staff.member("ada", ADMIN), "ada");
        UserRef user = staff.user(TenantId.DEFAULT, "ulla");
        UserRef nobody = new UserRef(TenantId.DEFAULT, new UserId(UUID.randomUUID()));

        assertThat(fixture.core.staff().grant(admin, user, "janitor", null, ORIGIN).problem())
                .isInstanceOf(Problem.InvalidInput.class);
        assertThat(fixture.core.staff().grant(admin, nobody, SUPPORT, null, ORIGIN).problem())
                .isInstanceOf(Problem.UserNotFound.class);
        fixture.core.staff().grant(admin, user, SUPPORT, null, ORIGIN).orElseThrow();
        assertThat(fixture.core.staff().grant(admin, user, SUPPORT_NEW, null, ORIGIN).problem())
                .isInstanceOf(Problem.AlreadyStaff.class);
        UserRef plain = staff.user(TenantId.DEFAULT, "plain");
        assertThat(fixture.core.staff().changeRole(admin, plain, SUPPORT, null, ORIGIN).problem())
                .isInstanceOf(Problem.StaffNotFound.class);
        assertThat(fixture.core.staff().revoke(admin, plain, null, ORIGIN).problem())
                .isInstanceOf(Problem.StaffNotFound.class);
        assertThat(fixture.core.staff().find(admin, plain).problem()).isInstanceOf(Problem.StaffNotFound.class);
        assertThat(fixture.core.staff().find(admin, user).orElseThrow().role()).isEqualTo(SUPPORT);
    }

    @Test
    void create_makesAnUnverifiedStaffMember_andMailsAVerificationCode_orRefusesAsRegistrationDoes() {
        Actor admin = staff.actor(staff.member("ada", ADMIN), "ada");

        StaffMember created = fixture.core.staff().create(admin,
                new NewStaff(TenantId.DEFAULT, "carla", "carla@example.com", PASSWORD, SUPPORT), "hired", ORIGIN)
                .orElseThrow();
        Outcome<StaffMember> weak = fixture.core.staff().create(admin,
                new NewStaff(TenantId.DEFAULT, "dora", "dora@example.com", "short", SUPPORT), null, ORIGIN);
        Outcome<StaffMember> tooHigh = fixture.core.staff().create(admin,
                new NewStaff(TenantId.DEFAULT, "erna", "erna@example.com", PASSWORD, ADMIN), null, ORIGIN);

        assertThat(created.role()).isEqualTo(SUPPORT);
        assertThat(fixture.users.findById(created.user()).orElseThrow().emailVerified()).isFalse();
        assertThat(fixture.mailer.sentTo(Email.of("carla@example.com")))
                .anyMatch(mail -> mail instanceof MailMessage.VerificationCode);
        assertThat(weak.problem()).isInstanceOf(Problem.PasswordRejected.class);
        assertThat(tooHigh.problem()).isInstanceOf(Problem.PermissionDenied.class);
        assertThat(fixture.core.accounts().findByLogin(TenantId.DEFAULT, "erna")).isEmpty();
    }

    @Test
    void invite_mailsAResetCode_withWhichTheInviteeChoosesAPassword_andProvesTheAddress() {
        Actor admin = staff.actor(staff.member("ada", ADMIN), "ada");

        StaffMember invited = fixture.core.staff().invite(admin, TenantId.DEFAULT, "new.hire+x@example.com",
                SUPPORT, "welcome", ORIGIN).orElseThrow();
        String code = fixture.lastCode("new.hire+x@example.com");

        assertThat(invited.role()).isEqualTo(SUPPORT);
        assertThat(invited.username().value()).startsWith("new.hirex");
        assertThat(fixture.mailer.sentTo(Email.of("new.hire+x@example.com")))
                .anyMatch(mail -> mail instanceof MailMessage.PasswordResetCode);
        fixture.core.passwords().confirmReset(TenantId.DEFAULT, "new.hire+x@example.com", code, PASSWORD, ORIGIN)
                .orElseThrow();
        assertThat(staff.actor(invited.user(), invited.username().value()).role()).isEqualTo(SUPPORT);
        assertThat(fixture.core.staff().invite(admin, TenantId.DEFAULT, "new.hire+x@example.com", SUPPORT, null,
                ORIGIN).problem()).isInstanceOf(Problem.EmailTaken.class);
        assertThat(fixture.core.staff().invite(admin, TenantId.DEFAULT, "not-an-address", SUPPORT, null, ORIGIN)
                .problem()).isInstanceOf(Problem.InvalidInput.class);
    }

    @Test
    void anInvitationWhoseMailFails_leavesNoAccount() {
        Actor admin = staff.actor(staff.member("ada", ADMIN), "ada");
        fixture.mailer.failNext(1);

        Outcome<StaffMember> invited = fixture.core.staff().invite(admin, TenantId.DEFAULT, "lost@example.com",
                SUPPORT, null, ORIGIN);

        assertThat(invited.problem()).isInstanceOf(Problem.MailUndelivered.class);
        assertThat(fixture.core.accounts().findByLogin(TenantId.DEFAULT, "lost@example.com")).isEmpty();
    }

    @Test
    void list_pagesTheTenantsStaffByUserId_withACountOnRequest() {
        Actor admin = staff.actor(staff.member("ada", ADMIN), "ada");
        for (int i = 0; i < 4; i++) {
            staff.member("staff" + i, SUPPORT);
        }
        staff.user(TenantId.DEFAULT, "plain");

        Page<StaffMember> first = fixture.core.staff().list(admin, TenantId.DEFAULT, PageRequest.first(3).counted())
                .orElseThrow();
        Page<StaffMember> second = fixture.core.staff().list(admin, TenantId.DEFAULT,
                PageRequest.first(3).after(first.nextCursor().orElseThrow())).orElseThrow();

        assertThat(first.items()).hasSize(3);
        assertThat(first.total()).hasValue(5);
        assertThat(second.items()).hasSize(2);
        assertThat(second.last()).isTrue();
        List<StaffMember> all = new ArrayList<>(first.items());
        all.addAll(second.items());
        assertThat(all).extracting(member -> member.user().id().value()).isSorted().doesNotHaveDuplicates();
        assertThat(fixture.core.staff().list(admin, TenantId.DEFAULT, new PageRequest("bogus", 3, false)).problem())
                .isInstanceOf(Problem.InvalidInput.class);
        assertThat(fixture.core.staff().list(admin, TenantId.DEFAULT, PageRequest.first(0)).problem())
                .isInstanceOf(Problem.InvalidInput.class);
    }

    @Test
    void twoSuperAdminsDemotingEachOtherAtOnce_leaveExactlyOne() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                fixture.clock.advance(Duration.ofHours(1)); // a new registration throttle window
                UserRef a = staff.member("alpha" + round, SUPER_ADMIN);
                UserRef b = staff.member("beta" + round, SUPER_ADMIN);
                Actor actorA = staff.actor(a, "alpha" + round);
                Actor actorB = staff.actor(b, "beta" + round);
                UserRef others = fixture.stores().staff().list(TenantId.DEFAULT, null, 200).stream()
                        .map(StaffRecord::user).filter(user -> !user.equals(a) && !user.equals(b)).findFirst()
                        .orElse(null);
                if (others != null) {
                    // earlier rounds' survivor: demoted first, so a and b are the only super admins
                    fixture.core.staff().revoke(Actor.system(), others, null, ORIGIN).orElseThrow();
                }
                CountDownLatch start = new CountDownLatch(1);
                Callable<Outcome<StaffMember>> aDemotesB = () -> {
                    start.await();
                    return fixture.core.staff().changeRole(actorA, b, ADMIN, null, ORIGIN);
                };
                Callable<Outcome<StaffMember>> bDemotesA = () -> {
                    start.await();
                    return fixture.core.staff().changeRole(actorB, a, ADMIN, null, ORIGIN);
                };
                Future<Outcome<StaffMember>> first = pool.submit(aDemotesB);
                Future<Outcome<StaffMember>> second = pool.submit(bDemotesA);
                start.countDown();
                List<Outcome<StaffMember>> outcomes = List.of(first.get(), second.get());

                assertThat(fixture.stores().staff().countHolders(SUPER_ADMIN)).isEqualTo(1);
                assertThat(outcomes).filteredOn(Outcome::isDone).hasSize(1);
                assertThat(outcomes).filteredOn(outcome -> !outcome.isDone()).singleElement()
                        .satisfies(refused -> assertThat(refused.problem()).isInstanceOf(Problem.LastSuperAdmin.class));
                for (UserRef loser : List.of(a, b)) {
                    if (roleOf(loser).filter(ADMIN::equals).isPresent()) {
                        fixture.core.staff().revoke(Actor.system(), loser, null, ORIGIN).orElseThrow();
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void deletingOnesAccount_takesTheRoleAway_butTheLastSuperAdminCannotDeleteThemselves() {
        UserRef root = staff.member("root", SUPER_ADMIN);
        UserRef admin = staff.member("ada", ADMIN);

        Outcome<?> lastOne = fixture.core.accounts().delete(root, PASSWORD, null, ORIGIN);
        Outcome<?> adminGone = fixture.core.accounts().delete(admin, PASSWORD, "leaving", ORIGIN);

        assertThat(lastOne.problem()).isInstanceOf(Problem.LastSuperAdmin.class);
        assertThat(fixture.users.findById(root)).isPresent();
        assertThat(roleOf(root)).contains(SUPER_ADMIN);
        assertThat(adminGone.isDone()).isTrue();
        assertThat(roleOf(admin)).isEmpty();
        StaffService service = (StaffService) fixture.core.staff();
        assertThat(service.removeOnDeletion(root)).containsInstanceOf(Problem.LastSuperAdmin.class);
        staff.member("second", SUPER_ADMIN);
        assertThat(service.removeOnDeletion(root)).isEmpty();
        assertThat(roleOf(root)).isEmpty();
    }

    @Test
    void aRoleRemovedFromTheSettings_countsAsTheHighestTier_soOnlySuperAdminsActOnIt() {
        Role legacy = new Role("legacy", EnumSet.of(Permission.USERS_READ), 0, false);
        List<Role> withLegacy = new ArrayList<>(List.of(legacy));
        withLegacy.addAll(StaffSettings.DEFAULT_ROLES);
        CoreFixture tuned = new CoreFixture(s -> s.withStaff(s.staff().withRoles(withLegacy)));
        StaffFixture tunedStaff = new StaffFixture(tuned);
        UserRef old = tunedStaff.member("oldtimer", "legacy");
        UserRef adminRef = tunedStaff.member("ada", ADMIN);
        UserRef rootRef = tunedStaff.member("root", SUPER_ADMIN);
        CoreServices restarted = tuned.restartedWith(s -> s.withStaff(s.staff().withRoles(StaffSettings.DEFAULT_ROLES)));
        Actor admin = restarted.staff().actorOf(tunedStaff.signedIn(adminRef, "ada")).orElseThrow();
        Actor root = restarted.staff().actorOf(tunedStaff.signedIn(rootRef, "root")).orElseThrow();

        assertThat(restarted.staff().revoke(admin, old, null, ORIGIN).problem())
                .isInstanceOf(Problem.PermissionDenied.class);
        assertThat(restarted.staff().revoke(root, old, null, ORIGIN).isDone()).isTrue();
    }
}

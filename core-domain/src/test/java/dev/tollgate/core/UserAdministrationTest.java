package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.ORIGIN;
import static dev.tollgate.core.CoreFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.AuditOutcome;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.Email;
import dev.tollgate.port.Permission;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.account.UserView;
import dev.tollgate.port.api.admin.UserAdministration;
import dev.tollgate.port.api.admin.UserChange;
import dev.tollgate.port.api.admin.UserDetails;
import dev.tollgate.port.api.metering.KeyVerification.MeterState;
import dev.tollgate.port.api.profile.ProfileUpdate;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.api.session.SessionTokens;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.settings.ServiceLevel;
import dev.tollgate.port.settings.StaffSettings;
import dev.tollgate.port.spi.audit.AuditEvent;
import dev.tollgate.port.spi.code.CodePurpose;
import dev.tollgate.tck.internal.Race;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Staff's use cases on users: allowed with the change made, or refused with
 * {@code PERMISSION_DENIED}, nothing changed and the refusal audited, for each default role and
 * a service account without permissions; the tier rule; other tenants; the credit cap.
 */
class UserAdministrationTest {

    private final CoreFixture fixture = new CoreFixture();
    private final AdminActors actors = new AdminActors(fixture);
    private final UserAdministration admin = fixture.core.administration();
    private final UserRef alice = fixture.registerVerified("alice");

    /** An operation of the table: what it does to the target, and whether its change is there. */
    private record Operation(BiFunction<Actor, UserRef, Outcome<?>> run, Predicate<UserRef> changed) {
    }

    private Operation operation(String name) {
        return switch (name) {
            case "details" -> new Operation((actor, user) -> admin.details(actor, user), user -> true);
            case "usage" -> new Operation((actor, user) -> admin.usageEvents(actor, user, PageRequest.first()),
                    user -> true);
            case "email" -> new Operation(
                    (actor, user) -> admin.update(actor, user, UserChange.none().withEmail("new-" + user.id() + "@example.com"),
                            "asked by phone", ORIGIN),
                    user -> view(user).email().value().startsWith("new-"));
            case "plan" -> new Operation(
                    (actor, user) -> admin.update(actor, user, UserChange.none().withPlan("premium"), "upgrade", ORIGIN),
                    user -> fixture.core.subscriptions().view(user).orElseThrow().plan().equals("premium"));
            case "limits" -> new Operation(
                    (actor, user) -> admin.update(actor, user, UserChange.none().withRateLimit(7), "slow down", ORIGIN),
                    user -> Integer.valueOf(7).equals(fixture.core.subscriptions().view(user).orElseThrow()
                            .rateLimitOverride()));
            case "suspend" -> new Operation((actor, user) -> admin.suspend(actor, user, "abuse", ORIGIN),
                    user -> view(user).status() == AccountStatus.SUSPENDED);
            case "deactivate" -> new Operation((actor, user) -> admin.deactivate(actor, user, "asked", ORIGIN),
                    user -> view(user).status() == AccountStatus.DEACTIVATED);
            case "unlock" -> new Operation((actor, user) -> admin.unlock(actor, user, "called", ORIGIN),
                    user -> fixture.users.findById(user).orElseThrow().lockedUntil() == null);
            case "reset" -> new Operation((actor, user) -> admin.resetPassword(actor, user, "forgot", ORIGIN),
                    user -> fixture.codeStore.find(user, CodePurpose.PASSWORD_RESET)
                            .isPresent());
            case "logout" -> new Operation((actor, user) -> admin.logoutEverywhere(actor, user, "lost phone", ORIGIN),
                    user -> fixture.sessionStore.listLive(user, fixture.clock.instant()).isEmpty());
            case "credits" -> new Operation(
                    (actor, user) -> admin.adjustCredits(actor, user, "credits", 5, "goodwill", ORIGIN),
                    user -> topUp(user) == 5);
            case "delete" -> new Operation((actor, user) -> admin.delete(actor, user, "gdpr", ORIGIN),
                    user -> fixture.users.findById(user).isEmpty());
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Alice locked out, with a session, so every operation has something to change. */
    private void prepare(UserRef user) {
        fixture.loggedIn("alice");
        for (int i = 0; i < fixture.settings.lockout().maxFailures(); i++) {
            fixture.login("alice", "wrong-Password-" + i);
        }
        assertThat(fixture.users.findById(user).orElseThrow().lockedUntil()).isNotNull();
    }

    @ParameterizedTest(name = "{0} by {1}: allowed {2}")
    @CsvSource({
            "details, support_new, true", "details, support, true", "details, support_advanced, true",
            "details, admin, true", "details, super_admin, true", "details, service, false",
            "usage, support_new, true", "usage, support, true", "usage, support_advanced, true",
            "usage, admin, true", "usage, super_admin, true", "usage, service, false",
            "email, support_new, false", "email, support, true", "email, support_advanced, true",
            "email, admin, true", "email, super_admin, true", "email, service, false",
            "plan, support_new, false", "plan, support, true", "plan, admin, true", "plan, service, false",
            "limits, support_new, false", "limits, support, true", "limits, super_admin, true",
            "limits, service, false",
            "suspend, support_new, false", "suspend, support, false", "suspend, support_advanced, true",
            "suspend, admin, true", "suspend, super_admin, true", "suspend, service, false",
            "deactivate, support, false", "deactivate, support_advanced, true",
            "unlock, support_new, false", "unlock, support, false", "unlock, support_advanced, true",
            "unlock, admin, true", "unlock, super_admin, true", "unlock, service, false",
            "reset, support_new, false", "reset, support, true", "reset, support_advanced, true",
            "reset, admin, true", "reset, service, false",
            "logout, support_new, false", "logout, support, false", "logout, support_advanced, true",
            "logout, admin, true", "logout, super_admin, true", "logout, service, false",
            "credits, support_new, false", "credits, support, true", "credits, support_advanced, true",
            "credits, admin, true", "credits, super_admin, true", "credits, service, false",
            "delete, support_new, false", "delete, support, false", "delete, support_advanced, false",
            "delete, admin, true", "delete, super_admin, true", "delete, service, false",
    })
    void everyRole_isAllowedExactlyWhatItsPermissionsGive(String name, String role, boolean allowed) {
        prepare(alice);
        Actor actor = actors.actor(role);
        Operation operation = operation(name);
        int deniedBefore = denials(alice).size();

        Outcome<?> outcome = operation.run().apply(actor, alice);

        if (allowed) {
            assertThat(outcome.isDone()).as("%s by %s: %s", name, role, outcome).isTrue();
            assertThat(operation.changed().test(alice)).isTrue();
            assertThat(denials(alice)).hasSize(deniedBefore);
        } else {
            assertThat(outcome.problem()).isInstanceOf(Problem.PermissionDenied.class);
            if (!name.equals("details") && !name.equals("usage")) {
                assertThat(operation.changed().test(alice)).as("nothing changed").isFalse();
            }
            assertThat(denials(alice)).hasSize(deniedBefore + 1);
            AuditEvent denial = denials(alice).get(0);
            assertThat(denial.actor()).isEqualTo(actor.auditedAs().orElse(null));
            assertThat(denial.details()).containsEntry("actor_kind", actor.kind().name().toLowerCase());
        }
    }

    private List<AuditEvent> denials(UserRef user) {
        return fixture.audit(user).stream().filter(event -> event.type() == AuditType.PERMISSION_DENIED).toList();
    }

    private UserView view(UserRef user) {
        return fixture.core.accounts().find(user).orElseThrow();
    }

    private long topUp(UserRef user) {
        return fixture.core.subscriptions().view(user).orElseThrow().meters().get("credits").topUpLeft();
    }

    @Nested
    class Tiers {

        @Test
        void supportAdvanced_cannotSuspendAnAdmin_norTouchIt() {
            Actor advanced = actors.actor(StaffSettings.SUPPORT_ADVANCED);
            Actor target = actors.staff(StaffSettings.ADMIN, alice);

            assertThat(admin.suspend(advanced, alice, "no", ORIGIN).problem()).isInstanceOf(Problem.PermissionDenied.class);
            assertThat(admin.details(advanced, alice).problem()).isInstanceOf(Problem.PermissionDenied.class);
            assertThat(view(alice).status()).isEqualTo(AccountStatus.ACTIVE);
            assertThat(target.tier()).isGreaterThan(advanced.tier());
        }

        @Test
        void anAdmin_cannotActOnAnotherAdmin_butASuperAdminActsOnAnother() {
            Actor first = actors.actor(StaffSettings.ADMIN);
            actors.staff(StaffSettings.ADMIN, alice);
            assertThat(admin.suspend(first, alice, "peer", ORIGIN).problem()).isInstanceOf(Problem.PermissionDenied.class);

            UserRef bob = fixture.registerVerified("bob");
            actors.staff(StaffSettings.SUPER_ADMIN, bob);
            Actor top = actors.actor(StaffSettings.SUPER_ADMIN);
            assertThat(admin.suspend(top, bob, "peer", ORIGIN).isDone()).isTrue();
        }

        @Test
        void anAdmin_mayActOnSupportStaff() {
            actors.staff(StaffSettings.SUPPORT, alice);

            assertThat(admin.suspend(actors.actor(StaffSettings.ADMIN), alice, "leaving", ORIGIN).isDone()).isTrue();
        }
    }

    @Nested
    class OtherTenants {

        private final UserRef carol = registerInAcme();

        private UserRef registerInAcme() {
            fixture.core.tenants().create(Actor.system(), TenantId.of("acme"), "Acme", ORIGIN).orElseThrow();
            return fixture.core.registration()
                    .register(Registration.of(TenantId.of("acme"), "carol", "carol@example.com", PASSWORD)
                            .withContext(ORIGIN))
                    .orElseThrow().user().ref();
        }

        @Test
        void anAdminOfOneTenant_isRefusedEveryUserOfAnother_evenById_asPermissionDenied() {
            Actor actor = actors.actor(StaffSettings.ADMIN);

            assertThat(admin.details(actor, carol).problem()).isInstanceOf(Problem.PermissionDenied.class);
            assertThat(admin.suspend(actor, carol, "x", ORIGIN).problem()).isInstanceOf(Problem.PermissionDenied.class);
            assertThat(admin.usageEvents(actor, carol, PageRequest.first()).problem())
                    .isInstanceOf(Problem.PermissionDenied.class);
            assertThat(admin.usageEvents(actor, UserRef.of(TenantId.of("acme"), new UserId(UUID.randomUUID())),
                    PageRequest.first()).problem()).isInstanceOf(Problem.PermissionDenied.class);
            assertThat(admin.details(actor, UserRef.of(TenantId.of("acme"), new UserId(UUID.randomUUID()))).problem())
                    .as("an unknown id of another tenant is not reported as not found")
                    .isInstanceOf(Problem.PermissionDenied.class);
            assertThat(view(carol).status()).isEqualTo(AccountStatus.ACTIVE);
            assertThat(denials(carol)).isNotEmpty();
        }

        @Test
        void anUnknownUserOfTheActorsOwnTenant_isNotFound() {
            Actor actor = actors.actor(StaffSettings.ADMIN);

            assertThat(admin.details(actor, UserRef.of(TenantId.DEFAULT, new UserId(UUID.randomUUID()))).problem())
                    .isInstanceOf(Problem.UserNotFound.class);
            assertThat(admin.usageEvents(actor, UserRef.of(TenantId.DEFAULT, new UserId(UUID.randomUUID())),
                    PageRequest.first()).problem()).isInstanceOf(Problem.UserNotFound.class);
        }

        @Test
        void aSuperAdmin_actsInEveryTenant() {
            Actor actor = actors.actor(StaffSettings.SUPER_ADMIN);

            assertThat(admin.suspend(actor, carol, "fraud", ORIGIN).isDone()).isTrue();
            assertThat(view(carol).status()).isEqualTo(AccountStatus.SUSPENDED);
        }
    }

    @Nested
    class Credits {

        @Test
        void support_mayMoveUpToItsCap_andBeyondIsDenied_andAudited() {
            Actor support = actors.actor(StaffSettings.SUPPORT);
            long cap = StaffSettings.DEFAULT_SUPPORT_CREDIT_CAP;

            assertThat(admin.adjustCredits(support, alice, "credits", cap, "refund", ORIGIN).isDone()).isTrue();
            assertThat(admin.adjustCredits(support, alice, "credits", cap + 1, "too much", ORIGIN).problem())
                    .isInstanceOf(Problem.PermissionDenied.class);
            assertThat(admin.adjustCredits(support, alice, "credits", -(cap + 1), "too much", ORIGIN).problem())
                    .isInstanceOf(Problem.PermissionDenied.class);
            assertThat(topUp(alice)).isEqualTo(cap);
            assertThat(denials(alice)).hasSize(2);
        }

        @Test
        void aNegativeAmount_deductsFromTheTopUp_neverBelowZero() {
            Actor actor = actors.actor(StaffSettings.ADMIN);
            admin.adjustCredits(actor, alice, "credits", 10, "grant", ORIGIN).orElseThrow();

            MeterState after = admin.adjustCredits(actor, alice, "credits", -4, "correction", ORIGIN).orElseThrow();
            Outcome<MeterState> beyond = admin.adjustCredits(actor, alice, "credits", -7, "too much", ORIGIN);

            assertThat(after.topUpLeft()).isEqualTo(6);
            assertThat(after.allowanceLeft()).as("the allowance is not touched").isEqualTo(after.allowance());
            assertThat(beyond.problem()).isInstanceOf(Problem.InsufficientCredits.class);
            assertThat(topUp(alice)).isEqualTo(6);
        }

        @Test
        void zero_isInvalid_andAnUnknownMeterIsNamed() {
            Actor actor = actors.actor(StaffSettings.ADMIN);

            assertThat(admin.adjustCredits(actor, alice, "credits", 0, null, ORIGIN).problem())
                    .isInstanceOfSatisfying(Problem.InvalidInput.class,
                            invalid -> assertThat(invalid.errors()).extracting(Problem.FieldError::field).contains("amount"));
            assertThat(admin.adjustCredits(actor, alice, "nothing_here", 3, null, ORIGIN).problem())
                    .isInstanceOf(Problem.UnknownMeter.class);
        }

        @Test
        void anAdjustment_isAuditedWithTheActorMeterAmountAndReason() {
            Actor actor = actors.actor(StaffSettings.SUPPORT);

            admin.adjustCredits(actor, alice, "credits", -1, "oops", ORIGIN);
            admin.adjustCredits(actor, alice, "credits", 3, "goodwill", ORIGIN).orElseThrow();

            List<AuditEvent> adjusted = fixture.audit(alice).stream()
                    .filter(event -> event.type() == AuditType.CREDITS_ADJUSTED).toList();
            assertThat(adjusted).hasSize(2);
            assertThat(adjusted.get(0).outcome()).isEqualTo(AuditOutcome.SUCCESS);
            assertThat(adjusted.get(0).actor()).isEqualTo(actor.staff().id());
            assertThat(adjusted.get(0).details()).containsEntry("meter", "credits").containsEntry("amount", "3")
                    .containsEntry("reason", "goodwill").containsEntry("actor_role", StaffSettings.SUPPORT);
            assertThat(adjusted.get(1).outcome()).isEqualTo(AuditOutcome.FAILURE);
            assertThat(adjusted.get(1).reason()).isEqualTo("INSUFFICIENT_CREDITS");
        }
    }

    @Nested
    class StatusAndSessions {

        @Test
        void suspend_endsTheSessions_andIsAuditedWithTheStaffMemberAndReason() {
            SessionTokens session = fixture.loggedIn("alice");
            Actor actor = actors.actor(StaffSettings.SUPPORT_ADVANCED);

            UserView suspended = admin.suspend(actor, alice, "chargeback", ORIGIN).orElseThrow();

            assertThat(suspended.status()).isEqualTo(AccountStatus.SUSPENDED);
            assertThat(fixture.core.sessions().authenticate(TenantId.DEFAULT, session.accessToken()).isDone()).isFalse();
            AuditEvent event = fixture.audit(alice).stream()
                    .filter(e -> e.type() == AuditType.ACCOUNT_SUSPENDED).findFirst().orElseThrow();
            assertThat(event.actor()).isEqualTo(actor.staff().id());
            assertThat(event.details()).containsEntry("reason", "chargeback")
                    .containsEntry("actor_role", StaffSettings.SUPPORT_ADVANCED)
                    .containsEntry("permission", Permission.USERS_SUSPEND.id());
        }

        @Test
        void activate_bringsASuspendedUserBack_andAnActiveOneIsAConflict() {
            Actor actor = actors.actor(StaffSettings.ADMIN);
            assertThat(admin.activate(actor, alice, null, ORIGIN).problem())
                    .isInstanceOf(Problem.AccountStateConflict.class);
            admin.suspend(actor, alice, null, ORIGIN).orElseThrow();

            assertThat(admin.activate(actor, alice, "appeal won", ORIGIN).orElseThrow().status())
                    .isEqualTo(AccountStatus.ACTIVE);
        }

        @Test
        void theAccountsApi_stillSuspends_withoutAnActor() {
            fixture.core.accounts().suspend(alice, "by the operator's code", ORIGIN).orElseThrow();

            assertThat(view(alice).status()).isEqualTo(AccountStatus.SUSPENDED);
        }

        @Test
        void unlock_liftsTheLock_soTheRightPasswordLogsInAgain() {
            prepare(alice);
            assertThat(fixture.login("alice", PASSWORD).problem()).isInstanceOf(Problem.AccountLocked.class);

            UserView unlocked = admin.unlock(actors.actor(StaffSettings.SUPPORT_ADVANCED), alice, "verified by phone",
                    ORIGIN).orElseThrow();

            assertThat(unlocked.status()).isEqualTo(AccountStatus.ACTIVE);
            assertThat(fixture.users.findById(alice).orElseThrow().failedLogins()).isZero();
            assertThat(fixture.login("alice", PASSWORD).isDone()).isTrue();
            assertThat(fixture.audit(alice)).extracting(AuditEvent::type).contains(AuditType.ACCOUNT_UNLOCKED);
        }

        @Test
        void resetPassword_mailsAResetCode_thatResetsThePassword() {
            admin.resetPassword(actors.actor(StaffSettings.SUPPORT), alice, "locked out", ORIGIN).orElseThrow();

            String code = fixture.lastCode("alice@example.com");
            assertThat(fixture.core.passwords().confirmReset(TenantId.DEFAULT, "alice@example.com", code,
                    "brand-New-pass-42", ORIGIN).isDone()).isTrue();
            assertThat(fixture.login("alice", "brand-New-pass-42").isDone()).isTrue();
        }

        @Test
        void logoutEverywhere_endsEverySession_andAnswersHowMany() {
            fixture.loggedIn("alice");
            fixture.loggedIn("alice");

            assertThat(admin.logoutEverywhere(actors.actor(StaffSettings.ADMIN), alice, null, ORIGIN).orElseThrow())
                    .isEqualTo(2);
            assertThat(fixture.core.sessions().list(alice)).isEmpty();
        }

        @Test
        void aReasonTooLong_isInvalid_andChangesNothing() {
            assertThat(admin.suspend(actors.actor(StaffSettings.ADMIN), alice, "x".repeat(501), ORIGIN).problem())
                    .isInstanceOf(Problem.InvalidInput.class);
            assertThat(view(alice).status()).isEqualTo(AccountStatus.ACTIVE);
        }
    }

    @Nested
    class Deletion {

        @Test
        void delete_archivesTheAccount_andTakesItsStaffRoleAndNotes() {
            Actor actor = actors.actor(StaffSettings.ADMIN);
            actors.staff(StaffSettings.SUPPORT, alice);
            admin.update(actor, alice, UserChange.none().withNotes("VIP"), null, ORIGIN).orElseThrow();

            admin.delete(actor, alice, "asked to be forgotten", ORIGIN).orElseThrow();

            assertThat(fixture.users.findById(alice)).isEmpty();
            assertThat(fixture.archive.find(alice)).isPresent();
            assertThat(fixture.stores().staff().find(alice)).isEmpty();
            assertThat(fixture.stores().notes().find(alice)).isEmpty();
            assertThat(fixture.audit(alice)).filteredOn(event -> event.type() == AuditType.ACCOUNT_DELETED)
                    .singleElement().satisfies(event -> assertThat(event.actor()).isEqualTo(actor.staff().id()));
        }

        @Test
        void selfDeletion_forgetsTheStaffNotesToo() {
            admin.update(actors.actor(StaffSettings.SUPPORT), alice, UserChange.none().withNotes("VIP"), null, ORIGIN)
                    .orElseThrow();

            fixture.core.accounts().delete(alice, PASSWORD, "bye", ORIGIN).orElseThrow();

            assertThat(fixture.stores().notes().find(alice)).isEmpty();
        }

        @Test
        void theLastSuperAdmin_cannotBeDeleted() {
            Actor only = actors.staff(StaffSettings.SUPER_ADMIN, alice);

            assertThat(admin.delete(only, alice, "leaving", ORIGIN).problem()).isInstanceOf(Problem.LastSuperAdmin.class);
            assertThat(fixture.users.findById(alice)).isPresent();
            assertThat(fixture.stores().staff().find(alice)).isPresent();
        }
    }

    @Nested
    class Updates {

        @Test
        void aCallLackingOneOfItsPermissions_changesNothing() {
            Actor readOnlyContact = AdminActors.service(EnumSet.of(Permission.USERS_UPDATE_CONTACT));
            UserChange change = UserChange.none().withProfile(ProfileUpdate.none().withName("Alice L."))
                    .withPlan("premium");

            assertThat(admin.update(readOnlyContact, alice, change, null, ORIGIN).problem())
                    .isInstanceOf(Problem.PermissionDenied.class);
            assertThat(view(alice).profile().name()).isNotEqualTo("Alice L.");
            assertThat(fixture.core.subscriptions().view(alice).orElseThrow().subscribed()).isFalse();
        }

        @Test
        void anInvalidPart_changesNoOtherPart() {
            Actor actor = actors.actor(StaffSettings.ADMIN);
            UserChange change = UserChange.none().withProfile(ProfileUpdate.none().withName("Alice L."))
                    .withPlan("no-such-plan");

            assertThat(admin.update(actor, alice, change, null, ORIGIN).problem()).isInstanceOf(Problem.InvalidInput.class);
            assertThat(view(alice).profile().name()).isNotEqualTo("Alice L.");
        }

        @Test
        void email_isTakenAsVerified_andATakenOneIsRefused() {
            Actor actor = actors.actor(StaffSettings.SUPPORT);
            fixture.register("bob");

            assertThat(admin.update(actor, alice, UserChange.none().withEmail("bob@example.com"), null, ORIGIN).problem())
                    .isInstanceOf(Problem.EmailTaken.class);
            var details = admin.update(actor, alice, UserChange.none().withEmail("Alice.New@Example.com"), "typo",
                    ORIGIN).orElseThrow();

            assertThat(details.user().email()).isEqualTo(Email.of("Alice.New@Example.com"));
            assertThat(details.user().emailVerified()).isTrue();
            assertThat(fixture.users.findById(alice).orElseThrow().pendingEmail()).isNull();
            assertThat(fixture.audit(alice)).filteredOn(event -> event.type() == AuditType.EMAIL_CHANGED)
                    .extracting(AuditEvent::outcome).containsExactly(AuditOutcome.SUCCESS, AuditOutcome.FAILURE);
        }

        @Test
        void ofStaffGivingTwoUsersOneAddressAtOnce_exactlyOneWins() {
            UserRef bob = fixture.registerVerified("bob");
            Actor actor = actors.actor(StaffSettings.ADMIN);
            List<UserRef> targets = List.of(alice, bob);

            List<Outcome<UserDetails>> results = Race.run(2, i -> admin.update(actor, targets.get(i),
                    UserChange.none().withEmail("shared@example.com"), null, ORIGIN));

            assertThat(results).filteredOn(Outcome::isDone).hasSize(1);
            assertThat(results).filteredOn(result -> !result.isDone())
                    .allSatisfy(result -> assertThat(result.problem()).isInstanceOf(Problem.EmailTaken.class));
            assertThat(targets).filteredOn(user -> view(user).email().value().equals("shared@example.com")).hasSize(1);
        }

        @Test
        void planParts_mergeWithTheCurrentSubscription() {
            Actor actor = actors.actor(StaffSettings.SUPPORT);
            admin.update(actor, alice, UserChange.none().withPlan("basic").withEntitlements(Set.of("beta")), null,
                    ORIGIN).orElseThrow();

            var details = admin.update(actor, alice, UserChange.none().withAllowances(Map.of("credits", 77L))
                    .withRateLimit(9), "heavy user", ORIGIN).orElseThrow();

            assertThat(details.subscription().plan()).isEqualTo("basic");
            assertThat(details.subscription().extraEntitlements()).containsExactly("beta");
            assertThat(details.subscription().allowanceOverrides()).containsExactly(Map.entry("credits", 77L));
            assertThat(details.subscription().rateLimitOverride()).isEqualTo(9);
        }

        @Test
        void aServiceLevelOverride_isTheUsersLevel_everywhere() {
            Actor actor = actors.actor(StaffSettings.SUPPORT);

            var details = admin.update(actor, alice, UserChange.none().withLevel(ServiceLevel.HIGH), "partner",
                    ORIGIN).orElseThrow();

            assertThat(details.subscription().plan()).isEqualTo(fixture.settings.plans().defaultPlan());
            assertThat(details.subscription().level()).isEqualTo(ServiceLevel.HIGH);
            assertThat(details.subscription().levelOverride()).isEqualTo(ServiceLevel.HIGH);
            assertThat(fixture.core.usageReports().report(alice, 1).orElseThrow().level()).isEqualTo(ServiceLevel.HIGH);
        }

        @Test
        void notes_areKeptWithTheirAuthor_audited_andClearedByAnEmptyText() {
            Actor actor = actors.actor(StaffSettings.SUPPORT);

            var details = admin.update(actor, alice, UserChange.none().withNotes("called twice"), "ticket 7", ORIGIN)
                    .orElseThrow();
            assertThat(details.notes()).hasValueSatisfying(note -> {
                assertThat(note.text()).isEqualTo("called twice");
                assertThat(note.updatedBy()).contains(actor.staff().id());
            });
            assertThat(admin.update(actor, alice, UserChange.none().withNotes("x".repeat(10_001)), null, ORIGIN)
                    .problem()).isInstanceOf(Problem.InvalidInput.class);

            assertThat(admin.update(actor, alice, UserChange.none().withNotes(""), null, ORIGIN).orElseThrow().notes())
                    .isEmpty();
            assertThat(fixture.audit(alice)).filteredOn(event -> event.type() == AuditType.STAFF_NOTES_UPDATED)
                    .hasSize(2).allSatisfy(event -> assertThat(event.actor()).isEqualTo(actor.staff().id()));
        }
    }

    @Nested
    class Details {

        @Test
        void details_showKeysSessionsLockAndRole_butNoSecret() {
            prepare(alice);
            actors.staff(StaffSettings.SUPPORT_NEW, alice);
            fixture.core.apiKeys().create(alice, "ci", null, ORIGIN).orElseThrow();
            fixture.clock.advance(Duration.ofSeconds(1));

            var details = admin.details(actors.actor(StaffSettings.SUPPORT), alice).orElseThrow();

            assertThat(details.user().id()).isEqualTo(alice.id());
            assertThat(details.keys()).extracting(key -> key.name()).contains("ci");
            assertThat(details.sessions()).hasSize(1);
            assertThat(details.lockedUntil()).isPresent();
            assertThat(details.staffRole()).contains(StaffSettings.SUPPORT_NEW);
            assertThat(details.subscription().meters()).containsKey("credits");
            assertThat(details.toString()).doesNotContain(fixture.users.findById(alice).orElseThrow().passwordHash());
        }
    }
}

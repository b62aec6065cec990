package dev.tollgate.core.staff;

import dev.tollgate.core.audit.Auditor;
import dev.tollgate.core.code.OneTimeCodes;
import dev.tollgate.core.registration.RegistrationService;
import dev.tollgate.core.user.TenantGate;
import dev.tollgate.core.user.User;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.Email;
import dev.tollgate.port.Permission;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Page;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.email.CodeSent;
import dev.tollgate.port.api.registration.Registered;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.api.session.Principal;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.api.staff.NewStaff;
import dev.tollgate.port.api.staff.Staff;
import dev.tollgate.port.api.staff.StaffMember;
import dev.tollgate.port.settings.Role;
import dev.tollgate.port.settings.StaffSettings;
import dev.tollgate.port.spi.Stores;
import dev.tollgate.port.spi.code.CodePurpose;
import dev.tollgate.port.spi.session.SessionStore;
import dev.tollgate.port.spi.staff.StaffChange;
import dev.tollgate.port.spi.staff.StaffRecord;
import dev.tollgate.port.spi.staff.StaffStore;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.port.spi.user.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Staff roles, decided by {@link AccessRules}: who may grant, change and revoke which role. The
 * last holder of the highest role is kept by the store's own guard, so two super admins demoting
 * each other at once leave one. A signed-in user is an actor only with a session (an API key
 * never carries staff powers), a configured role, an active tenant and, when
 * {@link StaffSettings#requireVerifiedEmail()} (the default), a verified address.
 */
public final class StaffService implements Staff {

    /** How often a change is tried again when another change of the same role came first. */
    private static final int TRIES = 3;
    private static final int MAX_REASON = 500;
    private static final KeysetCursor CURSOR = new KeysetCursor("staff");

    private final StaffStore staff;
    private final UserStore users;
    private final SessionStore sessions;
    private final AccessRules access;
    private final StaffSettings settings;
    private final RegistrationService registration;
    private final OneTimeCodes codes;
    private final TenantGate tenants;
    private final AccountRemoval removal;
    private final Clock clock;
    private final Auditor auditor;

    public StaffService(Stores stores, AccessRules access, RegistrationService registration, OneTimeCodes codes,
            TenantGate tenants, Clock clock, Auditor auditor) {
        Objects.requireNonNull(stores, "stores");
        this.staff = stores.staff();
        this.users = stores.users();
        this.sessions = stores.sessions();
        this.access = Objects.requireNonNull(access, "access");
        this.settings = access.settings();
        this.registration = Objects.requireNonNull(registration, "registration");
        this.codes = Objects.requireNonNull(codes, "codes");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.removal = new AccountRemoval(stores);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    @Override
    public Outcome<Actor> actorOf(Principal principal) {
        Objects.requireNonNull(principal, "principal");
        UserRef user = principal.user();
        if (principal.authenticatedBy() != Principal.Credential.SESSION) {
            return refusedActor(user, "api_key");
        }
        Optional<Problem> disabled = tenants.refusalToUse(user.tenant());
        if (disabled.isPresent()) {
            return Outcome.refused(disabled.get());
        }
        Optional<StaffRecord> held = staff.find(user);
        if (held.isEmpty()) {
            return refusedActor(user, "no_role");
        }
        Optional<Role> role = settings.role(held.get().role());
        if (role.isEmpty()) {
            return refusedActor(user, "role_not_configured");
        }
        if (settings.requireVerifiedEmail() && !principal.emailVerified()) {
            return refusedActor(user, "email_unverified");
        }
        return Outcome.done(actorFor(user, role.get()));
    }

    private Actor actorFor(UserRef user, Role role) {
        return new Actor(Actor.Kind.STAFF, user.tenant(), user, null, role.name(), settings.tier(role),
                role.permissions(), role.creditCap(), role.allTenants());
    }

    private Outcome<Actor> refusedActor(UserRef user, String why) {
        auditor.event(AuditType.PERMISSION_DENIED, user.tenant(), user.id(), RequestContext.NONE)
                .with(Map.of("actor_kind", "staff", "why", why))
                .failed(ErrorCode.PERMISSION_DENIED);
        return Outcome.refused(new Problem.PermissionDenied());
    }

    @Override
    public Outcome<Page<StaffMember>> list(Actor actor, TenantId tenant, PageRequest page) {
        return access.guard(actor, Permission.USERS_READ, tenant, null, RequestContext.NONE,
                () -> CURSOR.after(page).flatMap(after -> {
                    UserId from = after.map(StaffService::userId).orElse(null);
                    if (after.isPresent() && from == null) {
                        return Outcome.refused(Problem.InvalidInput.of("cursor", "is not a cursor of this list"));
                    }
                    List<StaffRecord> fetched = staff.list(tenant, from, page.limit() + 1);
                    Page<StaffRecord> records = CURSOR.page(fetched, page, record -> record.user().id().toString(),
                            page.count() ? OptionalLong.of(count(tenant)) : OptionalLong.empty());
                    List<StaffMember> members = new ArrayList<>();
                    for (StaffRecord record : records.items()) {
                        users.findById(record.user()).map(owner -> member(record, owner)).ifPresent(members::add);
                    }
                    return Outcome.done(new Page<>(members, records.nextCursor(), records.total()));
                }));
    }

    private static UserId userId(String text) {
        try {
            return UserId.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private long count(TenantId tenant) {
        long count = 0;
        UserId after = null;
        List<StaffRecord> chunk;
        do {
            chunk = staff.list(tenant, after, PageRequest.MAX_LIMIT);
            count += chunk.size();
            after = chunk.isEmpty() ? null : chunk.get(chunk.size() - 1).user().id();
        } while (chunk.size() == PageRequest.MAX_LIMIT);
        return count;
    }

    @Override
    public Outcome<StaffMember> find(Actor actor, UserRef user) {
        return access.guard(actor, Permission.USERS_READ, user.tenant(), user, RequestContext.NONE,
                () -> User.load(users, user).flatMap(owner -> staff.find(user)
                        .<Outcome<StaffMember>>map(record -> Outcome.done(member(record, owner.record())))
                        .orElseGet(() -> Outcome.refused(new Problem.StaffNotFound()))));
    }

    @Override
    public Outcome<StaffMember> grant(Actor actor, UserRef user, String role, String reason, RequestContext context) {
        Outcome<StaffMember> granted = access.guardOver(actor, Permission.STAFF_MANAGE, user, context,
                () -> grantable(actor, user.tenant(), user, role, reason, context).flatMap(
                        wanted -> User.load(users, user).flatMap(owner -> grantTo(actor, owner, wanted))));
        return audited(AuditType.STAFF_ROLE_GRANTED, actor, user.tenant(), user, role, null, reason, context, granted);
    }

    @Override
    public Outcome<StaffMember> create(Actor actor, NewStaff newStaff, String reason, RequestContext context) {
        Objects.requireNonNull(newStaff, "newStaff");
        TenantId tenant = newStaff.tenant();
        Outcome<StaffMember> created = access.guard(actor, Permission.STAFF_MANAGE, tenant, null, context,
                () -> grantable(actor, tenant, null, newStaff.role(), reason, context).flatMap(wanted -> {
                    Outcome<Registered> registered = registration.register(Registration.of(tenant,
                            newStaff.username(), newStaff.email(), newStaff.password()).withContext(context));
                    return registered.flatMap(made -> User.load(users, made.user().ref()))
                            .map(owner -> vouchedFor(actor, owner))
                            .flatMap(owner -> grantOrRemove(actor, owner, wanted));
                }));
        return audited(AuditType.STAFF_ROLE_GRANTED, actor, tenant, created.isDone() ? created.orElseThrow().user() : null,
                newStaff.role(), null, reason, context, created);
    }

    /**
     * The operator creating staff through its own code or command line vouches for the address,
     * as the first run's setup does: without it, a first super admin made with no working mail
     * server could never use its powers. Staff made by other staff prove their address by code.
     */
    private User vouchedFor(Actor actor, User owner) {
        if (actor.kind() != Actor.Kind.SYSTEM) {
            return owner;
        }
        users.markEmailVerified(owner.ref(), owner.record().email(), clock.instant());
        return users.findById(owner.ref()).map(User::restore).orElse(owner);
    }

    @Override
    public Outcome<StaffMember> invite(Actor actor, TenantId tenant, String email, String role, String reason,
            RequestContext context) {
        Outcome<StaffMember> invited = access.guard(actor, Permission.STAFF_MANAGE, tenant, null, context,
                () -> grantable(actor, tenant, null, role, reason, context).flatMap(wanted -> {
                    Optional<Email> address = Email.parse(email);
                    if (address.isEmpty()) {
                        return Outcome.refused(Problem.InvalidInput.of("email", "must be a valid email address"));
                    }
                    return registration.registerInvited(tenant, address.get(), context)
                            .flatMap(owner -> grantOrRemove(actor, owner, wanted)
                                    .flatMap(member -> mailInvitation(owner, member, context)));
                }));
        return audited(AuditType.STAFF_ROLE_GRANTED, actor, tenant, invited.isDone() ? invited.orElseThrow().user() : null,
                role, null, reason, context, invited);
    }

    /** Mails the invited user a password-reset code; without it the account is of no use, so it is removed again. */
    private Outcome<StaffMember> mailInvitation(User owner, StaffMember member, RequestContext context) {
        Outcome<CodeSent> sent = codes.permitSend(owner.ref().tenant(), owner.record().email(), CodePurpose.PASSWORD_RESET)
                .map(permit -> codes.issue(permit, owner, context));
        if (sent.isDone() && sent.orElseThrow().delivered()) {
            return Outcome.done(member);
        }
        staff.revoke(owner.ref(), member.role(), settings.highest().name());
        removal.remove(owner.ref());
        return Outcome.refused(sent.isDone() ? new Problem.MailUndelivered() : sent.problem());
    }

    @Override
    public Outcome<StaffMember> changeRole(Actor actor, UserRef user, String role, String reason,
            RequestContext context) {
        Optional<String> previous = staff.find(user).map(StaffRecord::role);
        Outcome<StaffMember> changed = retried(() -> access.guardOver(actor, Permission.STAFF_MANAGE, user, context,
                () -> grantable(actor, user.tenant(), user, role, reason, context).flatMap(
                        wanted -> held(actor, user, context).flatMap(current -> {
                            if (current.role().equals(wanted.name())) {
                                return User.load(users, user).map(owner -> member(current, owner.record()));
                            }
                            StaffChange change = staff.changeRole(user, current.role(), wanted.name(),
                                    actor.auditedAs().orElse(null), clock.instant(), settings.highest().name());
                            return applied(change, user);
                        }))));
        return audited(AuditType.STAFF_ROLE_CHANGED, actor, user.tenant(), user, role, previous.orElse(null), reason,
                context, changed);
    }

    @Override
    public Outcome<StaffMember> revoke(Actor actor, UserRef user, String reason, RequestContext context) {
        Optional<String> previous = staff.find(user).map(StaffRecord::role);
        Outcome<StaffMember> revoked = retried(() -> access.guardOver(actor, Permission.STAFF_MANAGE, user, context,
                () -> checkReason(reason).flatMap(ok -> held(actor, user, context)).flatMap(current -> {
                    Outcome<User> owner = User.load(users, user);
                    StaffChange change = staff.revoke(user, current.role(), settings.highest().name());
                    return switch (change.kind()) {
                        case APPLIED -> owner.map(found -> member(current, found.record()));
                        case LAST_HOLDER -> Outcome.refused(new Problem.LastSuperAdmin());
                        default -> Outcome.refused(new Problem.StaffNotFound());
                    };
                })));
        return audited(AuditType.STAFF_ROLE_REVOKED, actor, user.tenant(), user, null, previous.orElse(null), reason,
                context, revoked);
    }

    /** {@link #removeOnDeletion(UserRef, RequestContext)} with no request to record. */
    public Optional<Problem> removeOnDeletion(UserRef user) {
        return removeOnDeletion(user, RequestContext.NONE);
    }

    /**
     * Takes the user's role away as their account is deleted (self-deletion or by staff), as the
     * system: empty when they hold none or it is gone; {@code LAST_SUPER_ADMIN} when they are the
     * last holder of the highest role, in which case the account must not be deleted.
     */
    public Optional<Problem> removeOnDeletion(UserRef user, RequestContext context) {
        for (int attempt = 0; attempt < TRIES; attempt++) {
            Optional<StaffRecord> held = staff.find(user);
            if (held.isEmpty()) {
                return Optional.empty();
            }
            StaffChange change = staff.revoke(user, held.get().role(), settings.highest().name());
            if (change.kind() == StaffChange.Kind.APPLIED) {
                auditor.event(AuditType.STAFF_ROLE_REVOKED, user.tenant(), user.id(), context).by(null)
                        .with(Map.of("previous_role", held.get().role(), "reason", "account deleted"))
                        .succeeded();
                return Optional.empty();
            }
            if (change.kind() == StaffChange.Kind.LAST_HOLDER) {
                return Optional.of(new Problem.LastSuperAdmin());
            }
        }
        return Optional.of(new Problem.LastSuperAdmin());
    }

    /** The role an actor may give, by name: refused when unknown, above the actor's power, or with an over-long reason. */
    private Outcome<Role> grantable(Actor actor, TenantId tenant, UserRef user, String role, String reason,
            RequestContext context) {
        Optional<Role> wanted = role == null ? Optional.empty() : settings.role(role);
        if (wanted.isEmpty()) {
            return Outcome.refused(Problem.InvalidInput.of("role", "must be one of " + settings.roles().stream()
                    .map(Role::name).toList()));
        }
        if (!access.mayGrant(actor, wanted.get())) {
            return Outcome.refused(access.deny(actor, permissionFor(wanted.get()), tenant, user, context));
        }
        return checkReason(reason).map(ok -> wanted.get());
    }

    private static Permission permissionFor(Role role) {
        return role.may(Permission.STAFF_MANAGE) || role.may(Permission.ADMINS_MANAGE)
                ? Permission.ADMINS_MANAGE : Permission.STAFF_MANAGE;
    }

    /** The user's current role, which the actor must also be able to give (an admin's role needs {@code admins.manage}). */
    private Outcome<StaffRecord> held(Actor actor, UserRef user, RequestContext context) {
        Optional<StaffRecord> current = staff.find(user);
        if (current.isEmpty()) {
            return Outcome.refused(new Problem.StaffNotFound());
        }
        Optional<Role> role = settings.role(current.get().role());
        boolean mayTouch = role.map(found -> access.mayGrant(actor, found))
                .orElseGet(() -> access.mayActOnTier(actor, OptionalInt.empty()));
        if (!mayTouch) {
            return Outcome.refused(access.deny(actor, role.map(StaffService::permissionFor)
                    .orElse(Permission.ADMINS_MANAGE), user.tenant(), user, context));
        }
        return Outcome.done(current.get());
    }

    private Outcome<StaffMember> grantTo(Actor actor, User owner, Role role) {
        Instant now = clock.instant();
        StaffChange change = staff.grant(new StaffRecord(owner.ref(), role.name(), now, actor.auditedAs().orElse(null),
                now));
        if (change.kind() == StaffChange.Kind.APPLIED) {
            // sessions opened as a plain user last a user's lifetime; staff powers come with a staff
            // session, so the new staff member signs in again
            sessions.revokeAll(owner.ref(), now);
        }
        return switch (change.kind()) {
            case APPLIED -> Outcome.done(member(change.record().orElseThrow(), owner.record()));
            case ALREADY_STAFF -> Outcome.refused(new Problem.AlreadyStaff());
            default -> throw new IllegalStateException("a grant answered " + change.kind());
        };
    }

    /** Grants the role to an account just made for it, which does not stay when the grant fails. */
    private Outcome<StaffMember> grantOrRemove(Actor actor, User owner, Role role) {
        Outcome<StaffMember> granted = grantTo(actor, owner, role);
        if (!granted.isDone()) {
            removal.remove(owner.ref());
        }
        return granted;
    }

    private Outcome<StaffMember> applied(StaffChange change, UserRef user) {
        return switch (change.kind()) {
            case APPLIED -> User.load(users, user).map(owner -> member(change.record().orElseThrow(), owner.record()));
            case LAST_HOLDER -> Outcome.refused(new Problem.LastSuperAdmin());
            case NO_MATCH -> Outcome.refused(new Problem.StaffNotFound());
            default -> throw new IllegalStateException("a role change answered " + change.kind());
        };
    }

    /**
     * Runs a compare-and-set change again when another change of the role came between reading
     * and writing it ({@code STAFF_NOT_FOUND} while the user still holds a role): the tier rules
     * are judged again against the role the other change left.
     */
    private Outcome<StaffMember> retried(Supplier<Outcome<StaffMember>> change) {
        Outcome<StaffMember> outcome = change.get();
        for (int attempt = 1; attempt < TRIES && !outcome.isDone()
                && outcome.problem() instanceof Problem.StaffNotFound; attempt++) {
            outcome = change.get();
        }
        return outcome;
    }

    private static Outcome<Boolean> checkReason(String reason) {
        if (reason != null && reason.length() > MAX_REASON) {
            return Outcome.refused(Problem.InvalidInput.of("reason", "must be at most " + MAX_REASON + " characters"));
        }
        return Outcome.done(true);
    }

    /** Audits a change with its actor, the roles and the reason; a refusal for want of permission is audited already. */
    private <T> Outcome<T> audited(AuditType type, Actor actor, TenantId tenant, UserRef subject, String role,
            String previousRole, String reason, RequestContext context, Outcome<T> outcome) {
        if (!outcome.isDone() && outcome.problem() instanceof Problem.PermissionDenied) {
            return outcome;
        }
        Map<String, String> details = new LinkedHashMap<>(AccessRules.describe(actor, null));
        if (role != null) {
            details.put("role", role);
        }
        if (previousRole != null) {
            details.put("previous_role", previousRole);
        }
        if (reason != null && !reason.isBlank()) {
            details.put("reason", reason);
        }
        auditor.event(type, tenant, subject == null ? null : subject.id(), context)
                .by(actor.auditedAs().orElse(null))
                .with(details)
                .outcome(outcome);
        return outcome;
    }

    private static StaffMember member(StaffRecord record, UserRecord owner) {
        return new StaffMember(record.user(), owner.username(), owner.email(), record.role(), record.grantedAt(),
                Optional.ofNullable(record.grantedBy()), record.updatedAt());
    }
}

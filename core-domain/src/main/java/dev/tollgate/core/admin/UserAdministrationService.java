package dev.tollgate.core.admin;

import dev.tollgate.core.account.AccountService;
import dev.tollgate.core.audit.ActedBy;
import dev.tollgate.core.audit.Auditor;
import dev.tollgate.core.code.OneTimeCodes;
import dev.tollgate.core.metering.SubscriptionService;
import dev.tollgate.core.mfa.SecondFactorService;
import dev.tollgate.core.profile.ProfileRules;
import dev.tollgate.core.profile.ProfileService;
import dev.tollgate.core.staff.AccessRules;
import dev.tollgate.core.text.TextRules;
import dev.tollgate.core.user.User;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.Email;
import dev.tollgate.port.Permission;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Page;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.account.Deleted;
import dev.tollgate.port.api.account.UserView;
import dev.tollgate.port.api.admin.StaffNote;
import dev.tollgate.port.api.admin.UserAdministration;
import dev.tollgate.port.api.admin.UserChange;
import dev.tollgate.port.api.admin.UserDetails;
import dev.tollgate.port.api.admin.UserQuery;
import dev.tollgate.port.api.admin.UserSummary;
import dev.tollgate.port.api.key.ApiKeyView;
import dev.tollgate.port.api.key.ApiKeys;
import dev.tollgate.port.api.metering.KeyVerification.MeterState;
import dev.tollgate.port.api.metering.PlanChange;
import dev.tollgate.port.api.metering.UsageEventView;
import dev.tollgate.port.api.metering.UsageReports;
import dev.tollgate.port.api.mfa.MfaStatus;
import dev.tollgate.port.api.session.Sessions;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.settings.PlanSettings;
import dev.tollgate.port.spi.admin.DirectoryEntry;
import dev.tollgate.port.spi.admin.StaffNoteRecord;
import dev.tollgate.port.spi.admin.StaffNotes;
import dev.tollgate.port.spi.admin.UserDirectory;
import dev.tollgate.port.spi.admin.UserFilter;
import dev.tollgate.port.spi.admin.UserOrder;
import dev.tollgate.port.spi.admin.UserPosition;
import dev.tollgate.port.spi.code.CodePurpose;
import dev.tollgate.port.spi.metering.Subscription;
import dev.tollgate.port.spi.session.SessionStore;
import dev.tollgate.port.spi.staff.StaffChange;
import dev.tollgate.port.spi.staff.StaffRecord;
import dev.tollgate.port.spi.staff.StaffStore;
import dev.tollgate.port.spi.user.EmailChangeResult;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.port.spi.user.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Staff's use cases on users, each behind {@link AccessRules}: the permission, the tenant and
 * the tier are checked before anything is loaded or changed, and every change is audited with
 * the acting staff member, its role and the reason. The changes themselves are the ones the
 * users' own use cases make (status moves, profile rules, plan changes, deletion), carried out by
 * the same services.
 */
public final class UserAdministrationService implements UserAdministration {

    /** Longest search text, in characters. */
    public static final int MAX_TEXT = 100;
    /** Rounds of setting and confirming an address before giving up on a user who keeps changing it. */
    private static final int EMAIL_ATTEMPTS = 3;

    private final AccessRules access;
    private final SecondFactorService secondFactors;
    private final UserStore users;
    private final UserDirectory directory;
    private final StaffNotes notes;
    private final StaffStore staff;
    private final PlanSettings plans;
    private final AccountService accounts;
    private final ProfileService profiles;
    private final SubscriptionService subscriptions;
    private final ApiKeys apiKeys;
    private final Sessions sessions;
    private final SessionStore sessionStore;
    private final OneTimeCodes codes;
    private final Clock clock;
    private final Auditor auditor;
    private final UsageReports usage;

    public UserAdministrationService(AccessRules access, UserStore users, UserDirectory directory, StaffNotes notes,
            StaffStore staff, PlanSettings plans, AccountService accounts, ProfileService profiles,
            SubscriptionService subscriptions, ApiKeys apiKeys, Sessions sessions, SessionStore sessionStore,
            OneTimeCodes codes, Clock clock, Auditor auditor, UsageReports usage, SecondFactorService secondFactors) {
        this.secondFactors = Objects.requireNonNull(secondFactors, "secondFactors");
        this.access = Objects.requireNonNull(access, "access");
        this.users = Objects.requireNonNull(users, "users");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.notes = Objects.requireNonNull(notes, "notes");
        this.staff = Objects.requireNonNull(staff, "staff");
        this.plans = Objects.requireNonNull(plans, "plans");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.sessionStore = Objects.requireNonNull(sessionStore, "sessionStore");
        this.codes = Objects.requireNonNull(codes, "codes");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.usage = Objects.requireNonNull(usage, "usage");
    }

    @Override
    public Outcome<Page<UserSummary>> search(Actor actor, UserQuery query, PageRequest page) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(page, "page");
        return access.guard(actor, Permission.USERS_READ, query.tenant(), null, RequestContext.NONE,
                () -> searchAllowed(query, page));
    }

    private Outcome<Page<UserSummary>> searchAllowed(UserQuery query, PageRequest page) {
        List<Problem.FieldError> errors = new ArrayList<>();
        checkLimit(page, errors);
        String text = query.text() == null ? null : query.text().strip().toLowerCase(Locale.ROOT);
        if (text != null && text.length() > MAX_TEXT) {
            errors.add(new Problem.FieldError("text", "must be at most " + MAX_TEXT + " characters"));
        } else if (text != null) {
            TextRules.check("text", text, TextRules.Lines.SINGLE).ifPresent(errors::add);
        }
        checkRange("created", query.createdFrom(), query.createdTo(), errors);
        checkRange("last_login", query.lastLoginFrom(), query.lastLoginTo(), errors);
        UserFilter filter = new UserFilter(query.tenant(), text == null || text.isEmpty() ? null : text,
                query.status(), query.plan(), plans.defaultPlan(), query.accountType(), query.verified(),
                query.createdFrom(), query.createdTo(), query.lastLoginFrom(), query.lastLoginTo());
        UserOrder order = new UserOrder(UserOrder.Key.valueOf(query.sort().name()), query.descending());
        String fingerprint = "users|" + filter + "|" + order;
        UserPosition after = null;
        if (page.cursor() != null) {
            Optional<UserPosition> decoded = Cursors.user(fingerprint, page.cursor());
            if (decoded.isEmpty()) {
                errors.add(badCursor());
            } else {
                after = decoded.get();
            }
        }
        if (!errors.isEmpty()) {
            return Outcome.refused(new Problem.InvalidInput(errors));
        }
        List<DirectoryEntry> rows = directory.search(filter, order, after, page.limit() + 1);
        boolean more = rows.size() > page.limit();
        List<DirectoryEntry> shown = more ? rows.subList(0, page.limit()) : rows;
        Optional<String> next = more
                ? Optional.of(Cursors.user(fingerprint, position(shown.get(shown.size() - 1), order)))
                : Optional.empty();
        OptionalLong total = page.count() ? OptionalLong.of(directory.count(filter)) : OptionalLong.empty();
        return Outcome.done(new Page<>(shown.stream().map(this::summary).toList(), next, total));
    }

    private UserSummary summary(DirectoryEntry entry) {
        return new UserSummary(User.restore(entry.user()).view(),
                entry.plan() == null ? plans.defaultPlan() : entry.plan(), Optional.ofNullable(entry.staffRole()));
    }

    private static UserPosition position(DirectoryEntry last, UserOrder order) {
        UserRecord user = last.user();
        return switch (order.key()) {
            case CREATED -> new UserPosition(user.createdAt(), null, null, user.ref().id());
            case USERNAME -> new UserPosition(null, user.username().canonical(), null, user.ref().id());
            case LAST_LOGIN -> new UserPosition(null, null, user.lastLoginAt(), user.ref().id());
        };
    }

    @Override
    public Outcome<UserDetails> details(Actor actor, UserRef user) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(user, "user");
        return access.guardOver(actor, Permission.USERS_READ, user, RequestContext.NONE,
                () -> User.load(users, user).map(this::details));
    }

    @Override
    public Outcome<Page<UsageEventView>> usageEvents(Actor actor, UserRef user, PageRequest page) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(page, "page");
        return access.guardOver(actor, Permission.USERS_READ, user, RequestContext.NONE,
                () -> usage.events(user, page));
    }

    private UserDetails details(User user) {
        UserRef ref = user.ref();
        Instant now = clock.instant();
        List<ApiKeyView> keys = apiKeys.list(ref).stream()
                .filter(key -> key.revokedAt() == null && (key.expiresAt() == null || key.expiresAt().isAfter(now)))
                .toList();
        Optional<StaffNote> note = notes.find(ref).map(found -> new StaffNote(found.text(), found.updatedAt(),
                Optional.ofNullable(found.updatedBy())));
        return new UserDetails(user.view(), Optional.ofNullable(user.record().statusReason()),
                subscriptions.view(ref).orElseThrow(), keys, sessions.list(ref), user.record().failedLogins(),
                user.record().lockedAt(now) ? Optional.of(user.record().lockedUntil()) : Optional.empty(), note,
                staff.find(ref).map(StaffRecord::role));
    }

    @Override
    public Outcome<UserDetails> update(Actor actor, UserRef user, UserChange change, String reason,
            RequestContext context) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(change, "change");
        Set<Permission> needed = needed(change);
        for (Permission permission : needed) {
            Optional<Problem> refusal = access.checkOver(actor, permission, user, context);
            if (refusal.isPresent()) {
                return Outcome.refused(refusal.get());
            }
        }
        return AccountService.checkReason(reason).flatMap(ok -> User.load(users, user))
                .flatMap(found -> validate(found, change).flatMap(plan -> apply(actor, found, change, plan, reason,
                        context)))
                .flatMap(done -> User.load(users, user)).map(this::details);
    }

    /** The permissions {@code change}'s parts need; reading alone for a change of nothing. */
    private static Set<Permission> needed(UserChange change) {
        Set<Permission> needed = new LinkedHashSet<>();
        if (change.email() != null || change.profile() != null || change.notes() != null) {
            needed.add(Permission.USERS_UPDATE_CONTACT);
        }
        if (change.plan() != null || change.level() != null || change.entitlements() != null) {
            needed.add(Permission.USERS_UPDATE_PLAN);
        }
        if (change.allowances() != null || change.rateLimit() != null) {
            needed.add(Permission.USERS_UPDATE_LIMITS);
        }
        if (needed.isEmpty()) {
            needed.add(Permission.USERS_READ);
        }
        return needed;
    }

    /** Every part checked before any is made; answers the plan change to make, if any part is one. */
    private Outcome<Optional<PlanChange>> validate(User user, UserChange change) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (change.email() != null && Email.parse(change.email()).isEmpty()) {
            errors.add(new Problem.FieldError("email", "must be a valid email address"));
        }
        if (change.notes() != null) {
            if (change.notes().length() > StaffNote.MAX_LENGTH) {
                errors.add(new Problem.FieldError("notes", "must be at most " + StaffNote.MAX_LENGTH + " characters"));
            } else {
                TextRules.check("notes", change.notes(), TextRules.Lines.MULTIPLE).ifPresent(errors::add);
            }
        }
        if (change.profile() != null) {
            Outcome<?> merged = ProfileRules.apply(user.record().profile(), change.profile());
            if (!merged.isDone()) {
                return Outcome.refused(merged.problem());
            }
        }
        Optional<PlanChange> plan = planChange(user.ref(), change);
        if (plan.isPresent()) {
            Optional<Problem> invalid = subscriptions.check(plan.get());
            if (invalid.isPresent()) {
                return Outcome.refused(invalid.get());
            }
        }
        return errors.isEmpty() ? Outcome.done(plan) : Outcome.refused(new Problem.InvalidInput(errors));
    }

    /** The user's current subscription with {@code change}'s plan parts over it; empty when it has none. */
    private Optional<PlanChange> planChange(UserRef user, UserChange change) {
        if (change.plan() == null && change.level() == null && change.entitlements() == null
                && change.allowances() == null && change.rateLimit() == null) {
            return Optional.empty();
        }
        Optional<Subscription> current = subscriptions.subscription(user);
        return Optional.of(new PlanChange(
                change.plan() != null ? change.plan() : current.map(Subscription::plan).orElse(plans.defaultPlan()),
                change.allowances() != null ? change.allowances()
                        : current.map(Subscription::allowanceOverrides).orElse(Map.of()),
                change.rateLimit() != null ? change.rateLimit()
                        : current.map(Subscription::rateLimitOverride).orElse(null),
                change.entitlements() != null ? change.entitlements()
                        : current.map(Subscription::extraEntitlements).orElse(Set.of()),
                change.level() != null ? change.level() : current.map(Subscription::levelOverride).orElse(null)));
    }

    /** Makes the parts in order: the address first, the one part a concurrent user can still refuse. */
    private Outcome<Boolean> apply(Actor actor, User user, UserChange change, Optional<PlanChange> plan,
            String reason, RequestContext context) {
        UserRef ref = user.ref();
        if (change.email() != null) {
            ActedBy by = actedBy(actor, Permission.USERS_UPDATE_CONTACT, reason);
            Outcome<Boolean> changed = changeEmail(user, Email.parse(change.email()).orElseThrow());
            by.on(auditor.event(AuditType.EMAIL_CHANGED, ref.tenant(), ref.id(), context), Map.of("verified_by",
                    "staff")).outcome(changed);
            if (!changed.isDone()) {
                return changed;
            }
        }
        if (change.profile() != null) {
            Outcome<UserView> updated = profiles.update(ref, change.profile(), context,
                    actedBy(actor, Permission.USERS_UPDATE_CONTACT, reason));
            if (!updated.isDone()) {
                return Outcome.refused(updated.problem());
            }
        }
        if (plan.isPresent()) {
            Permission permission = change.plan() != null || change.level() != null || change.entitlements() != null
                    ? Permission.USERS_UPDATE_PLAN : Permission.USERS_UPDATE_LIMITS;
            Outcome<?> changed = subscriptions.change(ref, plan.get(), context, actedBy(actor, permission, reason));
            if (!changed.isDone()) {
                return Outcome.refused(changed.problem());
            }
        }
        if (change.notes() != null) {
            Instant now = clock.instant();
            boolean cleared = change.notes().isBlank();
            if (cleared) {
                notes.delete(ref);
            } else {
                notes.put(new StaffNoteRecord(ref, change.notes(), now, actor.auditedAs().orElse(null)));
            }
            actedBy(actor, Permission.USERS_UPDATE_CONTACT, reason)
                    .on(auditor.event(AuditType.STAFF_NOTES_UPDATED, ref.tenant(), ref.id(), context),
                            Map.of("length", Integer.toString(cleared ? 0 : change.notes().length())))
                    .succeeded();
        }
        return Outcome.done(Boolean.TRUE);
    }

    /**
     * Moves the user to {@code email}, verified: set as pending, then confirmed in the store's one
     * atomic step, whose unique index decides a race for the address ({@code EMAIL_TAKEN}).
     */
    private Outcome<Boolean> changeEmail(User user, Email email) {
        UserRef ref = user.ref();
        if (user.record().email().equals(email)) {
            if (!user.record().emailVerified()) {
                users.markEmailVerified(ref, email, clock.instant());
            }
            return Outcome.done(Boolean.TRUE);
        }
        for (int attempt = 0; attempt < EMAIL_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            if (!users.setPendingEmail(ref, email, now).isApplied()) {
                return Outcome.refused(new Problem.UserNotFound());
            }
            EmailChangeResult result = users.confirmPendingEmail(ref, email, now);
            switch (result.kind()) {
                case CHANGED:
                    return Outcome.done(Boolean.TRUE);
                case EMAIL_TAKEN:
                    users.clearPendingEmail(ref, email, now);
                    return Outcome.refused(new Problem.EmailTaken());
                case NOT_FOUND:
                    return Outcome.refused(new Problem.UserNotFound());
                case NOT_PENDING:
                default:
                    // the user asked for another address in between: set ours again
                    break;
            }
        }
        throw new IllegalStateException("the address of " + ref.id() + " kept changing during " + EMAIL_ATTEMPTS
                + " attempts to set it");
    }

    @Override
    public Outcome<UserView> suspend(Actor actor, UserRef user, String reason, RequestContext context) {
        return over(actor, Permission.USERS_SUSPEND, user, context, () -> unlessLastSuperAdmin(user)
                .flatMap(ok -> accounts.suspend(user, reason, context, actedBy(actor, Permission.USERS_SUSPEND, reason))));
    }

    /**
     * Suspending or deactivating the only holder of the highest role would leave nobody to
     * reactivate anyone but the command line: refused as {@code LAST_SUPER_ADMIN}. (Two such
     * calls on the last two holders at the same moment are not serialised; the staff store's
     * guard covers removals and demotions.)
     */
    private Outcome<Boolean> unlessLastSuperAdmin(UserRef user) {
        String highest = access.settings().highest().name();
        boolean last = staff.find(user).filter(role -> role.role().equals(highest)).isPresent()
                && staff.countHolders(highest) <= 1;
        return last ? Outcome.refused(new Problem.LastSuperAdmin()) : Outcome.done(Boolean.TRUE);
    }

    @Override
    public Outcome<UserView> activate(Actor actor, UserRef user, String reason, RequestContext context) {
        return over(actor, Permission.USERS_SUSPEND, user, context,
                () -> accounts.reactivate(user, reason, context, actedBy(actor, Permission.USERS_SUSPEND, reason)));
    }

    @Override
    public Outcome<UserView> deactivate(Actor actor, UserRef user, String reason, RequestContext context) {
        return over(actor, Permission.USERS_SUSPEND, user, context, () -> unlessLastSuperAdmin(user)
                .flatMap(ok -> accounts.deactivate(user, reason, context,
                        actedBy(actor, Permission.USERS_SUSPEND, reason))));
    }

    @Override
    public Outcome<UserView> unlock(Actor actor, UserRef user, String reason, RequestContext context) {
        return over(actor, Permission.USERS_UNLOCK, user, context, () -> {
            Outcome<UserView> unlocked = AccountService.checkReason(reason).flatMap(ok -> User.load(users, user))
                    .flatMap(found -> users.unlock(user, clock.instant()).isApplied()
                            ? User.load(users, user).map(User::view)
                            : Outcome.refused(new Problem.UserNotFound()));
            audit(AuditType.ACCOUNT_UNLOCKED, actor, Permission.USERS_UNLOCK, user, reason, context, Map.of())
                    .outcome(unlocked);
            return unlocked;
        });
    }

    @Override
    public Outcome<UserView> resetPassword(Actor actor, UserRef user, String reason, RequestContext context) {
        return over(actor, Permission.USERS_RESET_PASSWORD, user, context, () -> {
            Outcome<UserView> sent = AccountService.checkReason(reason).flatMap(ok -> User.load(users, user))
                    .flatMap(found -> codes.permitSend(user.tenant(), found.record().email(), CodePurpose.PASSWORD_RESET)
                            .flatMap(permit -> codes.issue(permit, found, context).delivered()
                                    ? Outcome.done(found.view())
                                    : Outcome.refused(new Problem.MailUndelivered())));
            audit(AuditType.PASSWORD_RESET_REQUESTED, actor, Permission.USERS_RESET_PASSWORD, user, reason, context,
                    Map.of()).outcome(sent);
            return sent;
        });
    }

    @Override
    public Outcome<MfaStatus> resetMfa(Actor actor, UserRef user, String reason, RequestContext context) {
        return over(actor, Permission.USERS_RESET_MFA, user, context, () -> {
            Outcome<MfaStatus> reset = AccountService.checkReason(reason).flatMap(ok -> User.load(users, user))
                    .flatMap(found -> {
                        if (!secondFactors.remove(user)) {
                            return Outcome.refused(new Problem.MfaNotEnabled());
                        }
                        // whoever holds a session may be the one who lost the phone: every session ends
                        sessionStore.revokeAll(user, clock.instant());
                        return secondFactors.status(user);
                    });
            audit(AuditType.MFA_RESET, actor, Permission.USERS_RESET_MFA, user, reason, context, Map.of())
                    .outcome(reset);
            return reset;
        });
    }

    @Override
    public Outcome<Integer> logoutEverywhere(Actor actor, UserRef user, String reason, RequestContext context) {
        return over(actor, Permission.USERS_SESSIONS, user, context, () -> {
            Outcome<Integer> ended = AccountService.checkReason(reason).flatMap(ok -> User.load(users, user))
                    .map(found -> sessionStore.revokeAll(user, clock.instant()));
            audit(AuditType.LOGOUT_EVERYWHERE, actor, Permission.USERS_SESSIONS, user, reason, context,
                    ended.isDone() ? Map.of("sessions", Integer.toString(ended.orElseThrow())) : Map.of())
                    .outcome(ended);
            return ended;
        });
    }

    @Override
    public Outcome<MeterState> adjustCredits(Actor actor, UserRef user, String meter, long amount, String reason,
            RequestContext context) {
        return over(actor, Permission.USERS_CREDITS, user, context, () -> {
            long magnitude = amount == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(amount);
            if (magnitude > actor.creditCap()) {
                return Outcome.refused(access.deny(actor, Permission.USERS_CREDITS, user.tenant(), user, context));
            }
            return AccountService.checkReason(reason).flatMap(ok -> subscriptions.adjust(user, meter, amount, context,
                    actedBy(actor, Permission.USERS_CREDITS, reason)));
        });
    }

    @Override
    public Outcome<Deleted> delete(Actor actor, UserRef user, String reason, RequestContext context) {
        return over(actor, Permission.USERS_DELETE, user, context, () -> accounts.delete(user, reason, context,
                actedBy(actor, Permission.USERS_DELETE, reason), found -> revokeRole(actor, found, reason, context)));
    }

    /** Takes the user's staff role away before the account goes: never the last super admin's. */
    private Outcome<Boolean> revokeRole(Actor actor, User user, String reason, RequestContext context) {
        Optional<StaffRecord> role = staff.find(user.ref());
        if (role.isEmpty()) {
            return Outcome.done(Boolean.TRUE);
        }
        String guarded = access.settings().roles().get(access.settings().roles().size() - 1).name();
        StaffChange revoked = staff.revoke(user.ref(), role.get().role(), guarded);
        Outcome<Boolean> outcome = revoked.kind() == StaffChange.Kind.LAST_HOLDER
                ? Outcome.refused(new Problem.LastSuperAdmin()) : Outcome.done(Boolean.TRUE);
        if (revoked.kind() != StaffChange.Kind.NO_MATCH) {
            audit(AuditType.STAFF_ROLE_REVOKED, actor, Permission.USERS_DELETE, user.ref(), reason, context,
                    Map.of("role", role.get().role())).outcome(outcome);
        }
        return outcome;
    }

    private <T> Outcome<T> over(Actor actor, Permission permission, UserRef user, RequestContext context,
            Supplier<Outcome<T>> next) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(user, "user");
        return access.guardOver(actor, permission, user, context, next);
    }

    private Auditor.Entry audit(AuditType type, Actor actor, Permission permission, UserRef user, String reason,
            RequestContext context, Map<String, String> details) {
        return actedBy(actor, permission, reason).on(auditor.event(type, user.tenant(), user.id(), context), details);
    }

    /** The actor as the audit records it: the staff member, its role or service account, and the reason. */
    public static ActedBy actedBy(Actor actor, Permission permission, String reason) {
        Map<String, String> facts = new HashMap<>(AccessRules.describe(actor, permission));
        facts.putAll(AccountService.reasonDetails(reason));
        return new ActedBy(actor.auditedAs().orElse(null), facts);
    }

    static void checkLimit(PageRequest page, List<Problem.FieldError> errors) {
        if (page.limit() < 1 || page.limit() > PageRequest.MAX_LIMIT) {
            errors.add(new Problem.FieldError("limit", "must be 1 to " + PageRequest.MAX_LIMIT));
        }
    }

    static void checkRange(String field, Instant from, Instant to, List<Problem.FieldError> errors) {
        if (from != null && to != null && from.isAfter(to)) {
            errors.add(new Problem.FieldError(field + "_from", "must not be after " + field + "_to"));
        }
    }

    static Problem.FieldError badCursor() {
        return new Problem.FieldError("cursor", "is not a cursor of this list");
    }
}

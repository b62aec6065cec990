package dev.tollgate.core.account;

import dev.tollgate.core.audit.ActedBy;
import dev.tollgate.core.audit.Auditor;
import dev.tollgate.core.password.Credentials;
import dev.tollgate.core.staff.StaffService;
import dev.tollgate.core.text.TextRules;
import dev.tollgate.core.user.User;
import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.account.Accounts;
import dev.tollgate.port.api.account.Deleted;
import dev.tollgate.port.api.account.UserView;
import dev.tollgate.port.spi.Stores;
import dev.tollgate.port.spi.account.ArchivedAccount;
import dev.tollgate.port.spi.metering.UsageSink;
import dev.tollgate.port.spi.user.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Account lifecycle: deletion by the owner (archive first, so a failure midway never loses an
 * account without its archive entry; then the user, so nothing can log in meanwhile; then its
 * sessions, API keys, meters, usage, subscription, codes and staff notes), and the moves between active,
 * suspended and deactivated. Leaving the active state ends every session.
 */
public final class AccountService implements Accounts {

    /** Longest reason kept with a deletion or status change. */
    public static final int MAX_REASON = 500;

    private final UserStore users;
    private final Stores stores;
    private final Credentials credentials;
    private final Clock clock;
    private final Auditor auditor;
    private final UsageSink usage;
    private final StaffService staff;

    /**
     * @param usage where usage events wait to be written; flushed before a deletion removes the
     *              account's usage, so none of its events is written after it
     * @param staff takes a deleted user's staff role away, and keeps the last super admin from deleting themselves
     */
    public AccountService(UserStore users, Stores stores, Credentials credentials, Clock clock, Auditor auditor,
            UsageSink usage, StaffService staff) {
        this.users = Objects.requireNonNull(users, "users");
        this.stores = Objects.requireNonNull(stores, "stores");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.staff = Objects.requireNonNull(staff, "staff");
    }

    @Override
    public Outcome<UserView> find(UserRef user) {
        return User.load(users, user).map(User::view);
    }

    @Override
    public Optional<UserView> findByLogin(TenantId tenant, String usernameOrEmail) {
        return User.findByLogin(users, tenant, usernameOrEmail).map(User::view);
    }

    @Override
    public Outcome<Deleted> delete(UserRef ref, String password, String reason, RequestContext context) {
        Outcome<Deleted> deleted = checkReason(reason)
                .flatMap(ok -> User.load(users, ref))
                .flatMap(user -> credentials.check(user, password, context))
                .flatMap(user -> staff.removeOnDeletion(ref, context).<Outcome<User>>map(Outcome::refused)
                        .orElseGet(() -> Outcome.done(user)))
                .map(user -> remove(user, reason));
        auditor.event(AuditType.ACCOUNT_DELETED, ref.tenant(), ref.id(), context).outcome(deleted);
        return deleted;
    }

    /**
     * Staff delete an account as its owner would, without its password: {@code before} runs
     * first on the loaded account and may refuse, deleting nothing; it takes the staff role away
     * (in the staff member's name, never the last super admin's). Audited by {@code by}.
     */
    public Outcome<Deleted> delete(UserRef ref, String reason, RequestContext context, ActedBy by,
            Function<User, Outcome<Boolean>> before) {
        Outcome<Deleted> deleted = checkReason(reason)
                .flatMap(ok -> User.load(users, ref))
                .flatMap(user -> before.apply(user).map(ok -> remove(user, reason)));
        by.on(auditor.event(AuditType.ACCOUNT_DELETED, ref.tenant(), ref.id(), context), reasonDetails(reason))
                .outcome(deleted);
        return deleted;
    }

    private Deleted remove(User user, String reason) {
        UserRef ref = user.ref();
        Instant now = clock.instant();
        stores.archive().archive(new ArchivedAccount(ref, user.record().username(), user.record().email(),
                user.record().profile(), user.record().createdAt(), now, blankToNull(reason)));
        // the user first, so no login or key can start a new session or use meanwhile
        users.delete(ref);
        stores.sessions().deleteAll(ref);
        stores.apiKeys().deleteAll(ref);
        stores.meters().deleteAll(ref);
        usage.flush();
        stores.usage().deleteAll(ref);
        stores.subscriptions().delete(ref);
        stores.codes().deleteAll(ref);
        stores.notes().delete(ref);
        stores.secondFactors().delete(ref);
        stores.passwordHistory().deleteAll(ref);
        stores.devices().deleteAll(ref);
        return new Deleted(ref, now);
    }

    @Override
    public Outcome<UserView> suspend(UserRef user, String reason, RequestContext context) {
        return move(user, reason, context, User::suspend, AuditType.ACCOUNT_SUSPENDED, null);
    }

    @Override
    public Outcome<UserView> deactivate(UserRef user, String reason, RequestContext context) {
        return move(user, reason, context, User::deactivate, AuditType.ACCOUNT_DEACTIVATED, null);
    }

    @Override
    public Outcome<UserView> reactivate(UserRef user, String reason, RequestContext context) {
        return move(user, reason, context, User::reactivate, AuditType.ACCOUNT_REACTIVATED, null);
    }

    /** {@link #suspend(UserRef, String, RequestContext)} by {@code by}, as its audit records. */
    public Outcome<UserView> suspend(UserRef user, String reason, RequestContext context, ActedBy by) {
        return move(user, reason, context, User::suspend, AuditType.ACCOUNT_SUSPENDED, by);
    }

    /** {@link #deactivate(UserRef, String, RequestContext)} by {@code by}, as its audit records. */
    public Outcome<UserView> deactivate(UserRef user, String reason, RequestContext context, ActedBy by) {
        return move(user, reason, context, User::deactivate, AuditType.ACCOUNT_DEACTIVATED, by);
    }

    /** {@link #reactivate(UserRef, String, RequestContext)} by {@code by}, as its audit records. */
    public Outcome<UserView> reactivate(UserRef user, String reason, RequestContext context, ActedBy by) {
        return move(user, reason, context, User::reactivate, AuditType.ACCOUNT_REACTIVATED, by);
    }

    /** {@code by} null: audited as the Accounts API always was, without a staff actor. */
    private Outcome<UserView> move(UserRef ref, String reason, RequestContext context,
            Function<User, User.Transition> transition, AuditType type, ActedBy by) {
        Outcome<UserView> moved = checkReason(reason).flatMap(ok -> User.load(users, ref)).flatMap(user -> {
            User.Transition move = transition.apply(user);
            if (!move.allowed()) {
                return Outcome.refused(move.refusal());
            }
            Instant now = clock.instant();
            if (!users.changeStatus(ref, move.from(), move.to(), blankToNull(reason), now).isApplied()) {
                // another change won the race; report the status it left
                return User.load(users, ref).flatMap(
                        current -> Outcome.refused(new Problem.AccountStateConflict(current.record().status())));
            }
            if (move.to() != AccountStatus.ACTIVE) {
                stores.sessions().revokeAll(ref, now);
            }
            return User.load(users, ref).map(User::view);
        });
        Auditor.Entry event = auditor.event(type, ref.tenant(), ref.id(), context);
        (by == null ? event.with(reasonDetails(reason)) : by.on(event, reasonDetails(reason))).outcome(moved);
        return moved;
    }

    /** The reason as an audit event keeps it: stripped, at most {@link #MAX_REASON} characters; none when blank. */
    public static Map<String, String> reasonDetails(String reason) {
        return reason == null || reason.isBlank() ? Map.of() : Map.of("reason", truncate(reason));
    }

    /** A reason's problem, if it has one: longer than {@link #MAX_REASON}, or characters no text may hold. */
    public static Outcome<Boolean> checkReason(String reason) {
        if (reason != null && reason.strip().length() > MAX_REASON) {
            return Outcome.refused(Problem.InvalidInput.of("reason", "must be at most " + MAX_REASON + " characters"));
        }
        Optional<Problem.FieldError> unfit = TextRules.check("reason", reason, TextRules.Lines.MULTIPLE);
        if (unfit.isPresent()) {
            return Outcome.refused(new Problem.InvalidInput(List.of(unfit.get())));
        }
        return Outcome.done(Boolean.TRUE);
    }

    private static String truncate(String reason) {
        String stripped = reason.strip();
        return stripped.length() <= MAX_REASON ? stripped : stripped.substring(0, MAX_REASON);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}

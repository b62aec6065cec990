package dev.tollgate.port.api.admin;

import dev.tollgate.port.RequestContext;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Page;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.account.Deleted;
import dev.tollgate.port.api.account.UserView;
import dev.tollgate.port.api.metering.KeyVerification.MeterState;
import dev.tollgate.port.api.metering.UsageEventView;
import dev.tollgate.port.api.mfa.MfaStatus;
import dev.tollgate.port.api.staff.Actor;

/**
 * What staff do to users. Every method checks the {@link Actor} first and refuses with
 * {@code PERMISSION_DENIED}, changing nothing and auditing the refusal, when it lacks the
 * permission named, acts outside its tenant (a user of another tenant is refused even by id),
 * or acts on a staff account of an equal or higher tier. A user of another tenant than the
 * actor's is reported as {@code PERMISSION_DENIED}, never as found or not found. Every change is
 * audited with the actor and the optional {@code reason} (at most 500 characters).
 */
public interface UserAdministration {

    /** Needs {@code users.read}. Refusals: {@code VALIDATION_FAILED} (a malformed cursor, a bad limit). */
    Outcome<Page<UserSummary>> search(Actor actor, UserQuery query, PageRequest page);

    /** Needs {@code users.read}. Refusals: {@code USER_NOT_FOUND}. */
    Outcome<UserDetails> details(Actor actor, UserRef user);

    /**
     * Needs {@code users.read}: the user's recorded calls, newest first, as
     * {@link dev.tollgate.port.api.metering.UsageReports#events} answers the user. Refusals:
     * {@code VALIDATION_FAILED} (a malformed cursor, a bad limit), {@code USER_NOT_FOUND}.
     */
    Outcome<Page<UsageEventView>> usageEvents(Actor actor, UserRef user, PageRequest page);

    /** Needs the permissions of {@link UserChange}'s parts. Refusals as the parts' own use cases'. */
    Outcome<UserDetails> update(Actor actor, UserRef user, UserChange change, String reason, RequestContext context);

    /** Needs {@code users.suspend}: the user cannot log in and their sessions end. */
    Outcome<UserView> suspend(Actor actor, UserRef user, String reason, RequestContext context);

    /** Needs {@code users.suspend}: a suspended or deactivated account becomes active. */
    Outcome<UserView> activate(Actor actor, UserRef user, String reason, RequestContext context);

    /** Needs {@code users.suspend}. */
    Outcome<UserView> deactivate(Actor actor, UserRef user, String reason, RequestContext context);

    /** Needs {@code users.unlock}: lifts a lockout and resets the failure count. */
    Outcome<UserView> unlock(Actor actor, UserRef user, String reason, RequestContext context);

    /** Needs {@code users.reset_password}: mails the user a reset code. Refusals: {@code MAIL_UNDELIVERED}. */
    Outcome<UserView> resetPassword(Actor actor, UserRef user, String reason, RequestContext context);

    /**
     * Removes the user's second factor and recovery codes ({@code users.reset_mfa}), so they can
     * enrol again, and ends their sessions. Refused with {@code MFA_NOT_ENABLED} when they have none.
     */
    Outcome<MfaStatus> resetMfa(Actor actor, UserRef user, String reason, RequestContext context);

    /** Needs {@code users.sessions}: ends every session; answers how many. */
    Outcome<Integer> logoutEverywhere(Actor actor, UserRef user, String reason, RequestContext context);

    /**
     * Needs {@code users.credits}: a positive {@code amount} adds to the meter's top-up balance,
     * a negative one deducts from it (never below zero: {@code INSUFFICIENT_CREDITS}). An amount
     * beyond the actor's credit cap is {@code PERMISSION_DENIED}. Refusals: {@code VALIDATION_FAILED}
     * (zero), {@code UNKNOWN_METER}.
     */
    Outcome<MeterState> adjustCredits(Actor actor, UserRef user, String meter, long amount, String reason,
            RequestContext context);

    /** Needs {@code users.delete}: archives the account as self-deletion does. */
    Outcome<Deleted> delete(Actor actor, UserRef user, String reason, RequestContext context);
}

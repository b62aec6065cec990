package dev.tollgate.port.api.staff;

import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Page;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.session.Principal;

/**
 * Staff roles: who holds which, and the tier rules for changing them. A staff member is a user
 * of their tenant holding one role of {@link dev.tollgate.port.settings.StaffSettings#roles()}.
 * Every method taking an {@link Actor} refuses with {@code PERMISSION_DENIED}, changing nothing
 * and auditing the refusal, when the actor lacks {@code staff.manage} (or {@code admins.manage}
 * for a role that itself manages staff), acts outside its tenant, grants a role above its own
 * or acts on a staff member of an equal or higher tier (the highest tier acts on its peers).
 * Every change is audited with the actor and the optional {@code reason}.
 */
public interface Staff {

    /**
     * The actor a signed-in principal is: a session (not an API key) of a user holding a
     * role, in an active tenant, with a verified address when staff need one. Refusals:
     * {@code PERMISSION_DENIED} (no role, an API key, an unverified address), {@code TENANT_DISABLED}.
     */
    Outcome<Actor> actorOf(Principal principal);

    /** The staff of {@code tenant}, by user id. Needs {@code users.read}. */
    Outcome<Page<StaffMember>> list(Actor actor, TenantId tenant, PageRequest page);

    /** The user's role. Needs {@code users.read}. Refusals: {@code USER_NOT_FOUND}, {@code STAFF_NOT_FOUND}. */
    Outcome<StaffMember> find(Actor actor, UserRef user);

    /**
     * Gives an existing user of the tenant a role. Refusals: {@code VALIDATION_FAILED} (no such
     * role), {@code USER_NOT_FOUND}, {@code ALREADY_STAFF}.
     */
    Outcome<StaffMember> grant(Actor actor, UserRef user, String role, String reason, RequestContext context);

    /**
     * Creates the user and gives them the role at once; the address is taken as unverified
     * and a verification code is mailed. Refusals as registration's, and as {@link #grant}'s.
     */
    Outcome<StaffMember> create(Actor actor, NewStaff staff, String reason, RequestContext context);

    /**
     * Invites someone by email: creates an account for the address with an unusable password
     * and mails a password-reset code with which they choose one (proving the address), then
     * grants the role. Refusals: {@code VALIDATION_FAILED}, {@code EMAIL_TAKEN} (grant the
     * existing user instead), {@code MAIL_UNDELIVERED}, and as {@link #grant}'s.
     */
    Outcome<StaffMember> invite(Actor actor, TenantId tenant, String email, String role, String reason,
            RequestContext context);

    /**
     * Moves a staff member to another role. Refusals: {@code VALIDATION_FAILED},
     * {@code STAFF_NOT_FOUND}, {@code LAST_SUPER_ADMIN} (the last holder of the highest role).
     */
    Outcome<StaffMember> changeRole(Actor actor, UserRef user, String role, String reason, RequestContext context);

    /** Takes the role away; the user stays. Refusals: {@code STAFF_NOT_FOUND}, {@code LAST_SUPER_ADMIN}. */
    Outcome<StaffMember> revoke(Actor actor, UserRef user, String reason, RequestContext context);
}

package dev.tollgate.port.api.account;

import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import java.util.Optional;

/** Finding accounts and moving them through their lifecycle states. */
public interface Accounts {

    /** The user, or {@code USER_NOT_FOUND}. */
    Outcome<UserView> find(UserRef user);

    /** The user with this username (any case) or email address, if there is one. */
    Optional<UserView> findByLogin(TenantId tenant, String usernameOrEmail);

    /**
     * The owner deletes their account, confirming with the password: the account is archived
     * with {@code reason} (optional) and time, its sessions and one-time codes are removed and
     * its username and email become free again. Refused with {@code INVALID_CREDENTIALS} on a
     * wrong password.
     */
    Outcome<Deleted> delete(UserRef user, String password, String reason, RequestContext context);

    /** Staff suspend an account: it cannot log in and its sessions stop working. */
    Outcome<UserView> suspend(UserRef user, String reason, RequestContext context);

    /** The account is switched off: it cannot log in and its sessions stop working. */
    Outcome<UserView> deactivate(UserRef user, String reason, RequestContext context);

    /** A suspended or deactivated account becomes active again. */
    Outcome<UserView> reactivate(UserRef user, String reason, RequestContext context);
}

package dev.tollgate.port.api.password;

import dev.tollgate.port.RequestContext;
import dev.tollgate.port.SessionId;
import dev.tollgate.port.UserRef;
import java.util.Objects;

/**
 * A user changes their password, proving the current one.
 *
 * @param keepSession the session the change is made from, which stays open; null ends all
 */
public record PasswordChange(
        UserRef user, SessionId keepSession, String currentPassword, String newPassword, RequestContext context) {

    public PasswordChange {
        Objects.requireNonNull(user, "user");
        context = Objects.requireNonNullElse(context, RequestContext.NONE);
    }

    @Override
    public String toString() {
        return "PasswordChange[user=" + user + ", keepSession=" + keepSession + ", currentPassword=***, newPassword=***]";
    }
}

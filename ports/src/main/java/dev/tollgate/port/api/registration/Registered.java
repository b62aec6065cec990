package dev.tollgate.port.api.registration;

import dev.tollgate.port.api.account.UserView;
import java.util.Objects;

/**
 * A new account. {@code verificationCodeSent} is false when the first verification mail
 * could not be delivered; the account exists all the same and a code can be requested again.
 */
public record Registered(UserView user, boolean verificationCodeSent) {
    public Registered {
        Objects.requireNonNull(user, "user");
    }
}

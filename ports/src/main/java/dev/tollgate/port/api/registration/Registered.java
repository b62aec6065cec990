package dev.tollgate.port.api.registration;

import dev.tollgate.port.api.account.UserView;
import dev.tollgate.port.api.key.IssuedApiKey;
import java.util.Objects;

/**
 * A new account with its primary API key, whose secret is shown here (and, when the key is
 * recoverable, again through {@code ApiKeys.reveal}). {@code verificationCodeSent} is false when
 * the first verification mail could not be delivered; the account exists all the same and a
 * code can be requested again. {@link #toString()} does not print the key's secret.
 */
public record Registered(UserView user, IssuedApiKey apiKey, boolean verificationCodeSent) {
    public Registered {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(apiKey, "apiKey");
    }
}

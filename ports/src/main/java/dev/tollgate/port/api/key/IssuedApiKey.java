package dev.tollgate.port.api.key;

import java.util.Objects;

/**
 * A key just created or regenerated, with its secret: shown here once (unless the key is
 * recoverable). {@link #toString()} does not print the secret.
 */
public record IssuedApiKey(ApiKeyView key, String secret) {

    public IssuedApiKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "IssuedApiKey[key=" + key + ", secret=***]";
    }
}

package dev.tollgate.port.settings;

import java.util.Objects;

/**
 * API keys.
 *
 * @param prefix               what every key starts with, before {@code _}: 1 to 16 lower-case
 *                             letters and digits starting with a letter; default {@code tg}
 * @param requireVerifiedEmail whether a key works only for a user whose email is verified; default true
 */
public record ApiKeySettings(String prefix, boolean requireVerifiedEmail) {

    public static final ApiKeySettings DEFAULTS = new ApiKeySettings("tg", true);

    public ApiKeySettings {
        Objects.requireNonNull(prefix, "api key prefix");
        if (!prefix.matches("[a-z][a-z0-9]{0,15}")) {
            throw new IllegalArgumentException(
                    "api key prefix must be 1-16 lower-case letters and digits, starting with a letter, was '" + prefix + "'");
        }
    }

    public ApiKeySettings withPrefix(String value) {
        return new ApiKeySettings(value, requireVerifiedEmail);
    }

    public ApiKeySettings withRequireVerifiedEmail(boolean value) {
        return new ApiKeySettings(prefix, value);
    }
}

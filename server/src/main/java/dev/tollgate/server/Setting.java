package dev.tollgate.server;

import java.util.Objects;

/**
 * One setting of the server: the environment variable (also its key in a {@code --config}
 * properties file), its default as text (empty when it has none), what it does, and whether
 * its value is a secret that is never printed.
 */
public record Setting(String name, String defaultValue, String description, boolean secret) {

    public Setting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        if (!name.matches("TOLLGATE_[A-Z0-9_]+")) {
            throw new IllegalArgumentException("setting names are TOLLGATE_ and upper-case words: " + name);
        }
    }

    static Setting plain(String name, String defaultValue, String description) {
        return new Setting(name, defaultValue, description, false);
    }

    static Setting secret(String name, String description) {
        return new Setting(name, "", description, true);
    }

    /**
     * How a value of this setting may be shown: secrets as {@code ****}, and any URL with its
     * credentials (user info and {@code password}/{@code user} parameters) masked.
     */
    public String shown(String value) {
        if (value == null || value.isEmpty()) {
            return "(none)";
        }
        return secret ? "****" : withoutCredentials(value);
    }

    /** {@code text} with URL credentials masked: {@code //user:pw@host} and {@code password=...} parameters. */
    static String withoutCredentials(String text) {
        if (text == null) {
            return null;
        }
        return text.replaceAll("//[^/@?#]*@", "//****@")
                .replaceAll("(?i)([?&;](password|pwd|user|sslpassword)=)[^&;]*", "$1****");
    }
}

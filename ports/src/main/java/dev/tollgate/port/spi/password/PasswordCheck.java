package dev.tollgate.port.spi.password;

/** What {@link PasswordHasher#verify} found. */
public enum PasswordCheck {
    /** The password matches and the hash uses the current algorithm and parameters. */
    MATCH,
    /** The password matches, but the hash is older (weaker parameters, legacy algorithm): hash it again. */
    MATCH_NEEDS_REHASH,
    /** The password does not match, or the hash is not one this hasher understands. */
    MISMATCH;

    public boolean matches() {
        return this != MISMATCH;
    }
}

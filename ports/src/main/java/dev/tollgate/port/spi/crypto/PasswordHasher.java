package dev.tollgate.port.spi.crypto;

/**
 * Hashes passwords into self-describing encoded strings (algorithm, parameters, salt and hash)
 * and verifies passwords against them. Implementations are thread-safe; Tollgate bounds how
 * many calls run at once.
 */
public interface PasswordHasher {

    /** A new salted hash of the password, with the current parameters. */
    String hash(String password);

    /** Checks the password against an encoded hash, in time independent of where they differ. */
    PasswordCheck verify(String password, String encodedHash);
}

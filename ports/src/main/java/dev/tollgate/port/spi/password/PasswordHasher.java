package dev.tollgate.port.spi.password;

/**
 * Hashes passwords into self-describing encoded strings (algorithm, parameters, salt and hash)
 * and verifies passwords against them. Implementations are thread-safe; Tollgate bounds how
 * many calls run at once.
 */
public interface PasswordHasher {

    /**
     * A new salted hash of the password, with the current parameters.
     *
     * @throws IllegalArgumentException if the password is not well-formed UTF-16 (it holds an
     *         unpaired surrogate): encoding it would replace that char, so another string would
     *         match the hash
     */
    String hash(String password);

    /**
     * Checks the password against an encoded hash, in time independent of where they differ. A
     * password that is not well-formed UTF-16 matches no hash: it is never encoded with a
     * replacement character.
     */
    PasswordCheck verify(String password, String encodedHash);
}

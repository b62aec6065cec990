package dev.tollgate.tck.support;

import dev.tollgate.port.spi.password.PasswordCheck;
import dev.tollgate.port.spi.password.PasswordHasher;
import dev.tollgate.port.spi.random.RandomSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A password hasher for tests that is fast where a real one is deliberately slow: one salted
 * SHA-256, encoded as {@code $test$v=<version>$<salt base64>$<hash base64>}.
 *
 * <p><strong>Not for production.</strong> A single SHA-256 is cheap to brute-force; use an
 * Argon2id hasher for real passwords.
 *
 * <p>The hasher has a current version. A hash made with any other version still verifies, as
 * {@link PasswordCheck#MATCH_NEEDS_REHASH}, so tests can exercise transparent rehashing by
 * switching to {@link #withCurrentVersion(int) a newer version}. Encodings this hasher does not
 * understand verify as {@link PasswordCheck#MISMATCH}. Comparison is constant-time.
 */
public final class FastTestPasswordHasher implements PasswordHasher {

    private static final Pattern ENCODED = Pattern.compile("\\$test\\$v=([1-9][0-9]{0,8})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final int SALT_BYTES = 16;

    private final RandomSource random;
    private final int currentVersion;

    /** A hasher at version 1 that takes its salts from {@code random}. */
    public FastTestPasswordHasher(RandomSource random) {
        this(random, 1);
    }

    /** A hasher at {@code currentVersion} (at least 1) that takes its salts from {@code random}. */
    public FastTestPasswordHasher(RandomSource random, int currentVersion) {
        this.random = Objects.requireNonNull(random, "random");
        if (currentVersion < 1) {
            throw new IllegalArgumentException("currentVersion must be at least 1");
        }
        this.currentVersion = currentVersion;
    }

    /** The same hasher with another current version; hashes of other versions then need a rehash. */
    public FastTestPasswordHasher withCurrentVersion(int version) {
        return new FastTestPasswordHasher(random, version);
    }

    public int currentVersion() {
        return currentVersion;
    }

    @Override
    public String hash(String password) {
        Objects.requireNonNull(password, "password");
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(password)) {
            throw new IllegalArgumentException("the password holds an unpaired surrogate and is no text");
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return "$test$v=" + currentVersion + "$" + base64.encodeToString(salt)
                + "$" + base64.encodeToString(digest(currentVersion, salt, password));
    }

    @Override
    public PasswordCheck verify(String password, String encodedHash) {
        Objects.requireNonNull(password, "password");
        if (encodedHash == null || !StandardCharsets.UTF_8.newEncoder().canEncode(password)) {
            return PasswordCheck.MISMATCH;
        }
        Matcher parts = ENCODED.matcher(encodedHash);
        if (!parts.matches()) {
            return PasswordCheck.MISMATCH;
        }
        int version = Integer.parseInt(parts.group(1));
        byte[] salt;
        byte[] expected;
        try {
            salt = Base64.getDecoder().decode(parts.group(2));
            expected = Base64.getDecoder().decode(parts.group(3));
        } catch (IllegalArgumentException malformed) {
            return PasswordCheck.MISMATCH;
        }
        if (!MessageDigest.isEqual(expected, digest(version, salt, password))) {
            return PasswordCheck.MISMATCH;
        }
        return version == currentVersion ? PasswordCheck.MATCH : PasswordCheck.MATCH_NEEDS_REHASH;
    }

    private static byte[] digest(int version, byte[] salt, String password) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(("v=" + version + "$").getBytes(StandardCharsets.US_ASCII));
            sha256.update(salt);
            return sha256.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    @Override
    public String toString() {
        return "FastTestPasswordHasher[v=" + currentVersion + ", NOT FOR PRODUCTION]";
    }
}

package dev.tollgate.adapter.crypto;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;
import dev.tollgate.port.TollgateException;
import dev.tollgate.port.spi.password.PasswordCheck;
import dev.tollgate.port.spi.password.PasswordHasher;
import dev.tollgate.port.spi.random.RandomSource;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Hashes passwords with Argon2id into the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}), passwords encoded as UTF-8 and never
 * normalised.
 *
 * <p>Verification answers {@link PasswordCheck#MATCH_NEEDS_REHASH} for a matching hash that is
 * older than the current configuration: other Argon2 parameters (memory, iterations, lanes,
 * salt or hash length), another Argon2 version, the Argon2i or Argon2d variants, or a legacy
 * bcrypt hash ({@code $2a$}, {@code $2b$}, {@code $2y$}). Any other or malformed encoding is a
 * {@link PasswordCheck#MISMATCH}, never an exception.
 *
 * <p>Thread-safe. Needs the native Argon2 library bundled with argon2-jvm; the factories throw
 * {@link TollgateException} when it cannot be loaded on this platform.
 */
public final class Argon2idPasswordHasher implements PasswordHasher {

    private static final int CURRENT_VERSION = 0x13;
    private static final int VERSION_WHEN_ABSENT = 0x10;
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$.*", Pattern.DOTALL);
    private static final Pattern ARGON2 = Pattern.compile(
            "\\$argon2(id|i|d)(?:\\$v=([0-9]{1,10}))?\\$m=([0-9]{1,10}),t=([0-9]{1,10}),p=([0-9]{1,10})"
                    + "\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    private final Argon2Parameters parameters;
    private final RandomSource random;
    private final Argon2Advanced argon2id;
    private final Map<Argon2Types, Argon2> verifiers;

    private Argon2idPasswordHasher(Argon2Parameters parameters, RandomSource random) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.random = Objects.requireNonNull(random, "random");
        try {
            this.argon2id = Argon2Factory.createAdvanced(Argon2Types.ARGON2id, parameters.saltLength(), parameters.hashLength());
            this.verifiers = new EnumMap<>(Argon2Types.class);
            verifiers.put(Argon2Types.ARGON2id, argon2id);
            verifiers.put(Argon2Types.ARGON2i, Argon2Factory.create(Argon2Types.ARGON2i));
            verifiers.put(Argon2Types.ARGON2d, Argon2Factory.create(Argon2Types.ARGON2d));
            argon2id.hash(1, 8, 1, new char[0]);
        } catch (LinkageError | RuntimeException unusable) {
            throw new TollgateException("The native Argon2 library of argon2-jvm cannot be used on this platform ("
                    + System.getProperty("os.name") + ", " + System.getProperty("os.arch") + ")", unusable);
        }
    }

    /** A hasher with {@link Argon2Parameters#DEFAULTS}, salted from the platform's strong random source. */
    public static Argon2idPasswordHasher withDefaults() {
        return with(Argon2Parameters.DEFAULTS);
    }

    /** A hasher with the given parameters, salted from the platform's strong random source. */
    public static Argon2idPasswordHasher with(Argon2Parameters parameters) {
        return with(parameters, RandomSource.secure());
    }

    /** A hasher with the given parameters that takes its salts from {@code random}. */
    public static Argon2idPasswordHasher with(Argon2Parameters parameters, RandomSource random) {
        return new Argon2idPasswordHasher(parameters, random);
    }

    public Argon2Parameters parameters() {
        return parameters;
    }

    @Override
    public String hash(String password) {
        Objects.requireNonNull(password, "password");
        if (!wellFormed(password)) {
            throw new IllegalArgumentException("the password holds an unpaired surrogate and is no text");
        }
        byte[] salt = new byte[parameters.saltLength()];
        random.nextBytes(salt);
        char[] chars = password.toCharArray();
        try {
            return argon2id.hash(parameters.iterations(), parameters.memoryKib(), parameters.parallelism(),
                    chars, StandardCharsets.UTF_8, salt);
        } catch (LinkageError | IllegalStateException failed) {
            throw new TollgateException("Argon2id hashing failed with " + parameters, failed);
        } finally {
            argon2id.wipeArray(chars);
        }
    }

    @Override
    public PasswordCheck verify(String password, String encodedHash) {
        Objects.requireNonNull(password, "password");
        if (encodedHash == null || !wellFormed(password)) {
            return PasswordCheck.MISMATCH;
        }
        if (BCRYPT.matcher(encodedHash).matches()) {
            return verifyBcrypt(password, encodedHash);
        }
        return EncodedArgon2.parse(encodedHash)
                .map(encoded -> verifyArgon2(password, encodedHash, encoded))
                .orElse(PasswordCheck.MISMATCH);
    }

    private PasswordCheck verifyArgon2(String password, String encodedHash, EncodedArgon2 encoded) {
        Argon2 verifier = verifiers.get(encoded.type());
        char[] chars = password.toCharArray();
        boolean matches;
        try {
            matches = verifier.verify(encodedHash, chars, StandardCharsets.UTF_8);
        } catch (LinkageError failed) {
            throw new TollgateException("Argon2 verification failed", failed);
        } finally {
            verifier.wipeArray(chars);
        }
        if (!matches) {
            return PasswordCheck.MISMATCH;
        }
        return encoded.isCurrent(parameters) ? PasswordCheck.MATCH : PasswordCheck.MATCH_NEEDS_REHASH;
    }

    private PasswordCheck verifyBcrypt(String password, String encodedHash) {
        char[] chars = password.toCharArray();
        try {
            return OpenBSDBCrypt.checkPassword(encodedHash, chars) ? PasswordCheck.MATCH_NEEDS_REHASH : PasswordCheck.MISMATCH;
        } catch (RuntimeException malformed) {
            return PasswordCheck.MISMATCH;
        } finally {
            argon2id.wipeArray(chars);
        }
    }

    /** Whether UTF-8 holds the password unchanged: no unpaired surrogate to be replaced by '?'. */
    private static boolean wellFormed(String password) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(password);
    }

    @Override
    public String toString() {
        return "Argon2idPasswordHasher[m=" + parameters.memoryKib() + ",t=" + parameters.iterations()
                + ",p=" + parameters.parallelism() + "]";
    }

    /** What a PHC-encoded Argon2 hash says about how it was made. */
    private record EncodedArgon2(Argon2Types type, int version, int memoryKib, int iterations, int parallelism,
                                 int saltLength, int hashLength) {

        static Optional<EncodedArgon2> parse(String encodedHash) {
            Matcher parts = ARGON2.matcher(encodedHash);
            if (!parts.matches()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new EncodedArgon2(
                        type(parts.group(1)),
                        parts.group(2) == null ? VERSION_WHEN_ABSENT : Integer.parseInt(parts.group(2)),
                        Integer.parseInt(parts.group(3)),
                        Integer.parseInt(parts.group(4)),
                        Integer.parseInt(parts.group(5)),
                        Base64.getDecoder().decode(parts.group(6)).length,
                        Base64.getDecoder().decode(parts.group(7)).length));
            } catch (IllegalArgumentException malformed) {
                return Optional.empty();
            }
        }

        private static Argon2Types type(String suffix) {
            return switch (suffix) {
                case "id" -> Argon2Types.ARGON2id;
                case "i" -> Argon2Types.ARGON2i;
                default -> Argon2Types.ARGON2d;
            };
        }

        boolean isCurrent(Argon2Parameters current) {
            return type == Argon2Types.ARGON2id
                    && version == CURRENT_VERSION
                    && memoryKib == current.memoryKib()
                    && iterations == current.iterations()
                    && parallelism == current.parallelism()
                    && saltLength == current.saltLength()
                    && hashLength == current.hashLength();
        }
    }
}

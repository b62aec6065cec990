package dev.tollgate.adapter.otp;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import dev.tollgate.port.TollgateException;
import dev.tollgate.port.spi.mfa.TotpAlgorithm;
import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes the TOTP codes of RFC 6238 (HMAC-SHA-1, {@value TotpAlgorithm#DIGITS} digits,
 * {@value TotpAlgorithm#STEP_SECONDS}-second steps from the Unix epoch) with java-otp, as
 * authenticator apps do.
 *
 * <p>The step of an instant is its epoch second divided by the step length, rounded down, so
 * every instant of one step gives the same code, before the epoch too (where the counter is the
 * step's 64-bit two's complement, as RFC 4226 reads eight counter bytes). The code is formatted
 * here, always in ASCII digits with leading zeros, whatever the default locale.
 *
 * <p>Thread-safe and lock-free: one generator is shared by all callers. java-otp 0.4.0 clones a
 * prototype {@link javax.crypto.Mac} for each code and holds no other mutable state (its javadoc
 * still says the methods are {@code synchronized}; in 0.4.0 they are not).
 */
public final class JavaOtpTotpAlgorithm implements TotpAlgorithm {

    private static final String HMAC_SHA1 = "HmacSHA1";

    private final TimeBasedOneTimePasswordGenerator generator;

    private JavaOtpTotpAlgorithm() {
        this.generator = new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(STEP_SECONDS), DIGITS,
                TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
    }

    /** The RFC 6238 algorithm with HMAC-SHA-1, {@value TotpAlgorithm#DIGITS} digits and {@value TotpAlgorithm#STEP_SECONDS}-second steps. */
    public static JavaOtpTotpAlgorithm create() {
        return new JavaOtpTotpAlgorithm();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code secret} is empty, or {@code at} is too far from
     *                                  the epoch to count in milliseconds (about 292 million years)
     */
    @Override
    public String code(byte[] secret, Instant at) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(at, "at");
        if (secret.length == 0) {
            throw new IllegalArgumentException("a TOTP secret must not be empty");
        }
        int code;
        try {
            code = generator.generateOneTimePassword(new SecretKeySpec(secret, HMAC_SHA1), stepStart(at));
        } catch (InvalidKeyException unexpected) {
            // HmacSHA1 takes a key of any length; only a broken JCE provider refuses one
            throw new TollgateException("the JCE refused an HmacSHA1 key", unexpected);
        }
        return format(code);
    }

    /**
     * The first instant of the step holding {@code at}: java-otp divides epoch milliseconds
     * truncating towards zero, which matches rounding down only at a step's first instant.
     */
    private static Instant stepStart(Instant at) {
        long step = Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
        Instant start = Instant.ofEpochSecond(step * STEP_SECONDS);
        try {
            start.toEpochMilli();
        } catch (ArithmeticException tooFar) {
            throw new IllegalArgumentException("no TOTP code for " + at + ": too far from the epoch", tooFar);
        }
        return start;
    }

    private static String format(int code) {
        String digits = Integer.toString(code);
        if (code < 0 || digits.length() > DIGITS) {
            throw new IllegalStateException("java-otp answered " + code + ", not a code of " + DIGITS + " digits");
        }
        return "0".repeat(DIGITS - digits.length()) + digits;
    }

    @Override
    public String toString() {
        return "JavaOtpTotpAlgorithm[HmacSHA1, " + DIGITS + " digits, " + STEP_SECONDS + " s]";
    }
}

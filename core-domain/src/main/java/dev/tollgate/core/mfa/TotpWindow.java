package dev.tollgate.core.mfa;

import dev.tollgate.port.spi.mfa.TotpAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Which codes of a TOTP factor are accepted: the code of the current 30-second step or of the
 * step before or after (clocks drift, and a code typed at a step's end arrives in the next), and
 * only of a step after the last one accepted, so no code works twice.
 */
public final class TotpWindow {

    /** Steps accepted on either side of the current one. */
    static final int DRIFT_STEPS = 1;

    private final TotpAlgorithm algorithm;

    public TotpWindow(TotpAlgorithm algorithm) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    }

    /** The time step holding {@code at}. */
    public static long stepOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), TotpAlgorithm.STEP_SECONDS);
    }

    /** Whether {@code code} has the shape of a code: six digits (spaces a user typed are dropped first). */
    static String normalise(String code) {
        if (code == null) {
            return null;
        }
        String digits = code.replace(" ", "");
        return digits.length() == TotpAlgorithm.DIGITS && digits.chars().allMatch(c -> c >= '0' && c <= '9')
                ? digits : null;
    }

    /**
     * The step whose code {@code code} is, among the current one and its neighbours after
     * {@code lastStep}; empty when none. Every candidate is compared, in constant time, so the
     * answer's timing does not tell which one matched.
     */
    public OptionalLong match(byte[] secret, String code, Instant now, long lastStep) {
        String digits = normalise(code);
        if (digits == null) {
            return OptionalLong.empty();
        }
        byte[] presented = digits.getBytes(StandardCharsets.US_ASCII);
        long current = stepOf(now);
        long matched = -1;
        for (long step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
            byte[] expected = algorithm.code(secret, Instant.ofEpochSecond(step * TotpAlgorithm.STEP_SECONDS))
                    .getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, presented) && step > lastStep && matched < 0) {
                matched = step;
            }
        }
        return matched < 0 ? OptionalLong.empty() : OptionalLong.of(matched);
    }
}

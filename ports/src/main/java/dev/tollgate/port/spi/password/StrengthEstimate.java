package dev.tollgate.port.spi.password;

/**
 * How guessable a password is.
 *
 * @param score  0 (too guessable) to 4 (very unguessable), on zxcvbn's scale
 * @param common whether it is among commonly used passwords
 */
public record StrengthEstimate(int score, boolean common) {
    public StrengthEstimate {
        if (score < 0 || score > 4) {
            throw new IllegalArgumentException("score must be 0 to 4");
        }
    }
}

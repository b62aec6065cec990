package dev.tollgate.port.spi.mfa;

import java.time.Instant;

/**
 * The TOTP algorithm of RFC 6238 (HMAC-SHA-1, 6 digits, 30-second steps), as authenticator
 * apps compute it. The core decides which steps it accepts and whether a code was used before;
 * an implementation only computes codes.
 */
public interface TotpAlgorithm {

    /** Seconds per time step. */
    int STEP_SECONDS = 30;

    /** Digits of a code. */
    int DIGITS = 6;

    /** The code of {@code secret} for the time step holding {@code at}, {@link #DIGITS} digits with leading zeros. */
    String code(byte[] secret, Instant at);
}

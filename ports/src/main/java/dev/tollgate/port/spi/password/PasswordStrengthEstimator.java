package dev.tollgate.port.spi.password;

import java.util.List;

/** Estimates how guessable a password is. Implementations are thread-safe. */
public interface PasswordStrengthEstimator {

    /**
     * @param userInputs words that make a password easier to guess for this user, such as the
     *                   username and the email's local part
     */
    StrengthEstimate estimate(String password, List<String> userInputs);
}

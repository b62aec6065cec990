package dev.tollgate.adapter.http;

import dev.tollgate.port.spi.password.PasswordStrengthEstimator;
import dev.tollgate.port.spi.password.StrengthEstimate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A predictable estimator for HTTP tests: a few common passwords score 0, others by variety and length. */
final class LengthStrengthEstimator implements PasswordStrengthEstimator {

    private static final Set<String> COMMON = Set.of("password", "password1", "12345678", "qwertyuiop");

    @Override
    public StrengthEstimate estimate(String password, List<String> userInputs) {
        if (COMMON.contains(password.toLowerCase(Locale.ROOT))) {
            return new StrengthEstimate(0, true);
        }
        long distinct = password.codePoints().distinct().count();
        int score = distinct < 4 ? 0 : password.length() >= 14 ? 4 : password.length() >= 11 ? 3 : 2;
        return new StrengthEstimate(score, false);
    }
}

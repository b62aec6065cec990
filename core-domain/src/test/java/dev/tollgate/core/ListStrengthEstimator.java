package dev.tollgate.core;

import dev.tollgate.port.spi.password.PasswordStrengthEstimator;
import dev.tollgate.port.spi.password.StrengthEstimate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A predictable estimator for core tests: a short list of common passwords scores 0; other
 * passwords score by length and variety. The real estimator is tested in its adapter.
 */
final class ListStrengthEstimator implements PasswordStrengthEstimator {

    static final Set<String> COMMON = Set.of("password", "password1", "12345678", "qwertyuiop", "iloveyou1");

    @Override
    public StrengthEstimate estimate(String password, List<String> userInputs) {
        if (COMMON.contains(password.toLowerCase(Locale.ROOT))) {
            return new StrengthEstimate(0, true);
        }
        long distinct = password.codePoints().distinct().count();
        int length = password.codePointCount(0, password.length());
        int score = distinct < 4 ? 0 : length >= 14 ? 4 : length >= 11 ? 3 : distinct >= 6 ? 2 : 1;
        return new StrengthEstimate(score, false);
    }
}

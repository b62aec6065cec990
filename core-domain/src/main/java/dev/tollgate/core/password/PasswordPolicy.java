package dev.tollgate.core.password;

import dev.tollgate.port.Email;
import dev.tollgate.port.Username;
import dev.tollgate.port.api.Problem.PasswordRejected;
import dev.tollgate.port.settings.PasswordPolicySettings;
import dev.tollgate.port.spi.password.PasswordStrengthEstimator;
import dev.tollgate.port.spi.password.StrengthEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which passwords are acceptable, after NIST SP 800-63B: a length range counted in code
 * points, no composition rules, and screening against common passwords, the user's own names
 * and an estimate of guessability. The password is judged exactly as typed: never truncated,
 * trimmed or case-folded (only the containment checks ignore case).
 */
public final class PasswordPolicy {

    /** Names shorter than this are too short to be worth refusing inside a password. */
    private static final int MIN_NAME_TO_SCREEN = 3;

    private final PasswordPolicySettings settings;
    private final PasswordStrengthEstimator estimator;

    public PasswordPolicy(PasswordPolicySettings settings, PasswordStrengthEstimator estimator) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.estimator = Objects.requireNonNull(estimator, "estimator");
    }

    /**
     * The rules {@code password} breaks for this user; empty when it is acceptable. A null
     * {@code username} skips the rules that need it, for checks made before the account is known.
     */
    public List<PasswordRejected.Rule> violations(String password, Username username, Email email) {
        Objects.requireNonNull(password, "password");
        int length = password.codePointCount(0, password.length());
        if (length < settings.minLength()) {
            return List.of(PasswordRejected.Rule.TOO_SHORT);
        }
        if (length > settings.maxLength()) {
            return List.of(PasswordRejected.Rule.TOO_LONG);
        }
        List<PasswordRejected.Rule> broken = new ArrayList<>();
        String folded = password.toLowerCase(Locale.ROOT);
        if (username != null && contains(folded, username.canonical())) {
            broken.add(PasswordRejected.Rule.CONTAINS_USERNAME);
        }
        if (contains(folded, email.localPart())) {
            broken.add(PasswordRejected.Rule.CONTAINS_EMAIL);
        }
        List<String> names = username == null ? List.of(email.localPart()) : List.of(username.value(), email.localPart());
        StrengthEstimate estimate = estimator.estimate(password, names);
        if (settings.rejectCommon() && estimate.common()) {
            broken.add(PasswordRejected.Rule.COMMON);
        }
        if (estimate.score() < settings.minStrengthScore()) {
            broken.add(PasswordRejected.Rule.TOO_WEAK);
        }
        return List.copyOf(broken);
    }

    private static boolean contains(String foldedPassword, String name) {
        return name.length() >= MIN_NAME_TO_SCREEN && foldedPassword.contains(name.toLowerCase(Locale.ROOT));
    }
}

package dev.tollgate.port.settings;

/**
 * The password policy, after NIST SP 800-63B and OWASP ASVS: a length range counted in code
 * points, no composition rules, screening against common passwords and the user's own names,
 * and a minimum estimated strength.
 *
 * @param minLength        fewest code points; default 8 (NIST asks 15 where a password is the only factor)
 * @param maxLength        most code points; default 128, at least 64
 * @param minStrengthScore lowest acceptable zxcvbn score, 0 to 4; default 2
 * @param rejectCommon     refuse passwords among common ones; default true
 */
public record PasswordPolicySettings(int minLength, int maxLength, int minStrengthScore, boolean rejectCommon) {

    public static final PasswordPolicySettings DEFAULTS = new PasswordPolicySettings(8, 128, 2, true);

    public PasswordPolicySettings {
        Checks.atLeast(minLength, 1, "password minLength");
        Checks.between(maxLength, Math.max(64, minLength), 4096, "password maxLength");
        Checks.between(minStrengthScore, 0, 4, "password minStrengthScore");
    }

    public PasswordPolicySettings withMinLength(int value) {
        return new PasswordPolicySettings(value, maxLength, minStrengthScore, rejectCommon);
    }

    public PasswordPolicySettings withMaxLength(int value) {
        return new PasswordPolicySettings(minLength, value, minStrengthScore, rejectCommon);
    }

    public PasswordPolicySettings withMinStrengthScore(int value) {
        return new PasswordPolicySettings(minLength, maxLength, value, rejectCommon);
    }

    public PasswordPolicySettings withRejectCommon(boolean value) {
        return new PasswordPolicySettings(minLength, maxLength, minStrengthScore, value);
    }
}

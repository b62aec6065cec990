package dev.tollgate.adapter.zxcvbn;

import com.nulabinc.zxcvbn.StandardDictionaries;
import com.nulabinc.zxcvbn.StandardKeyboards;
import com.nulabinc.zxcvbn.Zxcvbn;
import com.nulabinc.zxcvbn.ZxcvbnBuilder;
import com.nulabinc.zxcvbn.matchers.Dictionary;
import dev.tollgate.port.TollgateException;
import dev.tollgate.port.spi.password.PasswordStrengthEstimator;
import dev.tollgate.port.spi.password.StrengthEstimate;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Estimates password strength with zxcvbn4j and screens out common passwords.
 *
 * <p>The score is zxcvbn's 0 to 4, with the user inputs (trimmed, lower-cased, blanks dropped)
 * as words an attacker would try first. Only the first {@value #SCORED_CODE_POINTS} code points
 * are scored: zxcvbn's cost grows quickly with length, and a password that long scores as
 * strong on its prefix unless the prefix itself is weak.
 *
 * <p>A password is common when, ignoring case, it is among the most frequent entries of
 * zxcvbn's own password list (30,000 passwords from leaked sets, ranked by frequency): the top
 * {@value #DEFAULT_COMMON_RANK_LIMIT} by default, or another rank limit; a limit beyond the
 * list's length takes the whole list.
 *
 * <p>Thread-safe: the dictionaries are loaded once, at construction (about a tenth of a
 * second), and only read afterwards; each estimate runs zxcvbn's matching on its own state.
 */
public final class ZxcvbnStrengthEstimator implements PasswordStrengthEstimator {

    /** The rank limit of {@link #withDefaults()}: a third of zxcvbn's list, its most used passwords. */
    public static final int DEFAULT_COMMON_RANK_LIMIT = 10_000;

    /** How many leading code points of a password zxcvbn scores. */
    public static final int SCORED_CODE_POINTS = 100;

    private final Zxcvbn zxcvbn;
    private final Set<String> commonPasswords;

    private ZxcvbnStrengthEstimator(int commonRankLimit) {
        if (commonRankLimit < 1) {
            throw new IllegalArgumentException("commonRankLimit must be at least 1, was " + commonRankLimit);
        }
        try {
            List<Dictionary> dictionaries = StandardDictionaries.loadAllDictionaries();
            this.zxcvbn = new ZxcvbnBuilder()
                    .dictionaries(dictionaries)
                    .keyboards(StandardKeyboards.loadAllKeyboards())
                    .build();
            this.commonPasswords = topPasswords(dictionaries, commonRankLimit);
        } catch (IOException unreadable) {
            throw new TollgateException("zxcvbn's dictionaries could not be read from its jar", unreadable);
        }
    }

    /** An estimator that counts the {@value #DEFAULT_COMMON_RANK_LIMIT} most frequent passwords as common. */
    public static ZxcvbnStrengthEstimator withDefaults() {
        return withCommonRankLimit(DEFAULT_COMMON_RANK_LIMIT);
    }

    /** An estimator that counts the passwords ranked 1 to {@code commonRankLimit} in zxcvbn's list as common. */
    public static ZxcvbnStrengthEstimator withCommonRankLimit(int commonRankLimit) {
        return new ZxcvbnStrengthEstimator(commonRankLimit);
    }

    @Override
    public StrengthEstimate estimate(String password, List<String> userInputs) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(userInputs, "userInputs");
        int score = zxcvbn.measure(scoredPrefix(password), sanitized(userInputs)).getScore();
        boolean common = commonPasswords.contains(password.toLowerCase(Locale.ROOT));
        return new StrengthEstimate(score, common);
    }

    /** How many passwords count as common: the rank limit, or the list's length if that is shorter. */
    public int commonPasswordCount() {
        return commonPasswords.size();
    }

    private static Set<String> topPasswords(List<Dictionary> dictionaries, int rankLimit) {
        Dictionary passwords = dictionaries.stream()
                .filter(dictionary -> dictionary.getName().equals(StandardDictionaries.PASSWORDS))
                .findFirst()
                .orElseThrow(() -> new TollgateException("zxcvbn's jar has no \"" + StandardDictionaries.PASSWORDS + "\" dictionary"));
        return passwords.getRankedDictionary().entrySet().stream()
                .filter(ranked -> ranked.getValue() <= rankLimit)
                .map(Map.Entry::getKey)
                .map(word -> word.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static CharSequence scoredPrefix(String password) {
        if (password.codePointCount(0, password.length()) <= SCORED_CODE_POINTS) {
            return password;
        }
        return password.substring(0, password.offsetByCodePoints(0, SCORED_CODE_POINTS));
    }

    private static List<String> sanitized(List<String> userInputs) {
        return userInputs.stream()
                .filter(Objects::nonNull)
                .map(String::strip)
                .filter(input -> !input.isEmpty())
                .map(input -> input.toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
    }

    @Override
    public String toString() {
        return "ZxcvbnStrengthEstimator[common=top " + commonPasswords.size() + "]";
    }
}

package dev.tollgate.core.key;

import dev.tollgate.port.spi.random.RandomSource;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The shape of an API key: {@code <prefix>_<32 base62 characters of randomness><6 base62
 * characters of checksum>}, for example {@code tg_4fQz...}. The checksum (CRC-32 of everything
 * before it) lets a mistyped or truncated key be refused without asking the store, and the
 * prefix lets secret scanners recognise leaked keys.
 */
public final class ApiKeyFormat {

    /** Base62 characters of randomness: 32 of them carry about 190 bits. */
    public static final int RANDOM_LENGTH = 32;
    /** Base62 characters of the checksum. */
    public static final int CHECKSUM_LENGTH = 6;
    /** Characters after the prefix shown in lists to tell keys apart. */
    private static final int DISPLAY_LENGTH = 6;

    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]{0,15}");

    private final String prefix;
    private final RandomSource random;
    private final Pattern shape;

    public ApiKeyFormat(String prefix, RandomSource random) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("key prefix must be 1-16 lower-case letters and digits, starting with a letter");
        }
        this.random = Objects.requireNonNull(random, "random");
        this.shape = Pattern.compile(Pattern.quote(prefix) + "_[0-9A-Za-z]{" + (RANDOM_LENGTH + CHECKSUM_LENGTH) + "}");
    }

    /** A new key. */
    public String newKey() {
        StringBuilder key = new StringBuilder(prefix).append('_');
        byte[] bytes = new byte[1];
        while (key.length() < prefix.length() + 1 + RANDOM_LENGTH) {
            random.nextBytes(bytes);
            int value = bytes[0] & 0xFF;
            if (value < 248) { // 248 = 4 * 62: drop the rest so every character is equally likely
                key.append(BASE62[value % 62]);
            }
        }
        return key.append(checksum(key)).toString();
    }

    /** Whether {@code candidate} has this format's shape and a correct checksum. */
    public boolean wellFormed(String candidate) {
        if (candidate == null || !shape.matcher(candidate).matches()) {
            return false;
        }
        int split = candidate.length() - CHECKSUM_LENGTH;
        return checksum(candidate.substring(0, split)).equals(candidate.substring(split));
    }

    /** The non-secret start of a key shown in lists, e.g. {@code tg_4fQz9a…}. */
    public String displayPrefix(String key) {
        return key.substring(0, prefix.length() + 1 + DISPLAY_LENGTH);
    }

    private static String checksum(CharSequence body) {
        CRC32 crc = new CRC32();
        crc.update(body.toString().getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] digits = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            digits[i] = BASE62[(int) (value % 62)];
            value /= 62;
        }
        return new String(digits);
    }
}

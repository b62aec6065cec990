package dev.tollgate.core.secret;

import dev.tollgate.port.spi.random.RandomSource;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes and digests the secrets Tollgate hands out: opaque tokens of 256 random bits and
 * numeric one-time codes. Stores only ever see digests: HMAC-SHA-256 under a digest key, so a
 * copy of the database alone cannot test guesses of short codes when the key is secret.
 */
public final class Secrets {

    /** Bytes of randomness in a token. */
    public static final int TOKEN_BYTES = 32;
    /** Longest text accepted as a token before any work is done with it. */
    public static final int MAX_TOKEN_LENGTH = 256;

    private static final String HMAC = "HmacSHA256";

    private final RandomSource random;
    private final SecretKeySpec digestKey;
    /**
     * Initialised MACs given back after use: {@code Mac.getInstance} and {@code init} cost more
     * than the digest of a key itself. A MAC is used by one caller at a time; at most as many are
     * made as callers ever digested at once.
     */
    private final Queue<Mac> idleMacs = new ConcurrentLinkedQueue<>();

    public Secrets(RandomSource random, byte[] digestKey) {
        this.random = Objects.requireNonNull(random, "random");
        Objects.requireNonNull(digestKey, "digestKey");
        if (digestKey.length < 16) {
            throw new IllegalArgumentException("the digest key needs at least 16 bytes");
        }
        this.digestKey = new SecretKeySpec(digestKey.clone(), HMAC);
    }

    /** A new token: 256 random bits, base64url without padding (43 characters). */
    public String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A new code of {@code digits} decimal digits, uniformly distributed (leading zeros kept). */
    public String newCode(int digits) {
        if (digits < 1 || digits > 18) {
            throw new IllegalArgumentException("digits must be 1 to 18");
        }
        long bound = 1;
        for (int i = 0; i < digits; i++) {
            bound *= 10;
        }
        // rejection sampling: drop values from the incomplete top range so every code is equally likely
        long limit = Long.MAX_VALUE - (Long.MAX_VALUE % bound);
        byte[] bytes = new byte[8];
        long value;
        do {
            random.nextBytes(bytes);
            value = toLong(bytes) & Long.MAX_VALUE;
        } while (value >= limit);
        String code = Long.toString(value % bound);
        return "0".repeat(digits - code.length()) + code;
    }

    /** The hex digest stores keep for a secret, bound to its {@code context} (purpose and owner). */
    public String digest(String context, String secret) {
        Mac mac = idleMacs.poll();
        if (mac == null) {
            mac = newMac();
        }
        try {
            mac.update(context.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
        } finally {
            // doFinal leaves the MAC reset to its key; one interrupted by an exception is reset here
            mac.reset();
            idleMacs.offer(mac);
        }
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(digestKey);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every Java platform", e);
        }
    }

    /** A short, non-reversible name for a value, for keys of counters (never for secrets). */
    public static String fingerprint(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    private static long toLong(byte[] bytes) {
        long value = 0;
        for (byte b : bytes) {
            value = (value << 8) | (b & 0xFF);
        }
        return value;
    }
}

package dev.tollgate.core.mfa;

/**
 * RFC 4648 Base32 (upper case, no padding): how TOTP secrets are shown and put into
 * {@code otpauth} URIs. Encoding only; the JDK has no Base32, and nothing else of the core needs
 * a library for these few lines.
 */
final class Base32 {

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private Base32() {
    }

    static String encode(byte[] data) {
        StringBuilder text = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                text.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            text.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        return text.toString();
    }
}

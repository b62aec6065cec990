package dev.tollgate.tck.support;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An authenticator app, as tests play one: TOTP written straight from RFC 4226 (HOTP: HMAC-SHA-1
 * of the 8-byte counter, dynamic truncation, modulo 10^6) and RFC 6238 (the counter is the
 * 30-second step, rounded down), from the raw secret or the Base32 text an enrolment shows. It
 * shares no code with any {@link dev.tollgate.port.spi.mfa.TotpAlgorithm}, so a code it computes
 * that Tollgate accepts shows both agree with the RFCs.
 */
public final class ReferenceTotp {

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private ReferenceTotp() {
    }

    /** The time step holding {@code at}. */
    public static long stepOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 30L);
    }

    /** The six-digit code of the Base32 secret at {@code at}. */
    public static String code(String base32Secret, Instant at) {
        return code(decodeBase32(base32Secret), stepOf(at));
    }

    /** The six-digit code of the Base32 secret for time step {@code step}. */
    public static String codeOfStep(String base32Secret, long step) {
        return code(decodeBase32(base32Secret), step);
    }

    /** The six-digit code of {@code secret} at {@code at}. */
    public static String code(byte[] secret, Instant at) {
        return code(secret, stepOf(at));
    }

    /** HOTP as RFC 4226, section 5.3, writes it, for the counter {@code step}. */
    public static String code(byte[] secret, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            byte[] hs = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
            int offset = hs[hs.length - 1] & 0x0f;
            int binary = (hs[offset] & 0x7f) << 24
                    | (hs[offset + 1] & 0xff) << 16
                    | (hs[offset + 2] & 0xff) << 8
                    | (hs[offset + 3] & 0xff);
            return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-1 is part of every Java platform", e);
        }
    }

    /** RFC 4648 Base32 (upper case, without padding) decoded; throws {@link IllegalArgumentException} otherwise. */
    public static byte[] decodeBase32(String text) {
        ByteBuffer out = ByteBuffer.allocate(text.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            int value = BASE32.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not Base32: " + c);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >>> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}

package dev.tollgate.adapter.http.internal;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Checks {@code Authorization: Bearer <service token>} for the routes services call: the
 * presented token's SHA-256 digest against the configured one, in constant time. A missing,
 * malformed or wrong token is {@code UNAUTHENTICATED}.
 */
public final class ServiceAuthentication {

    private final byte[] digest;

    /** @param digest the SHA-256 digest of the service token, as {@link #digestOf} makes it */
    public ServiceAuthentication(byte[] digest) {
        Objects.requireNonNull(digest, "digest");
        if (digest.length != 32) {
            throw new IllegalArgumentException("a service token digest is 32 bytes (SHA-256)");
        }
        this.digest = digest.clone();
    }

    /** The SHA-256 digest of {@code token}'s UTF-8 bytes. */
    public static byte[] digestOf(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    /** Passes when the request carries the service token; throws {@link HttpFailure} {@code UNAUTHENTICATED} otherwise. */
    public void require(Context ctx) {
        byte[] presented = digestOf(BearerAuthentication.bearerToken(ctx));
        if (!MessageDigest.isEqual(presented, digest)) {
            throw new HttpFailure(TransportError.UNAUTHENTICATED, "A valid service token is required.");
        }
    }
}

package dev.tollgate.adapter.http;

import dev.tollgate.adapter.http.internal.ServiceAuthentication;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The bearer token services present to {@code POST /v1/keys/verify}, kept only as its SHA-256
 * digest: the token itself is not stored, and {@link #toString()} shows neither.
 * {@link #of(String)} takes 32 to 512 visible characters without spaces.
 */
public final class ServiceToken {

    public static final int MIN_LENGTH = 32;
    private static final Pattern SHAPE = Pattern.compile("[\\x21-\\x7E]{" + MIN_LENGTH + ",512}");

    private final byte[] digest;

    private ServiceToken(byte[] digest) {
        this.digest = digest;
    }

    /** The digest of {@code token}; refuses a token that is too short, too long or has spaces, without echoing it. */
    public static ServiceToken of(String token) {
        Objects.requireNonNull(token, "service token");
        if (!SHAPE.matcher(token).matches()) {
            throw new IllegalArgumentException("the service token must be " + MIN_LENGTH
                    + " to 512 visible characters without spaces, had " + token.length() + " characters");
        }
        return new ServiceToken(ServiceAuthentication.digestOf(token));
    }

    /** The token's SHA-256 digest (a copy). */
    public byte[] digest() {
        return digest.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServiceToken token && Arrays.equals(digest, token.digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return "ServiceToken[***]";
    }
}

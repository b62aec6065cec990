package dev.tollgate.port.api.mfa;

import java.util.Objects;

/**
 * A TOTP factor waiting for its first code: what the user puts into an authenticator app.
 * Shown once, at enrolment; {@link #toString()} does not print the secret.
 *
 * @param secret     the shared secret, Base32 (RFC 4648, no padding), for typing in by hand
 * @param otpauthUri the {@code otpauth://totp/...} URI authenticator apps read from the QR code
 * @param qrSvg      that URI as a QR code, an SVG document
 */
public record TotpEnrolment(String secret, String otpauthUri, String qrSvg) {

    public TotpEnrolment {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(otpauthUri, "otpauthUri");
        Objects.requireNonNull(qrSvg, "qrSvg");
    }

    @Override
    public String toString() {
        return "TotpEnrolment[secret=***]";
    }
}

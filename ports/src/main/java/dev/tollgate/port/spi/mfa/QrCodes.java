package dev.tollgate.port.spi.mfa;

/** Draws QR codes, such as the one an authenticator app scans to enrol a TOTP factor. */
public interface QrCodes {

    /**
     * An SVG document of the QR code holding {@code text}, with a quiet zone, black on white.
     *
     * @throws IllegalArgumentException when {@code text} does not fit in a QR code
     */
    String svg(String text);
}

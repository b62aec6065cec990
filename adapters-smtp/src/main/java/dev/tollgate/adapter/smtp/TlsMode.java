package dev.tollgate.adapter.smtp;

/** How the connection to the SMTP server is protected. */
public enum TlsMode {

    /** Plain text from start to end. Only for a server on the same host or a trusted network. */
    NONE,

    /**
     * Connect in plain text, then upgrade with {@code STARTTLS} before anything else is sent.
     * The upgrade is required: a server that does not offer it fails the delivery, never
     * silently carrying the mail in plain text. The usual mode on port 587.
     */
    STARTTLS,

    /** TLS from the first byte ("SMTPS"), the usual mode on port 465. */
    IMPLICIT
}

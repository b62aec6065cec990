package dev.tollgate.port.spi.mail;

import dev.tollgate.port.Email;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.Username;
import java.time.Instant;
import java.util.Objects;

/**
 * A typed mail Tollgate sends; a mailer renders each kind its own way. {@code toString()}
 * never shows a code.
 */
public sealed interface MailMessage {

    TenantId tenant();

    Email to();

    Username username();

    /** A code that verifies the address it is sent to. */
    record VerificationCode(TenantId tenant, Email to, Username username, String code, Instant expiresAt)
            implements MailMessage {
        public VerificationCode {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String toString() {
            return "VerificationCode[to=" + to + ", code=***, expiresAt=" + expiresAt + "]";
        }
    }

    /** A code that lets the owner of the address set a new password. */
    record PasswordResetCode(TenantId tenant, Email to, Username username, String code, Instant expiresAt)
            implements MailMessage {
        public PasswordResetCode {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String toString() {
            return "PasswordResetCode[to=" + to + ", code=***, expiresAt=" + expiresAt + "]";
        }
    }

    /** Tells the old address that the account's address changed to {@code newAddress}. */
    record EmailChanged(TenantId tenant, Email to, Username username, Email newAddress) implements MailMessage {
        public EmailChanged {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(newAddress, "newAddress");
        }
    }

    /**
     * Tells the owner of an address that someone tried, at {@code at}, to register a new
     * account with it: the enumeration-safe registration answers that attempt exactly like a
     * successful one, so the owner learns of it here.
     */
    record RegistrationAttempted(TenantId tenant, Email to, Username username, Instant at) implements MailMessage {
        public RegistrationAttempted {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(at, "at");
        }
    }

    /** Tells the owner that the password was changed or reset at {@code at}. */
    record PasswordChanged(TenantId tenant, Email to, Username username, Instant at) implements MailMessage {
        public PasswordChanged {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * Tells the owner that their account was signed in to at {@code at} from a device not seen
     * before, so a sign-in they did not make is noticed.
     *
     * @param ip        the client address of the sign-in, or null
     * @param userAgent the client's user agent, or null
     */
    record NewSignIn(TenantId tenant, Email to, Username username, Instant at, String ip, String userAgent)
            implements MailMessage {
        public NewSignIn {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(at, "at");
        }
    }
}

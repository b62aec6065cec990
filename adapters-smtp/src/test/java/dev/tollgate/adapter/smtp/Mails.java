package dev.tollgate.adapter.smtp;

import dev.tollgate.port.Email;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.Username;
import dev.tollgate.port.spi.mail.MailMessage;
import java.time.Instant;

/** Test data: one mail of each kind, with recognisable values. */
final class Mails {

    static final String CODE = "493817";
    static final Instant EXPIRES_AT = Instant.parse("2026-11-23T08:09:00Z");
    static final Instant CHANGED_AT = Instant.parse("2026-11-22T17:45:00Z");

    private Mails() {
    }

    static MailMessage.VerificationCode verificationCode(String to) {
        return new MailMessage.VerificationCode(TenantId.DEFAULT, Email.of(to), Username.of("alice"), CODE, EXPIRES_AT);
    }

    static MailMessage.PasswordResetCode passwordResetCode(String to) {
        return new MailMessage.PasswordResetCode(TenantId.DEFAULT, Email.of(to), Username.of("alice"), CODE, EXPIRES_AT);
    }

    static MailMessage.EmailChanged emailChanged(String to, String newAddress) {
        return new MailMessage.EmailChanged(TenantId.DEFAULT, Email.of(to), Username.of("alice"), Email.of(newAddress));
    }

    static MailMessage.PasswordChanged passwordChanged(String to) {
        return new MailMessage.PasswordChanged(TenantId.DEFAULT, Email.of(to), Username.of("alice"), CHANGED_AT);
    }

    static MailMessage.RegistrationAttempted registrationAttempted(String to) {
        return new MailMessage.RegistrationAttempted(TenantId.DEFAULT, Email.of(to), Username.of("alice"), CHANGED_AT);
    }
}

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
    static final Instant SIGNED_IN_AT = Instant.parse("2026-11-24T06:30:00Z");
    static final String IP = "203.0.113.9";
    static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0";

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

    static MailMessage.NewSignIn newSignIn(String to) {
        return newSignIn(to, IP, USER_AGENT);
    }

    static MailMessage.NewSignIn newSignIn(String to, String ip, String userAgent) {
        return new MailMessage.NewSignIn(TenantId.DEFAULT, Email.of(to), Username.of("alice"), SIGNED_IN_AT, ip,
                userAgent);
    }
}

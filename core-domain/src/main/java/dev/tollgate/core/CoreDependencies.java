package dev.tollgate.core;

import dev.tollgate.port.settings.TollgateSettings;
import dev.tollgate.port.spi.archive.AccountArchive;
import dev.tollgate.port.spi.audit.AuditLog;
import dev.tollgate.port.spi.code.OneTimeCodeStore;
import dev.tollgate.port.spi.crypto.PasswordHasher;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.mail.Mailer;
import dev.tollgate.port.spi.password.PasswordStrengthEstimator;
import dev.tollgate.port.spi.random.RandomSource;
import dev.tollgate.port.spi.session.SessionStore;
import dev.tollgate.port.spi.user.UserStore;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Everything the core needs from outside: the SPI implementations, the clock, the random
 * source, the settings, an executor for work done off the caller's thread (password-reset
 * mails), and the key under which token and code digests are made.
 */
public record CoreDependencies(
        UserStore users,
        SessionStore sessions,
        OneTimeCodeStore codes,
        WindowCounters counters,
        AuditLog auditLog,
        AccountArchive archive,
        Mailer mailer,
        PasswordHasher hasher,
        PasswordStrengthEstimator strengthEstimator,
        Clock clock,
        RandomSource random,
        Executor background,
        byte[] digestKey,
        TollgateSettings settings) {

    public CoreDependencies {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(codes, "codes");
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(auditLog, "auditLog");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(mailer, "mailer");
        Objects.requireNonNull(hasher, "hasher");
        Objects.requireNonNull(strengthEstimator, "strengthEstimator");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(background, "background");
        digestKey = Objects.requireNonNull(digestKey, "digestKey").clone();
        Objects.requireNonNull(settings, "settings");
    }

    @Override
    public byte[] digestKey() {
        return digestKey.clone();
    }
}

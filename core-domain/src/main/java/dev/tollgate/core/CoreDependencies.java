package dev.tollgate.core;

import dev.tollgate.port.settings.TollgateSettings;
import dev.tollgate.port.spi.Stores;
import dev.tollgate.port.spi.cache.InvalidationBus;
import dev.tollgate.port.spi.mail.Mailer;
import dev.tollgate.port.spi.metering.UsageSink;
import dev.tollgate.port.spi.mfa.QrCodes;
import dev.tollgate.port.spi.mfa.TotpAlgorithm;
import dev.tollgate.port.spi.password.PasswordHasher;
import dev.tollgate.port.spi.password.PasswordStrengthEstimator;
import dev.tollgate.port.spi.random.RandomSource;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Everything the core needs from outside: the stores and other SPI implementations (among them
 * the sink that writes usage events off the verification's path), the clock, the random
 * source, the settings, an executor for work done off the caller's thread (password-reset
 * mails), the key under which token and code digests are made, the key that seals
 * recoverable API keys and TOTP secrets (null: keys are shown once and cannot be revealed again,
 * and second factors cannot be enrolled), the TOTP algorithm and QR codes of second factors, and
 * the bus on which processes tell each other that the IP rules changed (null for a single
 * process: the rules are then read again every second).
 */
public record CoreDependencies(
        Stores stores,
        UsageSink usageSink,
        Mailer mailer,
        PasswordHasher hasher,
        PasswordStrengthEstimator strengthEstimator,
        Clock clock,
        RandomSource random,
        Executor background,
        byte[] digestKey,
        byte[] sealingKey,
        TollgateSettings settings,
        TotpAlgorithm totp,
        QrCodes qrCodes,
        InvalidationBus notices) {

    public CoreDependencies {
        Objects.requireNonNull(stores, "stores");
        Objects.requireNonNull(usageSink, "usageSink");
        Objects.requireNonNull(mailer, "mailer");
        Objects.requireNonNull(hasher, "hasher");
        Objects.requireNonNull(strengthEstimator, "strengthEstimator");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(background, "background");
        digestKey = Objects.requireNonNull(digestKey, "digestKey").clone();
        sealingKey = sealingKey == null ? null : sealingKey.clone();
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(totp, "totp");
        Objects.requireNonNull(qrCodes, "qrCodes");
    }

    @Override
    public byte[] digestKey() {
        return digestKey.clone();
    }

    @Override
    public byte[] sealingKey() {
        return sealingKey == null ? null : sealingKey.clone();
    }
}

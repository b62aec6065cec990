package dev.tollgate.core.password;

import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.settings.HashingSettings;
import dev.tollgate.port.spi.password.PasswordCheck;
import dev.tollgate.port.spi.password.PasswordHasher;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Lets at most a set number of password hashes run at once. Argon2id takes 19 MiB for each
 * hash, so a flood of logins must queue rather than exhaust memory; a call that waits longer
 * than the set limit gives up with {@link Problem.ServiceBusy}.
 */
public final class HashingGate {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final PasswordHasher hasher;
    private final Semaphore permits;
    private final long maxWaitNanos;

    public HashingGate(PasswordHasher hasher, HashingSettings settings) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.permits = new Semaphore(settings.maxConcurrent(), true);
        this.maxWaitNanos = settings.maxWait().toNanos();
    }

    /** The hash of {@code password}, or {@code SERVICE_BUSY} when none could be made in time. */
    public Outcome<String> hash(String password) {
        return run(() -> hasher.hash(password));
    }

    /** The check of {@code password} against {@code encodedHash}, or {@code SERVICE_BUSY}. */
    public Outcome<PasswordCheck> verify(String password, String encodedHash) {
        return run(() -> hasher.verify(password, encodedHash));
    }

    private <T> Outcome<T> run(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            return Outcome.refused(new Problem.ServiceBusy(RETRY_AFTER));
        }
        try {
            return Outcome.done(work.get());
        } finally {
            permits.release();
        }
    }
}

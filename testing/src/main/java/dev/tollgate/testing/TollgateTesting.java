package dev.tollgate.testing;

import dev.tollgate.Tollgate;
import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.adapter.memory.mail.RecordingMailer;
import dev.tollgate.port.spi.Stores;
import dev.tollgate.port.spi.random.RandomSource;
import dev.tollgate.tck.support.FastTestPasswordHasher;
import dev.tollgate.tck.support.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A built {@link Tollgate} for an application's tests, with what a test needs to drive it: a
 * {@link MutableClock} that stands still until the test moves it (expiries, lockouts and windows
 * without sleeping) and a {@link RecordingMailer} that keeps every mail (read the code a user was
 * sent). Close it after the test, or let {@link TollgateExtension} do it.
 *
 * <pre>{@code
 * try (TollgateTesting testing = TollgateTesting.inMemory()) {
 *     testing.tollgate().registration().register(Registration.of(TenantId.DEFAULT, "ada", "ada@example.com", password));
 *     String code = testing.mailer().lastCodeFor(Email.of("ada@example.com")).orElseThrow();
 *     testing.clock().advance(Duration.ofHours(25)); // the code has expired now
 * }
 * }</pre>
 *
 * <p>Compared with {@code Tollgate.builder()}'s defaults, made for tests: the clock starts at the
 * current second and moves only when told; passwords are hashed with {@link FastTestPasswordHasher}
 * (one salted SHA-256, never for production) instead of Argon2id; work Tollgate would do in the
 * background (password-reset mails) runs on the caller's thread, so its mail is there when the
 * call returns; and a fixed master key is set, so API keys can be revealed and no warning is
 * logged. The customizer given to a factory can change any of it, e.g. {@code .settings(...)}.
 */
public final class TollgateTesting implements AutoCloseable {

    /** The master key of every Tollgate made here: public, so for tests only. */
    private static final byte[] TEST_MASTER_KEY =
            "tollgate-testing-master-key: public, for tests only".getBytes(StandardCharsets.UTF_8);

    private final Tollgate tollgate;
    private final MutableClock clock;
    private final RecordingMailer mailer;

    private TollgateTesting(Tollgate tollgate, MutableClock clock, RecordingMailer mailer) {
        this.tollgate = tollgate;
        this.clock = clock;
        this.mailer = mailer;
    }

    /** A Tollgate on in-memory stores, nothing kept after {@link #close()}. */
    public static TollgateTesting inMemory() {
        return inMemory(builder -> { });
    }

    /**
     * A Tollgate on in-memory stores, configured further by {@code customizer} (settings, a hasher
     * of your own, ...) before it is built.
     */
    public static TollgateTesting inMemory(Consumer<Tollgate.Builder> customizer) {
        return over(InMemoryStores.create().asStores(), customizer);
    }

    /**
     * A Tollgate for tests over {@code stores} (a {@link ThrowawayDatabase}'s, or a custom
     * adapter's), configured further by {@code customizer}. The stores stay the caller's: closing
     * this does not close them.
     */
    public static TollgateTesting over(Stores stores, Consumer<Tollgate.Builder> customizer) {
        Objects.requireNonNull(stores, "stores");
        Objects.requireNonNull(customizer, "customizer");
        MutableClock clock = MutableClock.startingAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        RecordingMailer mailer = new RecordingMailer();
        Tollgate.Builder builder = Tollgate.builder()
                .stores(stores)
                .mailer(mailer)
                .clock(clock)
                .passwordHasher(new FastTestPasswordHasher(RandomSource.secure()))
                .backgroundExecutor(Runnable::run)
                .masterKey(TEST_MASTER_KEY);
        customizer.accept(builder);
        return new TollgateTesting(builder.build(), clock, mailer);
    }

    /** The Tollgate under test. */
    public Tollgate tollgate() {
        return tollgate;
    }

    /** The clock Tollgate measures every expiry, lock and window by (unless the customizer gave another). */
    public MutableClock clock() {
        return clock;
    }

    /** Every mail Tollgate sent (unless the customizer gave another mailer). */
    public RecordingMailer mailer() {
        return mailer;
    }

    /** Closes the Tollgate: queued usage events are written; stores given to {@link #over} stay open. */
    @Override
    public void close() {
        tollgate.close();
    }
}

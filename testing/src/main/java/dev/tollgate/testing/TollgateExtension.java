package dev.tollgate.testing;

import dev.tollgate.Tollgate;
import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.adapter.memory.mail.RecordingMailer;
import dev.tollgate.port.spi.Stores;
import dev.tollgate.tck.support.MutableClock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension giving each test a {@link Tollgate} (as {@link TollgateTesting} makes it:
 * a clock the test moves, a mailer that keeps every mail) on a store of its own: in memory, or a
 * {@link ThrowawayDatabase} (a fresh PostgreSQL database, or an SQLite file) dropped afterwards.
 *
 * <pre>{@code
 * class SignUpTest {
 *     @RegisterExtension
 *     final TollgateExtension tollgate = TollgateExtension.postgres();
 *
 *     @Test
 *     void signUp() {
 *         tollgate.tollgate().registration().register(...);
 *     }
 * }
 * }</pre>
 *
 * <p>In an instance field, each test gets a fresh store; in a {@code static} field, the test
 * class shares one, made before all its tests and dropped after them. Test and lifecycle methods
 * may also take a {@link Tollgate}, {@link TollgateTesting}, {@link Stores}, {@link MutableClock}
 * or {@link RecordingMailer} parameter (with one such extension registered).
 */
public final class TollgateExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private static final List<Class<?>> RESOLVED = List.of(Tollgate.class, TollgateTesting.class, Stores.class,
            MutableClock.class, RecordingMailer.class);

    private final Supplier<ThrowawayDatabase> databases;
    private final Consumer<Tollgate.Builder> customizer;
    /** How many test classes (with nested ones) this extension was started for: 0 when it makes a store per test. */
    private int classes;
    private ThrowawayDatabase database;
    private Stores stores;
    private TollgateTesting testing;

    private TollgateExtension(Supplier<ThrowawayDatabase> databases, Consumer<Tollgate.Builder> customizer) {
        this.databases = databases;
        this.customizer = customizer;
    }

    /** In-memory stores: the fastest; nothing to drop. */
    public static TollgateExtension inMemory() {
        return new TollgateExtension(null, builder -> { });
    }

    /** A fresh database on the test PostgreSQL server ({@link ThrowawayDatabase#postgres()}). */
    public static TollgateExtension postgres() {
        return new TollgateExtension(ThrowawayDatabase::postgres, builder -> { });
    }

    /** An SQLite file in a temporary directory ({@link ThrowawayDatabase#sqlite()}). */
    public static TollgateExtension sqlite() {
        return new TollgateExtension(ThrowawayDatabase::sqlite, builder -> { });
    }

    /** The same extension with {@code more} applied to each Tollgate's builder (after any given before). */
    public TollgateExtension customized(Consumer<Tollgate.Builder> more) {
        Objects.requireNonNull(more, "more");
        return new TollgateExtension(databases, customizer.andThen(more));
    }

    /** The Tollgate of the running test. */
    public Tollgate tollgate() {
        return testing().tollgate();
    }

    /** The Tollgate of the running test with its clock and mailer. */
    public TollgateTesting testing() {
        if (testing == null) {
            throw new IllegalStateException("no Tollgate outside a test: register the extension with @RegisterExtension");
        }
        return testing;
    }

    /** The clock of the running test's Tollgate. */
    public MutableClock clock() {
        return testing().clock();
    }

    /** The mails the running test's Tollgate sent. */
    public RecordingMailer mailer() {
        return testing().mailer();
    }

    /** The stores under the running test's Tollgate, for what a test sets up or checks directly. */
    public Stores stores() {
        testing();
        return stores;
    }

    /** The throwaway database of the running test; empty for in-memory stores. */
    public Optional<ThrowawayDatabase> database() {
        testing();
        return Optional.ofNullable(database);
    }

    /** A static field's extension is called for its class (and again for each nested class): one store for all. */
    @Override
    public void beforeAll(ExtensionContext context) {
        if (classes++ == 0) {
            start();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (classes == 0) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (classes == 0) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (--classes == 0) {
            stop();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return RESOLVED.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Tollgate.class ? tollgate() : type == TollgateTesting.class ? testing()
                : type == Stores.class ? stores() : type == MutableClock.class ? clock() : mailer();
    }

    private void start() {
        database = databases == null ? null : databases.get();
        try {
            stores = database == null ? InMemoryStores.create().asStores() : database.stores();
            testing = TollgateTesting.over(stores, customizer);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private void stop() {
        try {
            if (testing != null) {
                testing.close();
            }
        } finally {
            testing = null;
            stores = null;
            if (database != null) {
                ThrowawayDatabase closing = database;
                database = null;
                closing.close();
            }
        }
    }
}

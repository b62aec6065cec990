package dev.tollgate.benchmarks;

import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.adapter.mongo.MongoStores;
import dev.tollgate.adapter.sql.SqlDatabase;
import dev.tollgate.adapter.sqlite.SqliteStores;
import dev.tollgate.port.spi.Stores;
import dev.tollgate.testing.mongo.MongoTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The stores benchmarked; each opens a fresh, empty store for one trial. */
public enum StoreKind {

    /** The in-memory reference stores: the cost of the core itself. */
    MEMORY {
        @Override
        OpenedStore open() {
            return new OpenedStore(InMemoryStores.create().asStores(), "in-memory", () -> { });
        }
    },

    /** SQLite (WAL, one file) in a new temporary directory, deleted afterwards. */
    SQLITE {
        @Override
        OpenedStore open() {
            Path directory;
            try {
                directory = Files.createTempDirectory("tollgate-bench-sqlite-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            SqlDatabase database;
            try {
                database = SqliteStores.inDirectory(directory);
            } catch (RuntimeException e) {
                deleteTree(directory);
                throw e;
            }
            return new OpenedStore(database.stores(), "SQLite in " + directory, () -> {
                database.close();
                deleteTree(directory);
            });
        }
    },

    /**
     * PostgreSQL: a new database {@code tollgate_bench_<random>} on the server named by
     * {@code TOLLGATE_BENCH_POSTGRES_URL}, dropped afterwards.
     */
    POSTGRESQL {
        @Override
        OpenedStore open() {
            ScratchPostgresDatabase scratch = ScratchPostgresDatabase.create(ScratchPostgresDatabase.adminUrlFromEnvironment());
            return new OpenedStore(scratch.database().stores(), "PostgreSQL database " + scratch.name(), scratch::close);
        }
    },

    /**
     * The MongoDB store on the in-JVM wire-protocol emulator (mongo-java-server), started in the
     * benchmark's own JVM, through the real driver: the figures are the adapter's and the
     * emulator's together, <em>not MongoDB's</em> (the emulator competes for the same cores).
     */
    MONGO_EMULATOR {
        @Override
        OpenedStore open() {
            return freshMongoDatabase(MongoTestServer.emulatorUrl(), "MongoDB emulator database ");
        }
    },

    /** A real MongoDB at {@code TOLLGATE_BENCH_MONGO_URL}: a new database {@code tollgate_test_<random>}, dropped afterwards. */
    MONGODB {
        @Override
        OpenedStore open() {
            String url = System.getenv("TOLLGATE_BENCH_MONGO_URL");
            if (url == null || url.isBlank()) {
                throw new IllegalStateException("set TOLLGATE_BENCH_MONGO_URL (mongodb://host:port) to benchmark a real MongoDB");
            }
            return freshMongoDatabase(url, "MongoDB database ");
        }
    };

    abstract OpenedStore open();

    /** A new database {@code tollgate_test_<random>} on the MongoDB at {@code url}, dropped when the trial ends. */
    private static OpenedStore freshMongoDatabase(String url, String label) {
        String database = MongoTestServer.freshDatabase();
        MongoStores mongo = MongoStores.open(url, database);
        return new OpenedStore(mongo.stores(), label + database, () -> {
            mongo.database().drop();
            mongo.close();
        });
    }

    /**
     * A store set opened for one trial and what to do to get rid of it. Closing is idempotent;
     * if the JVM stops first (JMH does not run trial tear-downs after a benchmark throws, or the
     * run is interrupted), a shutdown hook closes it, so no temporary directory or database is
     * left behind.
     */
    static final class OpenedStore implements AutoCloseable {

        private final Stores stores;
        private final String description;
        private final Runnable disposal;
        private final Thread onExit;
        private boolean closed;

        OpenedStore(Stores stores, String description, Runnable disposal) {
            this.stores = stores;
            this.description = description;
            this.disposal = disposal;
            this.onExit = new Thread(this::closeQuietly, "dispose " + description);
            Runtime.getRuntime().addShutdownHook(onExit);
        }

        Stores stores() {
            return stores;
        }

        String description() {
            return description;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            disposal.run();
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException shuttingDown) {
                // called from the hook itself, or the JVM is stopping anyway
            }
        }

        private void closeQuietly() {
            try {
                close();
            } catch (RuntimeException e) {
                System.err.println("could not dispose of " + description + ": " + e);
            }
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }
}

package dev.tollgate.testing.mongo;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The MongoDB servers of a test JVM. No MongoDB server can be installed on our machines, so
 * the tests run on an in-JVM wire-protocol server (mongo-java-server, memory backend) through
 * the real driver; where a real MongoDB exists ({@code TOLLGATE_TEST_MONGO_URL}, else a
 * Testcontainers {@code mongo:7} where a Docker engine answers), {@link #realUrl()} gives it,
 * else the test asking for it is skipped with the reason. Tests share a server, never a
 * database: each takes a {@link #freshDatabase()}.
 */
public final class MongoTestServer {

    /** The variable naming a real MongoDB of your own: {@code mongodb://host:port} (its databases are created and left). */
    public static final String URL_VARIABLE = "TOLLGATE_TEST_MONGO_URL";

    private static final System.Logger LOG = System.getLogger(MongoTestServer.class.getName());

    private MongoTestServer() {
    }

    /** {@code mongodb://127.0.0.1:<port>} of this JVM's emulator, started on first use and stopped when the JVM exits. */
    public static String emulatorUrl() {
        return Emulator.URL;
    }

    /**
     * The connection string of a real MongoDB; when there is none, the calling test is skipped
     * (a JUnit assumption) with the reason, which is also logged once.
     */
    public static String realUrl() {
        Real real = Real.SERVER;
        Assumptions.assumeTrue(real.url != null, real.whyNone);
        return real.url;
    }

    /** A database name no other test and no other run uses. */
    public static String freshDatabase() {
        return "tollgate_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** An emulator of a test's own on a port of its own, which the test may stop and start again on that port. */
    public static StoppableEmulator stoppableEmulator() {
        return new StoppableEmulator();
    }

    /** An emulator that a store-outage test stops and starts again; its data survive a stop. */
    public static final class StoppableEmulator implements AutoCloseable {

        /** The data, kept across a stop: a server's shutdown closes its backend, which for memory means emptying it. */
        private final MemoryBackend backend = new MemoryBackend() {
            @Override
            public void close() {
                // kept for the next start; the JVM's end frees it
            }
        };
        private final int port;
        private MongoServer server;

        private StoppableEmulator() {
            MongoServer first = new MongoServer(backend);
            first.bind("127.0.0.1", 0);
            this.port = first.getLocalAddress().getPort();
            this.server = first;
        }

        public String url() {
            return "mongodb://127.0.0.1:" + port;
        }

        /** Stops answering: open connections are cut, new ones refused. */
        public synchronized void stop() {
            if (server != null) {
                // a fresh MongoServer over the same (unclosable) backend comes back with the same data
                server.shutdownNow();
                server = null;
            }
        }

        /** Answers again on the same port, with the data it had. */
        public synchronized void start() {
            if (server == null) {
                MongoServer again = new MongoServer(backend);
                again.bind("127.0.0.1", port);
                server = again;
            }
        }

        @Override
        public synchronized void close() {
            stop();
        }
    }

    private static final class Emulator {
        static final String URL = start();

        private static String start() {
            MongoServer server = new MongoServer(new MemoryBackend());
            server.bind("127.0.0.1", 0);
            InetSocketAddress address = server.getLocalAddress();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "tollgate-test-mongo-stop"));
            return "mongodb://127.0.0.1:" + address.getPort();
        }
    }

    private static final class Real {
        static final Real SERVER = provision();

        final String url;
        final String whyNone;

        private Real(String url, String whyNone) {
            this.url = url;
            this.whyNone = whyNone;
        }

        private static Real provision() {
            String url = System.getenv(URL_VARIABLE);
            if (url != null && !url.isBlank()) {
                if (!url.startsWith("mongodb://") && !url.startsWith("mongodb+srv://")) {
                    throw new IllegalStateException(URL_VARIABLE + " must be a mongodb:// or mongodb+srv:// URL");
                }
                LOG.log(Level.INFO, "Tollgate's real-MongoDB tests run on {0} ({1})", hostOf(url), URL_VARIABLE);
                return new Real(url, null);
            }
            if (!dockerAnswers()) {
                String why = "no " + URL_VARIABLE + " and no Docker engine: the tests against a real MongoDB are SKIPPED "
                        + "(the emulator's run covers the same contracts)";
                LOG.log(Level.WARNING, why);
                System.err.println("Tollgate: " + why);
                return new Real(null, why);
            }
            MongoDBContainer container = new MongoDBContainer("mongo:7");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "tollgate-test-mongo-container-stop"));
            return new Real(container.getConnectionString(), null);
        }

        private static boolean dockerAnswers() {
            try {
                return DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                return false;
            }
        }

        /** The URL's host only: a password in it must not reach the log. */
        private static String hostOf(String url) {
            try {
                return URI.create(url).getHost();
            } catch (IllegalArgumentException e) {
                return "(unparsable host)";
            }
        }
    }
}

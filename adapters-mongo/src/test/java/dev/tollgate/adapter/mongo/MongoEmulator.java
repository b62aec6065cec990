package dev.tollgate.adapter.mongo;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-JVM MongoDB wire-protocol server (mongo-java-server, memory backend) on a random
 * loopback port, which the real driver talks to. One per test JVM; each contract takes a
 * database of its own ({@link #freshDatabase}).
 */
final class MongoEmulator {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static MongoServer server;
    private static String connectionString;

    private MongoEmulator() {
    }

    /** {@code mongodb://127.0.0.1:<port>}, starting the server on first use. */
    static synchronized String connectionString() {
        if (server == null) {
            server = new MongoServer(new MemoryBackend());
            server.bind("127.0.0.1", 0);
            InetSocketAddress address = server.getLocalAddress();
            connectionString = "mongodb://127.0.0.1:" + address.getPort();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "mongo-emulator-stop"));
        }
        return connectionString;
    }

    /** A database name no other test of this JVM uses. */
    static String freshDatabase() {
        return "tollgate_test_" + DATABASES.incrementAndGet();
    }
}

package dev.tollgate.testing.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import redis.embedded.RedisServer;

/**
 * The one Redis server of a test JVM, chosen once, in this order: the server at
 * {@code TOLLGATE_TEST_REDIS_URL} ({@code redis://host:port}); else a Testcontainers
 * {@code redis:7-alpine} where a Docker engine answers; else an embedded Redis (the
 * {@code redis-server} binary shipped in the embedded-redis jar) where it runs; else none, and
 * every test that asks for it is skipped with the reason printed. Started on first use, stopped
 * when the JVM exits. Tests share the server, never its keys: each test class takes a
 * {@link #keyPrefix(Class)} of its own, and no test flushes or reconfigures the server.
 */
public final class TestRedis {

    /** The variable naming a Redis of your own: {@code redis://[user:password@]host:port[/database]}. */
    public static final String URL_VARIABLE = "TOLLGATE_TEST_REDIS_URL";

    private static final System.Logger LOG = System.getLogger(TestRedis.class.getName());

    /** Where the server came from, for the log line and for tests that must know. */
    enum Provision { ENVIRONMENT, TESTCONTAINERS, EMBEDDED, NONE }

    private final Provision provision;
    private final String url;
    private final String whyNone;

    private TestRedis(Provision provision, String url, String whyNone) {
        this.provision = provision;
        this.url = url;
        this.whyNone = whyNone;
    }

    /**
     * The URL of this JVM's test Redis, started on the first call; when there is none, the
     * calling test is skipped (a JUnit assumption) with the reason, which is also logged once.
     */
    public static String url() {
        TestRedis redis = Holder.REDIS;
        Assumptions.assumeTrue(redis.provision != Provision.NONE, redis.whyNone);
        return redis.url;
    }

    /** Whether a test Redis is available, for a test that runs either way. */
    public static boolean available() {
        return Holder.REDIS.provision != Provision.NONE;
    }

    /**
     * A key prefix no other test class and no other run uses ({@code test:<class>:<random>:}),
     * so tests share one Redis without meeting.
     */
    public static String keyPrefix(Class<?> testClass) {
        return "test:" + testClass.getSimpleName() + ":" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    private static final class Holder {
        static final TestRedis REDIS = provision();
    }

    private static TestRedis provision() {
        long started = System.nanoTime();
        TestRedis redis = fromEnvironment();
        String docker = "not asked";
        if (redis == null) {
            boolean answers = dockerAnswers();
            docker = (answers ? "answers" : "none") + " in " + (System.nanoTime() - started) / 1_000_000 + " ms";
            redis = answers ? inContainer() : embedded();
        }
        if (redis.provision == Provision.NONE) {
            LOG.log(Level.WARNING, "Tollgate Redis tests are SKIPPED: {0} (Docker {1})", redis.whyNone, docker);
            System.err.println("Tollgate Redis tests are SKIPPED: " + redis.whyNone);
        } else {
            LOG.log(Level.INFO, "Tollgate Redis tests run on {0} ({1}; Docker {2}), ready in {3} ms",
                    redis.provision, hostAndPort(redis.url), docker, (System.nanoTime() - started) / 1_000_000);
        }
        return redis;
    }

    private static TestRedis fromEnvironment() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            return null;
        }
        if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
            throw new IllegalStateException(URL_VARIABLE + " must be a redis:// or rediss:// URL");
        }
        return new TestRedis(Provision.ENVIRONMENT, url, null);
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // stopped by the shutdown hook
    private static TestRedis inContainer() {
        GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "tollgate-test-redis-stop"));
        return new TestRedis(Provision.TESTCONTAINERS,
                "redis://" + container.getHost() + ":" + container.getMappedPort(6379), null);
    }

    private static TestRedis embedded() {
        int port;
        RedisServer server;
        try {
            port = freePort();
            server = RedisServer.newRedisServer().bind("127.0.0.1").port(port)
                    .setting("save \"\"").setting("appendonly no").build();
            server.start();
        } catch (IOException | RuntimeException e) {
            return new TestRedis(Provision.NONE, null, "no " + URL_VARIABLE + ", no Docker engine, and the embedded "
                    + "redis-server does not start here (" + e.getMessage() + "); set " + URL_VARIABLE
                    + " to run them");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (IOException e) {
                // the JVM is going away; the child process goes with it
            }
        }, "tollgate-test-redis-stop"));
        String url = "redis://127.0.0.1:" + port;
        if (!answersPing(port)) {
            return new TestRedis(Provision.NONE, null, "the embedded redis-server started but does not answer PING; "
                    + "set " + URL_VARIABLE + " to run them");
        }
        return new TestRedis(Provision.EMBEDDED, url, null);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean answersPing(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(5);
            return new String(answer, StandardCharsets.US_ASCII).equals("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** The URL's host and port only: a password in it must not reach the log. */
    private static String hostAndPort(String url) {
        URI uri = URI.create(url);
        return uri.getHost() + ":" + uri.getPort();
    }
}

package dev.tollgate.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The runnable jar ({@code server/target/tollgate-server.jar}) as a child process, the way an
 * operator starts it: {@code java -jar}, with a clean environment holding only the settings a
 * test gives (so the test suite's own {@code TOLLGATE_TEST_*} variables never reach it), in a
 * working directory of its own. Its standard output and error are kept line by line. Every wait
 * is generous and ends as soon as what it waits for happens.
 */
final class ServerJar implements AutoCloseable {

    /** How long a start may take on a loaded machine; the wait ends when {@code /health} answers. */
    static final Duration START_WAIT = Duration.ofMinutes(3);
    /** How long anything else may take; the wait ends when it happens. */
    static final Duration WAIT = Duration.ofMinutes(2);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final Process process;
    private final int port;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final List<Thread> readers = new ArrayList<>();

    private ServerJar(Process process, int port) {
        this.process = process;
        this.port = port;
        readers.add(keep(process.getInputStream(), stdout, "stdout"));
        readers.add(keep(process.getErrorStream(), stderr, "stderr"));
    }

    /** The jar Maven built: Failsafe passes its path; else the module's target directory. */
    static Path jar() {
        String configured = System.getProperty("tollgate.server.jar");
        Path jar = configured != null ? Path.of(configured) : Path.of("target", "tollgate-server.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no runnable jar at " + jar.toAbsolutePath() + ": run mvn verify (or package)");
        }
        return jar;
    }

    /** A port free now, for a server to listen on. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the jar in {@code workingDirectory} with exactly {@code environment} (plus
     * {@code TOLLGATE_HTTP_PORT} set to a free port unless given) and {@code args}; does not wait.
     */
    static ServerJar start(Path workingDirectory, Map<String, String> environment, String... args) {
        int port = environment.containsKey("TOLLGATE_HTTP_PORT")
                ? Integer.parseInt(environment.get("TOLLGATE_HTTP_PORT")) : freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar().toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().putIfAbsent("TOLLGATE_HTTP_PORT", Integer.toString(port));
        try {
            return new ServerJar(builder.start(), port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    /** Pipes {@code text} to the process's standard input and closes it, as {@code printf ... | java -jar} does. */
    ServerJar input(String text) {
        try (OutputStream in = process.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Waits until {@code /health} answers 200; fails, with the output, if the process ends first. */
    ServerJar awaitReady() {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the server ended with status " + process.exitValue() + " before it served;\n"
                        + output());
            }
            try {
                HttpResponse<Void> health = HTTP.send(HttpRequest.newBuilder(uri("/health"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            pause();
        }
        throw new AssertionError("the server did not answer /health within " + START_WAIT + ";\n" + output());
    }

    /** Waits for the process to end by itself and answers its exit status; fails if it keeps running. */
    int awaitExit() {
        try {
            if (!process.waitFor(START_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the server is still running after " + START_WAIT + ";\n" + output());
            }
            for (Thread reader : readers) {
                reader.join(WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return process.exitValue();
    }

    /** Waits for a line on standard output that {@code wanted} accepts, and answers it. */
    String awaitStdout(Predicate<String> wanted, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : stdout) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                break;
            }
            pause();
        }
        for (String line : stdout) {
            if (wanted.test(line)) {
                return line;
            }
        }
        throw new AssertionError("no line on standard output with " + what + ";\n" + output());
    }

    List<String> stdout() {
        return List.copyOf(stdout);
    }

    List<String> stderr() {
        return List.copyOf(stderr);
    }

    String output() {
        return "--- stdout\n" + String.join("\n", stdout) + "\n--- stderr\n" + String.join("\n", stderr);
    }

    /**
     * Ends the server as {@code kill -9} does (SIGKILL: no shutdown hook, no drain, nothing
     * flushed) and waits until the process is gone.
     */
    void kill() {
        try {
            if (!process.destroyForcibly().waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the server outlived SIGKILL for " + WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the server as SIGTERM does and waits for it; forcibly if it does not stop. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static Thread keep(InputStream stream, List<String> lines, String name) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "server-jar-" + name);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }
}

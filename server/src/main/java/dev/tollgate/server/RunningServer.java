package dev.tollgate.server;

import dev.tollgate.Tollgate;
import dev.tollgate.adapter.http.HttpApi;
import java.util.Objects;

/** A started server: its HTTP API over its Tollgate. Closing stops both, in that order. */
public final class RunningServer implements AutoCloseable {

    private final HttpApi http;
    private final Tollgate tollgate;

    RunningServer(HttpApi http, Tollgate tollgate) {
        this.http = Objects.requireNonNull(http, "http");
        this.tollgate = Objects.requireNonNull(tollgate, "tollgate");
    }

    /** The port the HTTP server listens on. */
    public int port() {
        return http.port();
    }

    /**
     * Stops taking requests, lets those in flight finish, then finishes background work and
     * closes the store's pool.
     */
    @Override
    public void close() {
        try {
            http.stop();
        } finally {
            tollgate.close();
        }
    }
}

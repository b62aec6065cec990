package dev.tollgate.adapter.smtp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Local ports for servers a test starts itself. */
final class TestPorts {

    static final String HOST = "127.0.0.1";

    private TestPorts() {
    }

    /** A port nothing listens on at the moment of the call. */
    static int unused() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

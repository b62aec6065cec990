package dev.tollgate.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a bare socket, for what a well-behaved client cannot send: bytes that are not
 * UTF-8, broken percent-encoding, oversized headers and URLs. Each exchange is one request on
 * its own connection ({@code Connection: close}); the answer is read to the end of the stream.
 */
final class RawHttp {

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    /** Sends {@code head} (request line and headers, CRLF-separated, without the blank line) and {@code body}. */
    Reply send(String head, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder(head).append("\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            if (body.length > 0) {
                request.append("Content-Length: ").append(body.length).append("\r\n");
            }
            request.append("\r\n");
            try {
                out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            } catch (SocketException closedEarly) {
                // the server may answer and close before it has read everything: the answer is still there
            }
            return Reply.parse(readAll(socket.getInputStream()));
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    Reply send(String head) {
        return send(head, new byte[0]);
    }

    /** A connection kept open across requests, to send one after the server has begun to stop. */
    KeepAlive keepAlive() {
        try {
            return new KeepAlive(new Socket("127.0.0.1", port));
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** One persistent connection: each exchange reads exactly the answer's Content-Length. */
    static final class KeepAlive implements AutoCloseable {
        private final Socket socket;

        private KeepAlive(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(30_000);
        }

        Reply send(String head) {
            begin(head);
            return finish();
        }

        /** Sends the request line and headers of {@code head} but not the blank line that ends them. */
        void begin(String head) {
            try {
                OutputStream out = socket.getOutputStream();
                out.write((head + "\r\nHost: 127.0.0.1\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
        }

        /** Ends the headers {@link #begin} sent and reads the answer. */
        Reply finish() {
            try {
                OutputStream out = socket.getOutputStream();
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                InputStream in = socket.getInputStream();
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                while (!answer.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        throw new IOException("closed before an answer: " + answer);
                    }
                    answer.write(b);
                }
                String headText = answer.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
                int at = headText.indexOf("content-length:");
                int length = at < 0 ? 0
                        : Integer.parseInt(headText.substring(at + 15, headText.indexOf("\r\n", at)).strip());
                answer.write(in.readNBytes(length));
                return Reply.parse(answer.toByteArray());
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        try {
            while ((read = in.read(buffer)) != -1) {
                all.write(buffer, 0, read);
            }
        } catch (SocketException reset) {
            // a reset after the answer: keep what came
        }
        return all.toByteArray();
    }

    /** A parsed answer: status, headers (names lower-cased) and the body as text. */
    record Reply(int status, Map<String, String> headers, String body) {

        static Reply parse(byte[] raw) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int split = text.indexOf("\r\n\r\n");
            if (split < 0) {
                throw new AssertionError("no complete answer: " + text);
            }
            String[] lines = text.substring(0, split).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.merge(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip(), (a, b) -> a + ", " + b);
            }
            byte[] bodyBytes = java.util.Arrays.copyOfRange(raw, split + 4, raw.length);
            String body = new String(bodyBytes, StandardCharsets.UTF_8);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = dechunk(body);
            }
            return new Reply(status, headers, body);
        }

        private static String dechunk(String chunked) {
            StringBuilder body = new StringBuilder();
            int at = 0;
            while (true) {
                int lineEnd = chunked.indexOf("\r\n", at);
                int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].strip(), 16);
                if (size == 0) {
                    return body.toString();
                }
                body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() {
            try {
                return ApiClient.JSON.readTree(body);
            } catch (IOException malformed) {
                throw new AssertionError("not JSON: " + body, malformed);
            }
        }

        String code() {
            return json().path("code").asText();
        }

        @Override
        public String toString() {
            return status + " " + headers + "\n" + body;
        }
    }
}

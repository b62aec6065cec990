package dev.tollgate.core.admin;

import dev.tollgate.port.UserId;
import dev.tollgate.port.spi.admin.UserPosition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Opaque page cursors: base64url (no padding) of a version byte, the position where a page ended,
 * and a fingerprint of the query's canonical form and that position. A cursor decodes only for
 * the query it was made for, and a changed byte fails the fingerprint; either way it is refused.
 */
final class Cursors {

    private static final byte VERSION = 1;
    private static final int FINGERPRINT = 12;
    /** Longest cursor accepted before decoding it. */
    private static final int MAX_LENGTH = 1024;

    private Cursors() {
    }

    /** The cursor after {@code position} in the list {@code query} describes. */
    static String user(String query, UserPosition position) {
        return encode(query, out -> {
            writeInstant(out, position.createdAt());
            writeText(out, position.username());
            writeInstant(out, position.lastLoginAt());
            writeUuid(out, position.id().value());
        });
    }

    /** The position a cursor of {@code query} holds; empty when it is malformed, tampered or another query's. */
    static Optional<UserPosition> user(String query, String cursor) {
        return decode(query, cursor, in -> new UserPosition(readInstant(in), readText(in), readInstant(in),
                new UserId(readUuid(in))));
    }

    /** The cursor after the event {@code id} in the list {@code query} describes. */
    static String audit(String query, UUID id) {
        return encode(query, out -> writeUuid(out, id));
    }

    /** The event id a cursor of {@code query} holds; empty when it is malformed, tampered or another query's. */
    static Optional<UUID> audit(String query, String cursor) {
        return decode(query, cursor, Cursors::readUuid);
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static String encode(String query, Writer payload) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            payload.write(out);
            out.flush();
            byte[] body = bytes.toByteArray();
            byte[] all = Arrays.copyOf(body, body.length + FINGERPRINT);
            System.arraycopy(fingerprint(query, body), 0, all, body.length, FINGERPRINT);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> Optional<T> decode(String query, String cursor, Reader<T> payload) {
        if (cursor == null || cursor.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        byte[] all;
        try {
            all = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (all.length <= FINGERPRINT + 1 || all[0] != VERSION) {
            return Optional.empty();
        }
        byte[] body = Arrays.copyOf(all, all.length - FINGERPRINT);
        byte[] seal = Arrays.copyOfRange(all, body.length, all.length);
        if (!MessageDigest.isEqual(seal, Arrays.copyOf(fingerprint(query, body), FINGERPRINT))) {
            return Optional.empty();
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(body, 1, body.length - 1));
            T value = payload.read(in);
            return in.available() == 0 ? Optional.of(value) : Optional.empty();
        } catch (IOException | RuntimeException malformed) {
            return Optional.empty();
        }
    }

    private static byte[] fingerprint(String query, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(query.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            return digest.digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeBoolean(instant != null);
        if (instant != null) {
            out.writeLong(instant.getEpochSecond());
            out.writeInt(instant.getNano());
        }
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        out.writeBoolean(text != null);
        if (text != null) {
            out.writeUTF(text);
        }
    }

    private static String readText(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void writeUuid(DataOutputStream out, UUID id) throws IOException {
        out.writeLong(id.getMostSignificantBits());
        out.writeLong(id.getLeastSignificantBits());
    }

    private static UUID readUuid(DataInputStream in) throws IOException {
        return new UUID(in.readLong(), in.readLong());
    }
}

package dev.tollgate.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.UserId;
import dev.tollgate.port.spi.admin.UserPosition;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorsTest {

    private static final UserPosition POSITION = new UserPosition(Instant.parse("2026-01-05T09:00:00.123456Z"), null,
            null, new UserId(UUID.fromString("0190c0de-0000-7000-8000-000000000001")));

    @Test
    void aUserCursor_decodesToItsPosition_forItsOwnQuery() {
        String cursor = Cursors.user("q1", POSITION);

        assertThat(Cursors.user("q1", cursor)).contains(POSITION);
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void positionsWithEveryKey_andNone_roundTrip() {
        UserPosition named = new UserPosition(null, "zoë", null, POSITION.id());
        UserPosition neverLoggedIn = new UserPosition(null, null, null, POSITION.id());

        assertThat(Cursors.user("q", Cursors.user("q", named))).contains(named);
        assertThat(Cursors.user("q", Cursors.user("q", neverLoggedIn))).contains(neverLoggedIn);
    }

    @Test
    void anotherQuerysCursor_isRefused() {
        assertThat(Cursors.user("q2", Cursors.user("q1", POSITION))).isEmpty();
        assertThat(Cursors.audit("q2", Cursors.audit("q1", POSITION.id().value()))).isEmpty();
    }

    @Test
    void everyChangedByte_isRefused() {
        byte[] bytes = Base64.getUrlDecoder().decode(Cursors.user("q", POSITION));
        for (int i = 0; i < bytes.length; i++) {
            byte[] tampered = bytes.clone();
            tampered[i] ^= 0x01;
            String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
            assertThat(Cursors.user("q", cursor)).as("byte %d changed", i).isEmpty();
        }
    }

    @Test
    void garbage_isRefused() {
        assertThat(Cursors.user("q", "")).isEmpty();
        assertThat(Cursors.user("q", "not base64!")).isEmpty();
        assertThat(Cursors.user("q", "AQ")).isEmpty();
        assertThat(Cursors.user("q", "A".repeat(5000))).isEmpty();
        assertThat(Cursors.audit("q", Cursors.user("q", POSITION))).as("a user cursor is no audit cursor").isEmpty();
    }
}

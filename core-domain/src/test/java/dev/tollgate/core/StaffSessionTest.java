package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.ORIGIN;
import static dev.tollgate.port.settings.StaffSettings.SUPPORT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.session.SessionTokens;
import dev.tollgate.port.settings.SessionSettings;
import dev.tollgate.port.spi.session.SessionRecord;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A staff member's sessions: the shorter lifetimes, the staff idle timeout, and an end that refreshing keeps. */
class StaffSessionTest {

    private final CoreFixture fixture = new CoreFixture();
    private final StaffFixture staff = new StaffFixture(fixture);

    private SessionRecord stored(UserRef user) {
        return fixture.sessionStore.listLive(user, fixture.clock.instant()).get(0);
    }

    @Test
    void aStaffLogin_livesEightHoursAndEndsAfterThirtyMinutesUnused_aUsersLogin_asTheUserSettingsSay() {
        UserRef member = staff.member("sam", SUPPORT);
        UserRef user = staff.user(TenantId.DEFAULT, "ulla");
        Instant now = fixture.clock.instant();

        SessionTokens staffTokens = fixture.loggedIn("sam");
        SessionTokens userTokens = fixture.loggedIn("ulla");

        assertThat(staffTokens.accessExpiresAt()).isEqualTo(now.plus(Duration.ofHours(8)));
        assertThat(staffTokens.refreshExpiresAt()).isEqualTo(now.plus(Duration.ofHours(8)));
        assertThat(stored(member).idleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(userTokens.accessExpiresAt()).isEqualTo(now.plus(SessionSettings.DEFAULTS.accessLifetime()));
        assertThat(userTokens.refreshExpiresAt()).isEqualTo(now.plus(SessionSettings.DEFAULTS.refreshLifetime()));
        assertThat(stored(user).idleTimeout()).isNull();
    }

    @Test
    void aStaffSession_unusedForItsIdleTimeout_ends_whileAUsersSessionDoesNot() {
        staff.member("sam", SUPPORT);
        staff.user(TenantId.DEFAULT, "ulla");
        SessionTokens staffTokens = fixture.loggedIn("sam");
        SessionTokens userTokens = fixture.loggedIn("ulla");

        fixture.clock.advance(Duration.ofMinutes(20));
        assertThat(fixture.core.sessions().authenticate(TenantId.DEFAULT, staffTokens.accessToken()).isDone()).isTrue();
        fixture.clock.advance(Duration.ofMinutes(20));
        assertThat(fixture.core.sessions().authenticate(TenantId.DEFAULT, staffTokens.accessToken()).isDone()).isTrue();
        fixture.clock.advance(Duration.ofMinutes(30));

        assertThat(fixture.core.sessions().authenticate(TenantId.DEFAULT, staffTokens.accessToken()).problem())
                .isInstanceOf(Problem.InvalidToken.class);
        assertThat(fixture.core.sessions().authenticate(TenantId.DEFAULT, userTokens.accessToken()).isDone()).isTrue();
    }

    @Test
    void theShorterIdleTimeout_ofUserAndStaffSettings_applies() {
        CoreFixture strict = new CoreFixture(s -> s.withSessions(s.sessions().withIdleTimeout(Duration.ofMinutes(10))));
        new StaffFixture(strict).member("sam", SUPPORT);
        SessionTokens tokens = strict.loggedIn("sam");
        UserRef member = tokens.user().ref();

        assertThat(strict.sessionStore.listLive(member, strict.clock.instant()).get(0).idleTimeout())
                .isEqualTo(Duration.ofMinutes(10));
        strict.clock.advance(Duration.ofMinutes(10));
        assertThat(strict.core.sessions().authenticate(TenantId.DEFAULT, tokens.accessToken()).problem())
                .isInstanceOf(Problem.InvalidToken.class);
    }

    @Test
    void refreshingAStaffSession_keepsItsEnd_soItStopsEightHoursAfterLogin() {
        staff.member("sam", SUPPORT);
        Instant login = fixture.clock.instant();
        SessionTokens tokens = fixture.loggedIn("sam");
        Instant end = login.plus(Duration.ofHours(8));

        while (fixture.clock.instant().plus(Duration.ofMinutes(25)).isBefore(end)) {
            fixture.clock.advance(Duration.ofMinutes(25));
            tokens = fixture.core.sessions().refresh(TenantId.DEFAULT, tokens.refreshToken(), ORIGIN).orElseThrow();
            assertThat(tokens.refreshExpiresAt()).isEqualTo(end);
            assertThat(tokens.accessExpiresAt()).isEqualTo(end);
            assertThat(fixture.core.sessions().authenticate(TenantId.DEFAULT, tokens.accessToken()).isDone()).isTrue();
        }
        fixture.clock.set(end);

        assertThat(fixture.core.sessions().refresh(TenantId.DEFAULT, tokens.refreshToken(), ORIGIN).problem())
                .isInstanceOf(Problem.InvalidToken.class);
        assertThat(fixture.core.sessions().authenticate(TenantId.DEFAULT, tokens.accessToken()).problem())
                .isInstanceOf(Problem.InvalidToken.class);
    }

    @Test
    void refreshingAUsersSession_stillExtendsIt() {
        staff.user(TenantId.DEFAULT, "ulla");
        SessionTokens tokens = fixture.loggedIn("ulla");
        fixture.clock.advance(Duration.ofDays(1));

        SessionTokens refreshed = fixture.core.sessions().refresh(TenantId.DEFAULT, tokens.refreshToken(), ORIGIN)
                .orElseThrow();

        assertThat(refreshed.refreshExpiresAt()).isEqualTo(fixture.clock.instant()
                .plus(SessionSettings.DEFAULTS.refreshLifetime()));
    }
}

package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.AuditType;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.SessionId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.session.Principal;
import dev.tollgate.port.api.session.SessionTokens;
import dev.tollgate.port.api.session.SessionView;
import dev.tollgate.port.spi.session.SessionRecord;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionTest {

    private final CoreFixture fixture = new CoreFixture();

    @Test
    void tokens_are256RandomBits_andTheStoreKeepsOnlyDigests() {
        fixture.register("alice");
        SessionTokens tokens = fixture.loggedIn("alice");

        assertThat(tokens.accessToken()).matches("[A-Za-z0-9_-]{43}");
        assertThat(tokens.refreshToken()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(tokens.accessToken());
        SessionRecord stored = fixture.sessionStore.listLive(tokens.user().ref(), fixture.clock.instant()).get(0);
        assertThat(List.of(stored.accessDigest(), stored.refreshDigest()))
                .doesNotContain(tokens.accessToken(), tokens.refreshToken())
                .allSatisfy(digest -> assertThat(digest).matches("[0-9a-f]{64}"));
        assertThat(tokens.toString()).doesNotContain(tokens.accessToken(), tokens.refreshToken());
    }

    @Test
    void accessToken_authenticatesForTwentyFourHours() {
        UserRef user = fixture.register("bob").user().ref();
        SessionTokens tokens = fixture.loggedIn("bob");

        assertThat(authenticate(tokens).orElseThrow())
                .isEqualTo(new Principal(user, tokens.sessionId(), false));
        fixture.clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(authenticate(tokens).isDone()).isTrue();
        fixture.clock.advance(Duration.ofSeconds(1));
        assertThat(authenticate(tokens).problem()).isInstanceOf(Problem.InvalidToken.class);
    }

    @Test
    void refresh_rotatesBothTokens_andWorksUntilThirtyDays() {
        fixture.register("carol");
        SessionTokens first = fixture.loggedIn("carol");
        fixture.clock.advance(Duration.ofDays(29));

        SessionTokens second = refresh(first).orElseThrow();

        assertThat(second.sessionId()).isEqualTo(first.sessionId());
        assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(second.accessExpiresAt()).isEqualTo(fixture.clock.instant().plus(Duration.ofHours(24)));
        assertThat(second.refreshExpiresAt()).isEqualTo(fixture.clock.instant().plus(Duration.ofDays(30)));
        assertThat(authenticate(first).problem()).isInstanceOf(Problem.InvalidToken.class);
        assertThat(authenticate(second).isDone()).isTrue();

        fixture.clock.advance(Duration.ofDays(30));
        assertThat(refresh(second).problem()).isInstanceOf(Problem.InvalidToken.class);
    }

    @Test
    void tokensPresentedToAnotherTenant_areInvalid_andNeitherTouchNorRotateTheSession() {
        fixture.register("una");
        SessionTokens tokens = fixture.loggedIn("una");
        TenantId other = TenantId.of("other-tenant");
        SessionRecord before = fixture.sessionStore.listLive(tokens.user().ref(), fixture.clock.instant()).get(0);
        fixture.clock.advance(Duration.ofHours(1));

        assertThat(fixture.core.sessions().authenticate(other, tokens.accessToken()).problem())
                .isInstanceOf(Problem.InvalidToken.class);
        assertThat(fixture.core.sessions().refresh(other, tokens.refreshToken(), ORIGIN).problem())
                .isInstanceOf(Problem.InvalidToken.class);

        assertThat(fixture.sessionStore.listLive(tokens.user().ref(), fixture.clock.instant())).containsExactly(before);
        assertThat(refresh(tokens).isDone()).as("the refresh token still works in its tenant").isTrue();
    }

    @Test
    void reusingARotatedRefreshToken_revokesTheWholeSession() {
        UserRef user = fixture.register("dave").user().ref();
        SessionTokens stolen = fixture.loggedIn("dave");
        SessionTokens rotated = refresh(stolen).orElseThrow();

        Outcome<SessionTokens> replay = refresh(stolen);

        assertThat(replay.problem()).isInstanceOf(Problem.RefreshTokenReused.class);
        assertThat(authenticate(rotated).problem()).isInstanceOf(Problem.InvalidToken.class);
        assertThat(refresh(rotated).problem()).isInstanceOf(Problem.InvalidToken.class);
        assertThat(fixture.audit(user)).extracting(e -> e.type()).contains(AuditType.REFRESH_TOKEN_REUSED);
    }

    @Test
    void idleTimeout_endsASessionNotUsedForThatLong() {
        CoreFixture idle = new CoreFixture(s -> s.withSessions(s.sessions().withIdleTimeout(Duration.ofMinutes(30))));
        idle.register("erin");
        SessionTokens tokens = idle.loggedIn("erin");

        idle.clock.advance(Duration.ofMinutes(20));
        assertThat(idle.core.sessions().authenticate(TenantId.DEFAULT, tokens.accessToken()).isDone()).isTrue();
        idle.clock.advance(Duration.ofMinutes(20));
        assertThat(idle.core.sessions().authenticate(TenantId.DEFAULT, tokens.accessToken()).isDone()).isTrue();
        idle.clock.advance(Duration.ofMinutes(30));

        assertThat(idle.core.sessions().authenticate(TenantId.DEFAULT, tokens.accessToken()).problem())
                .isInstanceOf(Problem.InvalidToken.class);
        assertThat(idle.core.sessions().refresh(TenantId.DEFAULT, tokens.refreshToken(), ORIGIN).problem())
                .isInstanceOf(Problem.InvalidToken.class);
    }

    @Test
    void aShortIdleTimeout_neverEndsASessionInUse() {
        CoreFixture idle = new CoreFixture(s -> s.withSessions(s.sessions().withIdleTimeout(Duration.ofSeconds(30))));
        idle.register("erik");
        SessionTokens tokens = idle.loggedIn("erik");

        for (int i = 0; i < 10; i++) {
            idle.clock.advance(Duration.ofSeconds(20));
            assertThat(idle.core.sessions().authenticate(TenantId.DEFAULT, tokens.accessToken()).isDone()).as("request %d", i).isTrue();
        }
        idle.clock.advance(Duration.ofSeconds(31));
        assertThat(idle.core.sessions().authenticate(TenantId.DEFAULT, tokens.accessToken()).problem())
                .isInstanceOf(Problem.InvalidToken.class);
    }

    @Test
    void withoutIdleTimeout_anUnusedSessionLivesToItsExpiry() {
        fixture.register("frank");
        SessionTokens tokens = fixture.loggedIn("frank");
        fixture.clock.advance(Duration.ofHours(23));

        assertThat(authenticate(tokens).isDone()).isTrue();
    }

    @Test
    void logout_endsOnlyThatSession_logoutEverywhere_endsAll() {
        UserRef user = fixture.register("grace").user().ref();
        SessionTokens one = fixture.loggedIn("grace");
        SessionTokens two = fixture.loggedIn("grace");
        SessionTokens three = fixture.loggedIn("grace");

        fixture.core.sessions().logout(authenticate(one).orElseThrow(), ORIGIN);
        assertThat(authenticate(one).problem()).isInstanceOf(Problem.InvalidToken.class);
        assertThat(refresh(one).problem()).isInstanceOf(Problem.InvalidToken.class);
        assertThat(authenticate(two).isDone()).isTrue();

        assertThat(fixture.core.sessions().logoutEverywhere(user, ORIGIN)).isEqualTo(2);
        assertThat(authenticate(two).problem()).isInstanceOf(Problem.InvalidToken.class);
        assertThat(authenticate(three).problem()).isInstanceOf(Problem.InvalidToken.class);
    }

    @Test
    void list_showsLiveSessionsNewestFirst_withOrigin() {
        UserRef user = fixture.register("heidi").user().ref();
        SessionTokens older = fixture.loggedIn("heidi");
        fixture.clock.advance(Duration.ofMinutes(1));
        SessionTokens newer = fixture.core.sessions()
                .login(dev.tollgate.port.api.session.Login.of(user.tenant(), "heidi", CoreFixture.PASSWORD)
                        .withContext(RequestContext.of("198.51.100.9", "curl/8")))
                .orElseThrow();
        SessionTokens ended = fixture.loggedIn("heidi");
        fixture.core.sessions().logout(authenticate(ended).orElseThrow(), ORIGIN);

        List<SessionView> sessions = fixture.core.sessions().list(user);

        assertThat(sessions).extracting(SessionView::id).containsExactly(newer.sessionId(), older.sessionId());
        assertThat(sessions.get(0).ip()).isEqualTo("198.51.100.9");
        assertThat(sessions.get(0).userAgent()).isEqualTo("curl/8");
        assertThat(sessions.get(1).createdAt()).isEqualTo(sessions.get(1).lastUsedAt());
    }

    @Test
    void revoke_endsOneOfTheUsersOwnSessions_butNotSomeoneElses() {
        UserRef heidi = fixture.register("ivan").user().ref();
        UserRef other = fixture.register("judy").user().ref();
        SessionTokens ivans = fixture.loggedIn("ivan");

        assertThat(fixture.core.sessions().revoke(other, ivans.sessionId(), ORIGIN).problem())
                .isInstanceOf(Problem.SessionNotFound.class);
        assertThat(authenticate(ivans).isDone()).isTrue();

        assertThat(fixture.core.sessions().revoke(heidi, ivans.sessionId(), ORIGIN).orElseThrow().id())
                .isEqualTo(ivans.sessionId());
        assertThat(authenticate(ivans).problem()).isInstanceOf(Problem.InvalidToken.class);
        assertThat(fixture.core.sessions().revoke(heidi, ivans.sessionId(), ORIGIN).problem())
                .isInstanceOf(Problem.SessionNotFound.class);
        assertThat(fixture.core.sessions().revoke(heidi, new SessionId(UUID.randomUUID()), ORIGIN).problem())
                .isInstanceOf(Problem.SessionNotFound.class);
    }

    @Test
    void sessionsOfSuspendedOrDeactivatedUsers_stopWorking() {
        UserRef user = fixture.register("karl").user().ref();
        SessionTokens tokens = fixture.loggedIn("karl");

        fixture.core.accounts().deactivate(user, null, ORIGIN).orElseThrow();

        assertThat(authenticate(tokens).problem()).isInstanceOf(Problem.InvalidToken.class);
        assertThat(refresh(tokens).problem()).isInstanceOf(Problem.InvalidToken.class);
    }

    @Test
    void garbageTokens_areInvalid_withoutTouchingTheStore() {
        assertThat(fixture.core.sessions().authenticate(TenantId.DEFAULT, null).problem()).isInstanceOf(Problem.InvalidToken.class);
        assertThat(fixture.core.sessions().authenticate(TenantId.DEFAULT, "").problem()).isInstanceOf(Problem.InvalidToken.class);
        assertThat(fixture.core.sessions().authenticate(TenantId.DEFAULT, "x".repeat(10_000)).problem())
                .isInstanceOf(Problem.InvalidToken.class);
        assertThat(fixture.core.sessions().refresh(TenantId.DEFAULT, "not-a-token", ORIGIN).problem())
                .isInstanceOf(Problem.InvalidToken.class);
    }

    @Test
    void authenticate_recordsUse_atMostOncePerMinute() {
        UserRef user = fixture.register("leo").user().ref();
        SessionTokens tokens = fixture.loggedIn("leo");
        var loginTime = fixture.clock.instant();

        fixture.clock.advance(Duration.ofSeconds(30));
        authenticate(tokens);
        assertThat(fixture.core.sessions().list(user).get(0).lastUsedAt()).isEqualTo(loginTime);
        fixture.clock.advance(Duration.ofSeconds(30));
        authenticate(tokens);
        assertThat(fixture.core.sessions().list(user).get(0).lastUsedAt()).isEqualTo(fixture.clock.instant());
    }

    private Outcome<Principal> authenticate(SessionTokens tokens) {
        return fixture.core.sessions().authenticate(TenantId.DEFAULT, tokens.accessToken());
    }

    private Outcome<SessionTokens> refresh(SessionTokens tokens) {
        return fixture.core.sessions().refresh(TenantId.DEFAULT, tokens.refreshToken(), ORIGIN);
    }
}

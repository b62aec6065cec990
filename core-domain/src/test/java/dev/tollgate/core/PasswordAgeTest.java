package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.ORIGIN;
import static dev.tollgate.core.CoreFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.account.UserView;
import dev.tollgate.port.api.mfa.TotpEnrolment;
import dev.tollgate.port.api.password.PasswordChange;
import dev.tollgate.port.api.session.ExpiredPasswordChange;
import dev.tollgate.port.api.session.MfaLogin;
import dev.tollgate.port.api.session.SessionTokens;
import dev.tollgate.port.settings.PasswordAgeSettings;
import dev.tollgate.tck.support.ReferenceTotp;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PasswordAgeTest {

    private static final String[] PASSWORDS = {PASSWORD, "second-Kite-81-lantern", "third-Moss-52-harbour",
            "fourth-Reef-37-compass", "fifth-Dune-64-meadow"};

    private static CoreFixture with(int history, Duration maxAge) {
        return new CoreFixture(settings -> settings.withSecurity(settings.security()
                .withPasswords(new PasswordAgeSettings(history, maxAge))));
    }

    private static Outcome<UserView> change(CoreFixture fixture, UserRef user, String from, String to) {
        return fixture.core.passwords().change(new PasswordChange(user, null, from, to, ORIGIN));
    }

    @Test
    void aHistoryOfThree_refusesTheCurrentAndTheTwoBefore_butTakesTheFourthBack() {
        CoreFixture fixture = with(3, null);
        UserRef user = fixture.register("alice").user().ref();
        for (int i = 1; i <= 3; i++) {
            change(fixture, user, PASSWORDS[i - 1], PASSWORDS[i]).orElseThrow();
        }
        // now: 3 is current, 2 and 1 are remembered (N = 3), 0 is the fourth back (N + 1)

        assertThat(change(fixture, user, PASSWORDS[3], PASSWORDS[3]).problem()).isInstanceOf(Problem.PasswordReused.class);
        assertThat(change(fixture, user, PASSWORDS[3], PASSWORDS[2]).problem()).isInstanceOf(Problem.PasswordReused.class);
        assertThat(change(fixture, user, PASSWORDS[3], PASSWORDS[1]).problem())
                .as("the N-th password back").isInstanceOf(Problem.PasswordReused.class);
        assertThat(change(fixture, user, PASSWORDS[3], PASSWORDS[0]).isDone()).as("the (N+1)-th").isTrue();
    }

    @Test
    void thePasswordOfTheRegistration_isRememberedToo() {
        CoreFixture fixture = with(2, null);
        UserRef user = fixture.register("abe").user().ref();
        change(fixture, user, PASSWORD, PASSWORDS[1]).orElseThrow();

        assertThat(change(fixture, user, PASSWORDS[1], PASSWORD).problem()).isInstanceOf(Problem.PasswordReused.class);
    }

    @Test
    void withoutAHistory_theSamePasswordMayBeSetAgain() {
        CoreFixture fixture = with(0, null);
        UserRef user = fixture.register("bob").user().ref();

        assertThat(change(fixture, user, PASSWORD, PASSWORD).isDone()).isTrue();
        assertThat(fixture.stores().passwordHistory().recent(user, 10)).as("nothing is remembered").isEmpty();
    }

    @Test
    void theHistory_keepsOnlyWhatItNeeds() {
        CoreFixture fixture = with(2, null);
        UserRef user = fixture.register("carol").user().ref();
        for (int i = 1; i < PASSWORDS.length; i++) {
            change(fixture, user, PASSWORDS[i - 1], PASSWORDS[i]).orElseThrow();
        }

        assertThat(fixture.stores().passwordHistory().recent(user, 10)).hasSize(2);
    }

    @Test
    void aReset_isJudgedByTheHistoryToo() {
        CoreFixture fixture = with(2, null);
        UserRef user = fixture.registerVerified("dave");
        fixture.core.passwords().requestReset(TenantId.DEFAULT, "dave@example.com", ORIGIN).orElseThrow();
        String code = fixture.lastCode("dave@example.com");

        assertThat(fixture.core.passwords().confirmReset(TenantId.DEFAULT, "dave@example.com", code, PASSWORD, ORIGIN)
                .problem()).isInstanceOf(Problem.PasswordReused.class);
        assertThat(fixture.login("dave", PASSWORD).isDone()).as("the refused reset changed nothing").isTrue();
    }

    @Test
    void afterTheMaximumAge_loginAnswersPasswordExpired_withATokenThatOnlySetsANewPassword() {
        CoreFixture fixture = with(0, Duration.ofDays(90));
        UserRef user = fixture.register("erin").user().ref();
        fixture.clock.advance(Duration.ofDays(90).minusSeconds(1));
        assertThat(fixture.login("erin", PASSWORD).isDone()).isTrue();
        fixture.clock.advance(Duration.ofSeconds(1));

        Problem problem = fixture.login("erin", PASSWORD).problem();

        assertThat(problem).isInstanceOf(Problem.PasswordExpired.class);
        Problem.PasswordExpired expired = (Problem.PasswordExpired) problem;
        assertThat(expired.toString()).doesNotContain(expired.changeToken());
        assertThat(fixture.core.sessions().authenticate(TenantId.DEFAULT, expired.changeToken()).problem())
                .as("the token opens no session").isInstanceOf(Problem.InvalidToken.class);
        SessionTokens tokens = fixture.core.sessions().changeExpiredPassword(ExpiredPasswordChange
                .of(TenantId.DEFAULT, expired.changeToken(), PASSWORDS[1])).orElseThrow();

        assertThat(tokens.user().id()).isEqualTo(user.id());
        assertThat(fixture.login("erin", PASSWORDS[1]).isDone()).as("a fresh password").isTrue();
        assertThat(fixture.login("erin", PASSWORD).problem()).isInstanceOf(Problem.InvalidCredentials.class);
        assertThat(fixture.core.sessions().changeExpiredPassword(ExpiredPasswordChange
                .of(TenantId.DEFAULT, expired.changeToken(), PASSWORDS[2])).problem())
                .as("the token is spent").isInstanceOf(Problem.InvalidToken.class);
    }

    @Test
    void theChangeToken_expires_andTheNewPasswordMeetsThePolicyAndTheHistory() {
        CoreFixture fixture = with(1, Duration.ofDays(30));
        fixture.register("frank");
        fixture.clock.advance(Duration.ofDays(31));
        Problem.PasswordExpired expired = (Problem.PasswordExpired) fixture.login("frank", PASSWORD).problem();

        assertThat(fixture.core.sessions().changeExpiredPassword(ExpiredPasswordChange
                .of(TenantId.DEFAULT, expired.changeToken(), PASSWORD)).problem()).isInstanceOf(Problem.PasswordReused.class);
        assertThat(fixture.core.sessions().changeExpiredPassword(ExpiredPasswordChange
                .of(TenantId.DEFAULT, expired.changeToken(), "short")).problem())
                .isInstanceOf(Problem.PasswordRejected.class);
        fixture.clock.advance(Duration.ofMinutes(5));
        assertThat(fixture.core.sessions().changeExpiredPassword(ExpiredPasswordChange
                .of(TenantId.DEFAULT, expired.changeToken(), PASSWORDS[1])).problem())
                .isInstanceOf(Problem.InvalidToken.class);
        assertThat(fixture.core.sessions().changeExpiredPassword(ExpiredPasswordChange
                .of(TenantId.of("other"), expired.changeToken(), PASSWORDS[1])).problem())
                .isInstanceOf(Problem.InvalidToken.class);
    }

    @Test
    void aChangeToken_diesWithThePasswordItWasIssuedFor() {
        CoreFixture fixture = with(0, Duration.ofDays(30));
        fixture.registerVerified("frida");
        fixture.clock.advance(Duration.ofDays(31));
        Problem.PasswordExpired expired = (Problem.PasswordExpired) fixture.login("frida", PASSWORD).problem();
        // the owner resets the password by mail meanwhile
        fixture.core.passwords().requestReset(TenantId.DEFAULT, "frida@example.com", ORIGIN).orElseThrow();
        fixture.core.passwords().confirmReset(TenantId.DEFAULT, "frida@example.com",
                fixture.lastCode("frida@example.com"), PASSWORDS[1], ORIGIN).orElseThrow();

        assertThat(fixture.core.sessions().changeExpiredPassword(ExpiredPasswordChange
                .of(TenantId.DEFAULT, expired.changeToken(), PASSWORDS[2])).problem())
                .isInstanceOf(Problem.InvalidToken.class);
        assertThat(fixture.login("frida", PASSWORDS[1]).isDone()).as("the owner's password stands").isTrue();
    }

    @Test
    void aSuspendedAccount_cannotReplaceItsExpiredPassword() {
        CoreFixture fixture = with(0, Duration.ofDays(30));
        UserRef user = fixture.register("gus").user().ref();
        fixture.clock.advance(Duration.ofDays(31));
        Problem.PasswordExpired expired = (Problem.PasswordExpired) fixture.login("gus", PASSWORD).problem();
        fixture.core.accounts().suspend(user, "fraud", ORIGIN).orElseThrow();
        String before = fixture.users.findById(user).orElseThrow().passwordHash();

        assertThat(fixture.core.sessions().changeExpiredPassword(ExpiredPasswordChange
                .of(TenantId.DEFAULT, expired.changeToken(), PASSWORDS[1])).problem())
                .isInstanceOf(Problem.AccountInactive.class);
        assertThat(fixture.users.findById(user).orElseThrow().passwordHash()).as("unchanged").isEqualTo(before);
        fixture.core.accounts().reactivate(user, "cleared", ORIGIN).orElseThrow();
        assertThat(fixture.login("gus", PASSWORD).problem()).isInstanceOf(Problem.PasswordExpired.class);
    }

    @Test
    void aChangedPassword_startsItsAgeAgain() {
        CoreFixture fixture = with(0, Duration.ofDays(30));
        UserRef user = fixture.register("gina").user().ref();
        fixture.clock.advance(Duration.ofDays(20));
        change(fixture, user, PASSWORD, PASSWORDS[1]).orElseThrow();
        fixture.clock.advance(Duration.ofDays(20));

        assertThat(fixture.login("gina", PASSWORDS[1]).isDone()).isTrue();
        fixture.clock.advance(Duration.ofDays(10));
        assertThat(fixture.login("gina", PASSWORDS[1]).problem()).isInstanceOf(Problem.PasswordExpired.class);
    }

    @Test
    void withASecondFactor_theExpiryComesAfterIt() {
        CoreFixture fixture = with(0, Duration.ofDays(30));
        UserRef user = fixture.register("hank").user().ref();
        TotpEnrolment enrolment = fixture.core.secondFactors().enrol(user, PASSWORD, ORIGIN).orElseThrow();
        fixture.core.secondFactors().confirm(user, ReferenceTotp.code(enrolment.secret(), fixture.clock.instant()), ORIGIN)
                .orElseThrow();
        fixture.clock.advance(Duration.ofDays(31));

        Problem first = fixture.login("hank", PASSWORD).problem();
        assertThat(first).isInstanceOf(Problem.MfaRequired.class);
        Problem second = fixture.core.sessions().completeMfa(MfaLogin.withCode(TenantId.DEFAULT,
                ((Problem.MfaRequired) first).challenge(), ReferenceTotp.code(enrolment.secret(), fixture.clock.instant())))
                .problem();

        assertThat(second).isInstanceOf(Problem.PasswordExpired.class);
    }

    @Test
    void expiryIsOffByDefault() {
        CoreFixture fixture = new CoreFixture();
        fixture.register("ivy");
        fixture.clock.advance(Duration.ofDays(3650));

        assertThat(fixture.login("ivy", PASSWORD).isDone()).isTrue();
    }
}

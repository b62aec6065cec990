package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.ORIGIN;
import static dev.tollgate.core.CoreFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.AuditType;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.mfa.MfaStatus;
import dev.tollgate.port.api.mfa.RecoveryCodes;
import dev.tollgate.port.api.mfa.TotpEnrolment;
import dev.tollgate.port.api.password.PasswordChange;
import dev.tollgate.port.api.session.MfaLogin;
import dev.tollgate.port.api.session.SessionTokens;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.settings.StaffSettings;
import dev.tollgate.port.spi.audit.AuditEvent;
import dev.tollgate.port.spi.mfa.TotpFactor;
import dev.tollgate.tck.support.ReferenceTotp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SecondFactorTest {

    private final CoreFixture fixture = new CoreFixture();

    private UserRef user(String name) {
        return fixture.register(name).user().ref();
    }

    private TotpEnrolment enrol(UserRef user) {
        return fixture.core.secondFactors().enrol(user, PASSWORD, ORIGIN).orElseThrow();
    }

    private String codeNow(String secret) {
        return ReferenceTotp.code(secret, fixture.clock.instant());
    }

    private long stepNow() {
        return Math.floorDiv(fixture.clock.instant().getEpochSecond(), 30);
    }

    /** Enrols and confirms; the clock then moves past the step the confirmation used. */
    private Enabled enabled(String name) {
        UserRef user = user(name);
        TotpEnrolment enrolment = enrol(user);
        RecoveryCodes codes = fixture.core.secondFactors().confirm(user, codeNow(enrolment.secret()), ORIGIN)
                .orElseThrow();
        fixture.clock.advance(Duration.ofSeconds(30));
        return new Enabled(user, name, enrolment.secret(), codes.codes());
    }

    private record Enabled(UserRef user, String name, String secret, List<String> recoveryCodes) {
    }

    private String challenge(String name) {
        Problem problem = fixture.login(name, PASSWORD).problem();
        assertThat(problem).isInstanceOf(Problem.MfaRequired.class);
        return ((Problem.MfaRequired) problem).challenge();
    }

    private Outcome<SessionTokens> secondStep(String challenge, String code) {
        return fixture.core.sessions().completeMfa(MfaLogin.withCode(TenantId.DEFAULT, challenge, code).withContext(ORIGIN));
    }

    private Outcome<SessionTokens> withRecoveryCode(String challenge, String code) {
        return fixture.core.sessions().completeMfa(MfaLogin.withRecoveryCode(TenantId.DEFAULT, challenge, code)
                .withContext(ORIGIN));
    }

    private List<AuditType> auditTypes(UserRef user) {
        return fixture.audit(user).stream().map(AuditEvent::type).toList();
    }

    @Test
    void enrolment_showsTheSecret_itsUriAndQrCode_andGuardsNothingUntilConfirmed() {
        UserRef user = user("alice");

        TotpEnrolment enrolment = enrol(user);

        assertThat(enrolment.secret()).matches("[A-Z2-7]{32}");
        assertThat(enrolment.otpauthUri()).isEqualTo("otpauth://totp/Tollgate:alice?secret=" + enrolment.secret()
                + "&issuer=Tollgate&algorithm=SHA1&digits=6&period=30");
        assertThat(enrolment.qrSvg()).startsWith("<").contains("<svg");
        assertThat(enrolment.toString()).doesNotContain(enrolment.secret());
        TotpFactor stored = fixture.stores().secondFactors().find(user).orElseThrow();
        assertThat(stored.sealedSecret()).as("sealed, never plain").doesNotContain(enrolment.secret());
        assertThat(stored.confirmed()).isFalse();
        assertThat(fixture.login("alice", PASSWORD).isDone()).as("a pending factor guards nothing").isTrue();
        assertThat(fixture.core.secondFactors().status(user).orElseThrow())
                .isEqualTo(new MfaStatus(false, true, null, 0, false));
    }

    @Test
    void confirmingWithACurrentCode_enablesIt_andAnswersTenDistinctRecoveryCodes() {
        UserRef user = user("bob");
        TotpEnrolment enrolment = enrol(user);

        RecoveryCodes codes = fixture.core.secondFactors().confirm(user, codeNow(enrolment.secret()), ORIGIN)
                .orElseThrow();

        assertThat(codes.codes()).hasSize(10).allMatch(code -> code.matches("[a-z2-9]{5}-[a-z2-9]{5}"));
        assertThat(new HashSet<>(codes.codes())).hasSize(10);
        assertThat(codes.toString()).doesNotContain(codes.codes().get(0));
        MfaStatus status = fixture.core.secondFactors().status(user).orElseThrow();
        assertThat(status.enabled()).isTrue();
        assertThat(status.enabledAt()).isEqualTo(fixture.clock.instant());
        assertThat(status.recoveryCodesLeft()).isEqualTo(10);
        assertThat(auditTypes(user)).contains(AuditType.MFA_ENROLLED);
        assertThat(fixture.core.secondFactors().enrol(user, PASSWORD, ORIGIN).problem())
                .isInstanceOf(Problem.MfaAlreadyEnabled.class);
    }

    @Test
    void confirmingWithAWrongCode_isOtpInvalid_withTheAttemptsLeft() {
        UserRef user = user("carol");
        TotpEnrolment enrolment = enrol(user);
        String wrong = ReferenceTotp.codeOfStep(enrolment.secret(), stepNow() + 5);

        assertThat(fixture.core.secondFactors().confirm(user, wrong, ORIGIN).problem())
                .isEqualTo(new Problem.CodeInvalid(java.util.OptionalInt.of(4)));
        assertThat(fixture.core.secondFactors().confirm(user, "12ab56", ORIGIN).problem())
                .isInstanceOf(Problem.CodeInvalid.class);
        assertThat(fixture.core.secondFactors().status(user).orElseThrow().enabled()).isFalse();
    }

    @Test
    void withoutAMasterKey_enrolmentIsUnavailable() {
        UserRef user = user("dave");

        assertThat(fixture.withoutSealingKey().secondFactors().enrol(user, PASSWORD, ORIGIN).problem())
                .isInstanceOf(Problem.MfaUnavailable.class);
    }

    @Test
    void enrolment_needsThePassword() {
        UserRef user = user("erin");

        assertThat(fixture.core.secondFactors().enrol(user, "wrong-password-1", ORIGIN).problem())
                .isInstanceOf(Problem.InvalidCredentials.class);
        assertThat(fixture.stores().secondFactors().find(user)).isEmpty();
    }

    @Test
    void aLoginWithAFactor_answersMfaRequired_withAChallenge_andOpensNoSession() {
        Enabled frank = enabled("frank");

        Problem problem = fixture.login("frank", PASSWORD).problem();

        assertThat(problem).isInstanceOf(Problem.MfaRequired.class);
        Problem.MfaRequired required = (Problem.MfaRequired) problem;
        assertThat(required.expiresAt()).isEqualTo(fixture.clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(required.toString()).doesNotContain(required.challenge());
        assertThat(fixture.sessionStore.listLive(frank.user(), fixture.clock.instant())).isEmpty();
        assertThat(fixture.users.findById(frank.user()).orElseThrow().lastLoginAt())
                .as("the login is recorded only once complete").isNull();

        SessionTokens tokens = secondStep(required.challenge(), codeNow(frank.secret())).orElseThrow();

        assertThat(tokens.user().id()).isEqualTo(frank.user().id());
        assertThat(fixture.sessionStore.listLive(frank.user(), fixture.clock.instant())).hasSize(1);
        assertThat(fixture.users.findById(frank.user()).orElseThrow().lastLoginAt()).isEqualTo(fixture.clock.instant());
    }

    @Test
    void aWrongPassword_isRefusedAsEver_beforeAnyChallenge() {
        enabled("gina");

        assertThat(fixture.login("gina", "not-the-password-9").problem()).isInstanceOf(Problem.InvalidCredentials.class);
    }

    @Test
    void theCodesOfTheStepBeforeAndAfterAreTaken_notTwoStepsAway() {
        Enabled hank = enabled("hank");
        fixture.clock.advance(Duration.ofMinutes(10));
        long now = stepNow();
        assertThat(fixture.clock.instant().getEpochSecond() % 30).as("the clock sits on a step's first second").isZero();

        assertThat(secondStep(challenge("hank"), ReferenceTotp.codeOfStep(hank.secret(), now - 2)).problem())
                .isInstanceOf(Problem.MfaCodeInvalid.class);
        assertThat(secondStep(challenge("hank"), ReferenceTotp.codeOfStep(hank.secret(), now + 2)).problem())
                .isInstanceOf(Problem.MfaCodeInvalid.class);
        assertThat(secondStep(challenge("hank"), ReferenceTotp.codeOfStep(hank.secret(), now - 1)).isDone()).isTrue();
        assertThat(secondStep(challenge("hank"), ReferenceTotp.codeOfStep(hank.secret(), now)).isDone()).isTrue();
        assertThat(secondStep(challenge("hank"), ReferenceTotp.codeOfStep(hank.secret(), now + 1)).isDone()).isTrue();

        // at a step's last second the next step is still only one away
        fixture.clock.advance(Duration.ofSeconds(30 * 5 + 29));
        assertThat(secondStep(challenge("hank"), ReferenceTotp.codeOfStep(hank.secret(), stepNow() + 1)).isDone()).isTrue();
        assertThat(secondStep(challenge("hank"), ReferenceTotp.codeOfStep(hank.secret(), stepNow() + 2)).problem())
                .isInstanceOf(Problem.MfaCodeInvalid.class);
    }

    @Test
    void aCodeIsTakenOnce_evenWithAFreshChallenge_andAnOlderStepAfterANewerOneNeither() {
        Enabled ivy = enabled("ivy");
        String code = codeNow(ivy.secret());

        assertThat(secondStep(challenge("ivy"), code).isDone()).isTrue();
        Problem replayed = secondStep(challenge("ivy"), code).problem();

        assertThat(replayed).isInstanceOf(Problem.MfaCodeInvalid.class);
        assertThat(secondStep(challenge("ivy"), ReferenceTotp.codeOfStep(ivy.secret(), stepNow() - 1)).problem())
                .as("the step before the one taken").isInstanceOf(Problem.MfaCodeInvalid.class);
    }

    @Test
    void theConfirmingCode_cannotLogInAgain() {
        UserRef user = user("jack");
        TotpEnrolment enrolment = enrol(user);
        String code = codeNow(enrolment.secret());
        fixture.core.secondFactors().confirm(user, code, ORIGIN).orElseThrow();

        assertThat(secondStep(challenge("jack"), code).problem()).isInstanceOf(Problem.MfaCodeInvalid.class);
    }

    @Test
    void twoSecondStepsRacingWithOneChallengeAndCode_openOneSession() throws Exception {
        Enabled kim = enabled("kim");
        String challenge = challenge("kim");
        String code = codeNow(kim.secret());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Outcome<SessionTokens>>> racing = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                racing.add(pool.submit(() -> {
                    start.await();
                    return secondStep(challenge, code);
                }));
            }
            start.countDown();
            int sessions = 0;
            for (Future<Outcome<SessionTokens>> outcome : racing) {
                sessions += outcome.get(60, TimeUnit.SECONDS).isDone() ? 1 : 0;
            }
            assertThat(sessions).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(fixture.sessionStore.listLive(kim.user(), fixture.clock.instant())).hasSize(1);
    }

    @Test
    void fiveWrongCodes_lockTheSecondStep_untilTheLockEnds() {
        Enabled lee = enabled("lee");
        String challenge = challenge("lee");
        String wrong = ReferenceTotp.codeOfStep(lee.secret(), stepNow() + 7);

        for (int left = 4; left >= 1; left--) {
            assertThat(secondStep(challenge, wrong).problem())
                    .isEqualTo(new Problem.MfaCodeInvalid(java.util.OptionalInt.of(left)));
        }
        Problem locked = secondStep(challenge, wrong).problem();

        assertThat(locked).isEqualTo(new Problem.MfaLocked(fixture.clock.instant().plus(Duration.ofMinutes(15))));
        assertThat(secondStep(challenge, codeNow(lee.secret())).problem()).as("even the right code")
                .isInstanceOf(Problem.MfaLocked.class);
        assertThat(auditTypes(lee.user())).contains(AuditType.MFA_LOCKED);
        assertThat(fixture.login("lee", PASSWORD).problem()).as("the password's own lock is apart")
                .isInstanceOf(Problem.MfaRequired.class);

        fixture.clock.advance(Duration.ofMinutes(15));
        assertThat(secondStep(challenge("lee"), codeNow(lee.secret())).isDone()).isTrue();
    }

    @Test
    void theChallenge_lastsFiveMinutes_andIsSpentByTheLoginItCompletes() {
        Enabled mia = enabled("mia");
        String challenge = challenge("mia");
        fixture.clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(secondStep(challenge, codeNow(mia.secret())).isDone()).isTrue();
        fixture.clock.advance(Duration.ofSeconds(30));

        assertThat(secondStep(challenge, codeNow(mia.secret())).problem()).as("spent")
                .isInstanceOf(Problem.InvalidToken.class);

        String late = challenge("mia");
        fixture.clock.advance(Duration.ofMinutes(5));
        assertThat(secondStep(late, codeNow(mia.secret())).problem()).as("expired")
                .isInstanceOf(Problem.InvalidToken.class);
    }

    @Test
    void aChallenge_worksOnlyInItsTenant_andGarbageIsAnInvalidToken() {
        Enabled nick = enabled("nick");
        String challenge = challenge("nick");

        assertThat(fixture.core.sessions().completeMfa(MfaLogin.withCode(TenantId.of("other"), challenge,
                codeNow(nick.secret()))).problem()).isInstanceOf(Problem.InvalidToken.class);
        assertThat(secondStep("not-a-challenge", codeNow(nick.secret())).problem()).isInstanceOf(Problem.InvalidToken.class);
        assertThat(secondStep(nick.user().id() + ".forged", codeNow(nick.secret())).problem())
                .isInstanceOf(Problem.InvalidToken.class);
        assertThat(secondStep(null, codeNow(nick.secret())).problem()).isInstanceOf(Problem.InvalidToken.class);
        assertThat(secondStep(challenge, codeNow(nick.secret())).isDone()).as("the real one still works").isTrue();
    }

    @Test
    void aChallenge_diesWhenThePasswordChanges() {
        Enabled pia = enabled("pia");
        String challenge = challenge("pia");
        fixture.core.passwords().change(new PasswordChange(pia.user(), null, PASSWORD, "another-Lamp-42-river",
                ORIGIN)).orElseThrow();

        assertThat(secondStep(challenge, codeNow(pia.secret())).problem()).isInstanceOf(Problem.InvalidToken.class);
    }

    @Test
    void aRecoveryCode_logsInOnce_inAnyCase_withOrWithoutItsDash() {
        Enabled olga = enabled("olga");
        String code = olga.recoveryCodes().get(3);

        assertThat(withRecoveryCode(challenge("olga"), code.toUpperCase().replace("-", "")).isDone()).isTrue();
        assertThat(withRecoveryCode(challenge("olga"), code).problem()).isInstanceOf(Problem.MfaCodeInvalid.class);
        assertThat(withRecoveryCode(challenge("olga"), olga.recoveryCodes().get(4)).isDone()).isTrue();
        assertThat(fixture.core.secondFactors().status(olga.user()).orElseThrow().recoveryCodesLeft()).isEqualTo(8);
        assertThat(auditTypes(olga.user())).contains(AuditType.MFA_RECOVERY_CODE_USED);
    }

    @Test
    void theSecondStep_takesACodeOrARecoveryCode_notBoth() {
        Enabled pat = enabled("pat");

        Outcome<SessionTokens> both = fixture.core.sessions().completeMfa(new MfaLogin(TenantId.DEFAULT,
                challenge("pat"), codeNow(pat.secret()), pat.recoveryCodes().get(0), ORIGIN, null));

        assertThat(both.problem()).isInstanceOf(Problem.InvalidInput.class);
        assertThat(secondStep(challenge("pat"), null).problem()).isInstanceOf(Problem.InvalidInput.class);
    }

    @Test
    void regenerating_needsACodeOfTheApp_andRetiresTheOldRecoveryCodes() {
        Enabled quinn = enabled("quinn");

        assertThat(fixture.core.secondFactors().regenerateRecoveryCodes(quinn.user(), "000000", ORIGIN).problem())
                .isInstanceOf(Problem.CodeInvalid.class);
        RecoveryCodes fresh = fixture.core.secondFactors()
                .regenerateRecoveryCodes(quinn.user(), codeNow(quinn.secret()), ORIGIN).orElseThrow();

        assertThat(fresh.codes()).hasSize(10).doesNotContainAnyElementsOf(quinn.recoveryCodes());
        assertThat(withRecoveryCode(challenge("quinn"), quinn.recoveryCodes().get(0)).problem())
                .isInstanceOf(Problem.MfaCodeInvalid.class);
        assertThat(withRecoveryCode(challenge("quinn"), fresh.codes().get(0)).isDone()).isTrue();
        assertThat(auditTypes(quinn.user())).contains(AuditType.MFA_RECOVERY_CODES_REGENERATED);
    }

    @Test
    void disabling_needsThePasswordAndACode_thenLoginsNeedNoSecondStep() {
        Enabled rosa = enabled("rosa");

        assertThat(fixture.core.secondFactors().disable(rosa.user(), "wrong-password-1", codeNow(rosa.secret()), ORIGIN)
                .problem()).isInstanceOf(Problem.InvalidCredentials.class);
        assertThat(fixture.core.secondFactors().disable(rosa.user(), PASSWORD, "000000", ORIGIN).problem())
                .isInstanceOf(Problem.CodeInvalid.class);
        MfaStatus off = fixture.core.secondFactors().disable(rosa.user(), PASSWORD, codeNow(rosa.secret()), ORIGIN)
                .orElseThrow();

        assertThat(off.enabled()).isFalse();
        assertThat(fixture.login("rosa", PASSWORD).isDone()).isTrue();
        assertThat(auditTypes(rosa.user())).contains(AuditType.MFA_DISABLED);
        assertThat(fixture.core.secondFactors().disable(rosa.user(), PASSWORD, "123456", ORIGIN).problem())
                .isInstanceOf(Problem.MfaNotEnabled.class);
    }

    @Test
    void aRecoveryCode_alsoDisables() {
        Enabled sam = enabled("sam");

        assertThat(fixture.core.secondFactors().disable(sam.user(), PASSWORD, sam.recoveryCodes().get(9), ORIGIN)
                .orElseThrow().enabled()).isFalse();
    }

    @Test
    void aTenantThatRequiresIt_makesALoginEnrolFirst_andTheFirstCodeConfirmsAndOpensTheSession() {
        CoreFixture strict = new CoreFixture(settings -> settings.withSecurity(settings.security()
                .withMfa(settings.security().mfa().withRequiredTenants(Set.of(TenantId.DEFAULT)))));
        UserRef user = strict.register("tara").user().ref();

        Problem problem = strict.login("tara", PASSWORD).problem();

        assertThat(problem).isInstanceOf(Problem.MfaEnrolmentRequired.class);
        String challenge = ((Problem.MfaEnrolmentRequired) problem).challenge();
        TotpEnrolment enrolment = strict.core.sessions().enrolAtLogin(TenantId.DEFAULT, challenge, ORIGIN)
                .orElseThrow();
        assertThat(strict.core.sessions().completeMfa(MfaLogin.withCode(TenantId.DEFAULT, challenge, "000000"))
                .problem()).isInstanceOf(Problem.MfaCodeInvalid.class);
        SessionTokens tokens = strict.core.sessions().completeMfa(MfaLogin.withCode(TenantId.DEFAULT, challenge,
                ReferenceTotp.code(enrolment.secret(), strict.clock.instant()))).orElseThrow();

        assertThat(tokens.recoveryCodes()).hasSize(10);
        assertThat(strict.core.secondFactors().status(user).orElseThrow())
                .extracting(MfaStatus::enabled, MfaStatus::required).containsExactly(true, true);
        assertThat(strict.login("tara", PASSWORD).problem()).isInstanceOf(Problem.MfaRequired.class);
    }

    @Test
    void enrollingAtLogin_isOnlyForLoginsThatMust() {
        Enabled uma = enabled("uma");
        String challenge = challenge("uma");

        assertThat(fixture.core.sessions().enrolAtLogin(TenantId.DEFAULT, challenge, ORIGIN).problem())
                .isInstanceOf(Problem.InvalidToken.class);
        assertThat(fixture.core.sessions().enrolAtLogin(TenantId.DEFAULT, "garbage", ORIGIN).problem())
                .isInstanceOf(Problem.InvalidToken.class);
    }

    @Test
    void aStaffRoleThatRequiresIt_makesItsHoldersEnrol_butNotOtherUsers() {
        CoreFixture strict = new CoreFixture(settings -> settings.withSecurity(settings.security()
                .withMfa(settings.security().mfa().withRequiredRoles(Set.of(StaffSettings.ADMIN)))));
        AdminActors staff = new AdminActors(strict);
        UserRef admin = strict.registerVerified("vera");
        staff.staff(StaffSettings.ADMIN, admin);
        strict.register("walt");

        assertThat(strict.login("vera", PASSWORD).problem()).isInstanceOf(Problem.MfaEnrolmentRequired.class);
        assertThat(strict.login("walt", PASSWORD).isDone()).isTrue();
    }

    @Test
    void staffReset_needsUsersResetMfa_endsTheSessions_andIsAudited() {
        Enabled xena = enabled("xena");
        secondStep(challenge("xena"), codeNow(xena.secret())).orElseThrow();
        AdminActors staff = new AdminActors(fixture);
        Actor support = staff.actor(StaffSettings.SUPPORT);
        Actor advanced = staff.actor(StaffSettings.SUPPORT_ADVANCED);

        assertThat(fixture.core.administration().resetMfa(support, xena.user(), "lost phone", ORIGIN).problem())
                .isInstanceOf(Problem.PermissionDenied.class);
        MfaStatus reset = fixture.core.administration().resetMfa(advanced, xena.user(), "lost phone, ticket 42", ORIGIN)
                .orElseThrow();

        assertThat(reset.enabled()).isFalse();
        assertThat(fixture.sessionStore.listLive(xena.user(), fixture.clock.instant())).isEmpty();
        assertThat(fixture.login("xena", PASSWORD).isDone()).isTrue();
        AuditEvent event = fixture.audit(xena.user()).stream().filter(e -> e.type() == AuditType.MFA_RESET)
                .filter(e -> e.outcome() == dev.tollgate.port.AuditOutcome.SUCCESS).findFirst().orElseThrow();
        assertThat(event.actor()).isEqualTo(advanced.staff().id());
        assertThat(event.details()).containsEntry("reason", "lost phone, ticket 42");
        assertThat(fixture.core.administration().resetMfa(advanced, xena.user(), "again", ORIGIN).problem())
                .isInstanceOf(Problem.MfaNotEnabled.class);
    }

    @Test
    void aDeletedAccount_leavesNoFactorBehind() {
        Enabled yves = enabled("yves");

        fixture.core.accounts().delete(yves.user(), PASSWORD, "bye", ORIGIN).orElseThrow();

        assertThat(fixture.stores().secondFactors().find(yves.user())).isEmpty();
        assertThat(fixture.stores().secondFactors().remainingRecoveryCodes(yves.user())).isZero();
    }

    @Test
    void noSecret_reachesTheAuditLog() {
        Enabled zoe = enabled("zoe");
        secondStep(challenge("zoe"), codeNow(zoe.secret())).orElseThrow();
        withRecoveryCode(challenge("zoe"), zoe.recoveryCodes().get(0)).orElseThrow();

        String audit = fixture.auditEvents.toString();
        assertThat(audit).doesNotContain(zoe.secret());
        zoe.recoveryCodes().forEach(code -> assertThat(audit).doesNotContain(code).doesNotContain(code.replace("-", "")));
    }

}

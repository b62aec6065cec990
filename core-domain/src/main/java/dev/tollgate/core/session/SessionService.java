package dev.tollgate.core.session;

import dev.tollgate.core.audit.Auditor;
import dev.tollgate.core.limit.Throttles;
import dev.tollgate.core.mfa.SecondFactorService;
import dev.tollgate.core.password.Credentials;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.secret.TimeOrderedIds;
import dev.tollgate.core.user.TenantGate;
import dev.tollgate.core.user.User;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.SessionId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.mfa.RecoveryCodes;
import dev.tollgate.port.api.mfa.TotpEnrolment;
import dev.tollgate.port.api.session.DeviceView;
import dev.tollgate.port.api.session.ExpiredPasswordChange;
import dev.tollgate.port.api.session.Login;
import dev.tollgate.port.api.session.MfaLogin;
import dev.tollgate.port.api.session.Principal;
import dev.tollgate.port.api.session.SessionTokens;
import dev.tollgate.port.api.session.SessionView;
import dev.tollgate.port.api.session.Sessions;
import dev.tollgate.port.settings.SessionSettings;
import dev.tollgate.port.settings.ThrottleSettings.Action;
import dev.tollgate.port.spi.code.CodePurpose;
import dev.tollgate.port.spi.mail.MailMessage;
import dev.tollgate.port.spi.session.KnownDevice;
import dev.tollgate.port.spi.session.KnownDevices;
import dev.tollgate.port.spi.session.Rotation;
import dev.tollgate.port.spi.session.RotationResult;
import dev.tollgate.port.spi.session.SessionRecord;
import dev.tollgate.port.spi.session.SessionStore;
import dev.tollgate.port.spi.staff.StaffStore;
import dev.tollgate.port.spi.user.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

/**
 * Sessions with opaque tokens of 256 random bits, kept only as digests. Refresh rotates both
 * tokens; a refresh token presented after its rotation ends the whole session, since either
 * the user or a thief holds a copy. Sessions of users who may no longer log in stop working.
 */
public final class SessionService implements Sessions {

    /**
     * Last-used times are written at most this often per session, not on every request; with a
     * short idle timeout, at most every half of it, so a session in use never looks idle.
     */
    private static final Duration TOUCH_GRANULARITY = Duration.ofMinutes(1);
    private static final int MAX_LOGIN_LENGTH = 254;

    private final UserStore users;
    private final SessionStore sessions;
    private final Credentials credentials;
    private final Secrets secrets;
    private final TimeOrderedIds ids;
    private final SessionSettings settings;
    private final boolean allowUnverifiedLogin;
    private final Clock clock;
    private final Auditor auditor;
    private final Throttles throttles;
    private final StaffStore staff;
    private final SessionSettings staffSettings;
    private final TenantGate tenants;
    private final SignInSteps steps;

    /**
     * @param staff         who holds a staff role: their sessions take the shorter of the user and
     *                      staff lifetimes, the staff idle timeout, and keep their end when refreshed
     * @param staffSettings the staff session lifetimes
     * @param tenants       a disabled tenant's users get no session, and theirs stop working
     * @param steps         the second factor, the password's age and the device a login checks
     */
    public SessionService(UserStore users, SessionStore sessions, Credentials credentials, Secrets secrets,
            TimeOrderedIds ids, SessionSettings settings, boolean allowUnverifiedLogin, Clock clock, Auditor auditor,
            Throttles throttles, StaffStore staff, SessionSettings staffSettings, TenantGate tenants,
            SignInSteps steps) {
        this.steps = Objects.requireNonNull(steps, "steps");
        this.users = Objects.requireNonNull(users, "users");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.allowUnverifiedLogin = allowUnverifiedLogin;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.throttles = Objects.requireNonNull(throttles, "throttles");
        this.staff = Objects.requireNonNull(staff, "staff");
        this.staffSettings = Objects.requireNonNull(staffSettings, "staffSettings");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
    }

    @Override
    public Outcome<SessionTokens> login(Login login) {
        RequestContext context = login.context();
        if (login.login() == null || login.login().isBlank() || login.login().length() > MAX_LOGIN_LENGTH) {
            return Outcome.refused(Problem.InvalidInput.of("login", "a username or email address is required"));
        }
        Optional<Problem> disabled = tenants.refusalToUse(login.tenant());
        if (disabled.isPresent()) {
            auditor.event(AuditType.LOGIN, login.tenant(), null, context).failed(disabled.get().code());
            return Outcome.refused(disabled.get());
        }
        Optional<Problem> throttled = throttles.admit(Action.LOGIN, login.tenant(), context, login.login());
        if (throttled.isPresent()) {
            auditor.event(AuditType.LOGIN, login.tenant(), null, context).failed(throttled.get().code());
            return Outcome.refused(throttled.get());
        }
        Optional<User> found = User.findByLogin(users, login.tenant(), login.login());
        if (found.isEmpty()) {
            Problem problem = credentials.checkUnknown(login.tenant(), login.login(), login.password());
            auditor.event(AuditType.LOGIN, login.tenant(), null, context).failed(problem.code());
            return Outcome.refused(problem);
        }
        User user = found.get();
        Outcome<User> checked = credentials.checkForLogin(user, login.password(), context)
                .flatMap(matched -> matched.loginRefusal(allowUnverifiedLogin)
                        .<Outcome<User>>map(Outcome::refused)
                        .orElseGet(() -> Outcome.done(matched)));
        if (checked.isDone()) {
            // the password is right; a second factor, enrolled or required, comes before any session
            Optional<Problem> secondStep = secondStep(checked.orElseThrow());
            if (secondStep.isPresent()) {
                checked = Outcome.refused(secondStep.get());
            }
        }
        if (!checked.isDone()) {
            auditor.event(AuditType.LOGIN, login.tenant(), user.ref().id(), context).failed(checked.problem().code());
            return Outcome.refused(checked.problem());
        }
        return finish(checked.orElseThrow(), context, login.device(), List.of());
    }

    @Override
    public Outcome<SessionTokens> completeMfa(MfaLogin login) {
        Objects.requireNonNull(login, "login");
        RequestContext context = login.context();
        Optional<Problem> disabled = tenants.refusalToUse(login.tenant());
        if (disabled.isPresent()) {
            return Outcome.refused(disabled.get());
        }
        Optional<User> holder = steps.tokens().holder(login.tenant(), login.challenge(), CodePurpose.MFA_CHALLENGE);
        if (holder.isEmpty()) {
            return Outcome.refused(new Problem.InvalidToken());
        }
        User user = holder.get();
        Optional<Problem> refusal = user.loginRefusal(allowUnverifiedLogin);
        if (refusal.isPresent()) {
            auditor.event(AuditType.LOGIN, login.tenant(), user.ref().id(), context).failed(refusal.get().code());
            return Outcome.refused(refusal.get());
        }
        SecondFactorService factors = steps.secondFactors();
        List<String> recoveryCodes = List.of();
        Outcome<?> passed;
        if (factors.enabled(user.ref())) {
            passed = factors.checkLogin(user.ref(), login.code(), login.recoveryCode(), context);
        } else if (factors.required(user.ref()) && login.code() != null && login.recoveryCode() == null) {
            // enrolled during this login (enrolAtLogin): the first code confirms the factor
            Outcome<RecoveryCodes> confirmed = factors.confirmPending(user, login.code(), context,
                    SecondFactorService.CodeInvalid.LOGIN);
            recoveryCodes = confirmed.isDone() ? confirmed.orElseThrow().codes() : List.of();
            passed = confirmed;
        } else {
            // the factor was removed since the first step, or no code was given for an enrolment
            passed = login.code() == null && login.recoveryCode() == null
                    ? Outcome.refused(Problem.InvalidInput.of("code", "a code of the authenticator app is required"))
                    : Outcome.refused(new Problem.InvalidToken());
        }
        if (passed.isDone() && !steps.tokens().spend(user, login.challenge(), CodePurpose.MFA_CHALLENGE)) {
            passed = Outcome.refused(new Problem.InvalidToken()); // a concurrent second step spent it first
        }
        if (!passed.isDone()) {
            auditor.event(AuditType.LOGIN, login.tenant(), user.ref().id(), context).failed(passed.problem().code());
            return Outcome.refused(passed.problem());
        }
        return finish(user, context, login.device(), recoveryCodes);
    }

    @Override
    public Outcome<TotpEnrolment> enrolAtLogin(TenantId tenant, String challenge, RequestContext context) {
        Objects.requireNonNull(tenant, "tenant");
        Optional<Problem> disabled = tenants.refusalToUse(tenant);
        if (disabled.isPresent()) {
            return Outcome.refused(disabled.get());
        }
        Optional<User> holder = steps.tokens().holder(tenant, challenge, CodePurpose.MFA_CHALLENGE);
        if (holder.isEmpty()) {
            return Outcome.refused(new Problem.InvalidToken());
        }
        SecondFactorService factors = steps.secondFactors();
        UserRef user = holder.get().ref();
        if (factors.enabled(user) || !factors.required(user)) {
            // only a login that had to enrol may enrol here; everyone else enrols signed in, with the password
            return Outcome.refused(new Problem.InvalidToken());
        }
        Optional<Problem> refusal = holder.get().loginRefusal(allowUnverifiedLogin);
        return refusal.isPresent() ? Outcome.refused(refusal.get()) : factors.enrolPending(holder.get());
    }

    @Override
    public Outcome<SessionTokens> changeExpiredPassword(ExpiredPasswordChange change) {
        Objects.requireNonNull(change, "change");
        Optional<Problem> disabled = tenants.refusalToUse(change.tenant());
        if (disabled.isPresent()) {
            return Outcome.refused(disabled.get());
        }
        Optional<User> holder = steps.tokens().holder(change.tenant(), change.changeToken(),
                CodePurpose.PASSWORD_CHANGE);
        if (holder.isEmpty()) {
            return Outcome.refused(new Problem.InvalidToken());
        }
        User before = holder.get();
        Optional<Problem> refusal = before.loginRefusal(allowUnverifiedLogin);
        if (refusal.isPresent()) {
            // suspended since the login: the password stays as it is
            return Outcome.refused(refusal.get());
        }
        // the password is replaced only if it is still the one the token was bound to (compare-and-set)
        Outcome<User> changed = steps.passwords().replaceExpired(before, change.newPassword(), change.context())
                .flatMap(after -> steps.tokens().spend(before, change.changeToken(), CodePurpose.PASSWORD_CHANGE)
                        ? Outcome.done(after) : Outcome.refused(new Problem.InvalidToken()));
        if (!changed.isDone()) {
            return Outcome.refused(changed.problem());
        }
        return finish(changed.orElseThrow(), change.context(), change.device(), List.of());
    }

    @Override
    public List<DeviceView> devices(UserRef user) {
        return steps.devices().list(user).stream()
                .map(device -> new DeviceView(label(device.deviceDigest()), device.firstSeenAt(), device.lastSeenAt(),
                        device.ip(), device.userAgent()))
                .toList();
    }

    /**
     * What a right password still needs before a session: the second step when the user has a
     * factor ({@code MFA_REQUIRED}), enrolment when the settings require one and there is none
     * ({@code MFA_ENROLMENT_REQUIRED}); each with a challenge for the next call.
     */
    private Optional<Problem> secondStep(User user) {
        SecondFactorService factors = steps.secondFactors();
        if (factors.enabled(user.ref())) {
            LoginTokens.Issued challenge = steps.tokens().issue(user.ref(), CodePurpose.MFA_CHALLENGE);
            return Optional.of(new Problem.MfaRequired(challenge.token(), challenge.expiresAt()));
        }
        if (factors.required(user.ref())) {
            LoginTokens.Issued challenge = steps.tokens().issue(user.ref(), CodePurpose.MFA_CHALLENGE);
            return Optional.of(new Problem.MfaEnrolmentRequired(challenge.token(), challenge.expiresAt()));
        }
        return Optional.empty();
    }

    /**
     * The end of every login that proved everything it had to: an expired password answers its
     * change token; otherwise the login is recorded, the device is seen and the session opens.
     */
    private Outcome<SessionTokens> finish(User user, RequestContext context, String presentedDevice,
            List<String> recoveryCodes) {
        if (steps.age().expired(user)) {
            LoginTokens.Issued token = steps.tokens().issue(user.ref(), CodePurpose.PASSWORD_CHANGE);
            auditor.event(AuditType.LOGIN, user.ref().tenant(), user.ref().id(), context)
                    .failed(ErrorCode.PASSWORD_EXPIRED);
            return Outcome.refused(new Problem.PasswordExpired(token.token(), token.expiresAt()));
        }
        Instant now = clock.instant();
        // recording the login answers the user as stored after it, or the lock that refused it; that fresh
        // record is judged again, so a suspension committed while the password was hashed refuses
        Outcome<User> loggedIn = credentials.recordLogin(user, now)
                .flatMap(stored -> stored.loginRefusal(allowUnverifiedLogin)
                        .<Outcome<User>>map(Outcome::refused)
                        .orElseGet(() -> Outcome.done(stored)));
        if (!loggedIn.isDone()) {
            auditor.event(AuditType.LOGIN, user.ref().tenant(), user.ref().id(), context)
                    .failed(loggedIn.problem().code());
            return Outcome.refused(loggedIn.problem());
        }
        String device = plausibleDevice(presentedDevice) ? presentedDevice : secrets.newToken();
        String deviceDigest = secrets.digest("device:" + user.ref().tenant().value() + ":" + user.ref().id(), device);
        seen(loggedIn.orElseThrow(), deviceDigest, now, context);
        return Outcome.done(open(loggedIn.orElseThrow(), now, context, device, label(deviceDigest), recoveryCodes));
    }

    /** Records the device; one not seen before for the user is audited and, by the settings, mailed about. */
    private void seen(User user, String deviceDigest, Instant now, RequestContext context) {
        KnownDevices.Sighting sighting = steps.devices().sighted(new KnownDevice(user.ref(), deviceDigest, now, now,
                context.ip(), context.userAgent()));
        if (sighting != KnownDevices.Sighting.NEW) {
            return;
        }
        auditor.event(AuditType.NEW_DEVICE_SIGN_IN, user.ref().tenant(), user.ref().id(), context)
                .with(Map.of("device", label(deviceDigest))).succeeded();
        if (steps.newDeviceMail()) {
            MailMessage notice = new MailMessage.NewSignIn(user.ref().tenant(), user.record().email(),
                    user.record().username(), now, context.ip(), context.userAgent());
            try {
                steps.background().execute(() -> steps.mail().deliver(notice, user.ref(), context));
            } catch (RejectedExecutionException full) {
                // the notice is a courtesy: a full queue must not refuse the login
                auditor.event(AuditType.MAIL_FAILED, user.ref().tenant(), user.ref().id(), context)
                        .with(Map.of("mail", "new_sign_in")).failed(ErrorCode.SERVICE_BUSY);
            }
        }
    }

    /** A device identifier the client may present: what a login answers, or anything like it. */
    private static boolean plausibleDevice(String device) {
        if (device == null || device.length() < 16 || device.length() > 128) {
            return false;
        }
        return device.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    /** The short label of a device that sessions and device lists show: the start of its digest, no secret. */
    private static String label(String deviceDigest) {
        return deviceDigest.substring(0, Math.min(12, deviceDigest.length()));
    }

    private SessionTokens open(User user, Instant now, RequestContext context, String device, String deviceLabel,
            List<String> recoveryCodes) {
        String accessToken = secrets.newToken();
        String refreshToken = secrets.newToken();
        Lifetimes lifetimes = lifetimesOf(user.ref());
        SessionRecord session = new SessionRecord(new SessionId(ids.next()), user.ref(), accessDigest(accessToken),
                refreshDigest(refreshToken), now, now, now.plus(lifetimes.access()), now.plus(lifetimes.refresh()),
                context.ip(), context.userAgent(), null, lifetimes.idleTimeout(), deviceLabel);
        sessions.create(session);
        auditor.event(AuditType.LOGIN, user.ref().tenant(), user.ref().id(), context)
                .with(Map.of("session", session.id().toString(), "device", deviceLabel)).succeeded();
        return new SessionTokens(session.id(), accessToken, session.accessExpiresAt(), refreshToken,
                session.refreshExpiresAt(), user.view(), device, recoveryCodes);
    }

    @Override
    public Outcome<SessionTokens> refresh(TenantId tenant, String refreshToken, RequestContext context) {
        Objects.requireNonNull(tenant, "tenant");
        if (!plausibleToken(refreshToken)) {
            return Outcome.refused(new Problem.InvalidToken());
        }
        Optional<Problem> disabled = tenants.refusalToUse(tenant);
        if (disabled.isPresent()) {
            return Outcome.refused(disabled.get());
        }
        Instant now = clock.instant();
        String accessToken = secrets.newToken();
        String nextRefreshToken = secrets.newToken();
        Rotation next = new Rotation(accessDigest(accessToken), refreshDigest(nextRefreshToken),
                now.plus(settings.accessLifetime()), now.plus(settings.refreshLifetime()));
        RotationResult rotation = sessions.rotate(tenant, refreshDigest(refreshToken), next, now);
        switch (rotation.kind()) {
            case ROTATED:
                break;
            case REUSED:
                SessionRecord stolen = rotation.session();
                sessions.revoke(stolen.user(), stolen.id(), now);
                auditor.event(AuditType.REFRESH_TOKEN_REUSED, stolen.user().tenant(), stolen.user().id(), context)
                        .with(Map.of("session", stolen.id().toString()))
                        .failed(ErrorCode.REFRESH_TOKEN_REUSED);
                return Outcome.refused(new Problem.RefreshTokenReused());
            default:
                return Outcome.refused(new Problem.InvalidToken());
        }
        SessionRecord session = rotation.session();
        Outcome<User> owner = User.load(users, session.user());
        if (idle(session, now) || !owner.isDone() || !owner.orElseThrow().mayUseSessions()) {
            sessions.revoke(session.user(), session.id(), now);
            return Outcome.refused(new Problem.InvalidToken());
        }
        Lifetimes lifetimes = lifetimesOf(session.user());
        if (lifetimes.staff()) {
            // a staff session keeps the end it had at login: refreshing cannot extend it
            Instant end = session.createdAt().plus(lifetimes.refresh());
            Instant accessEnd = min(now.plus(lifetimes.access()), end);
            if (!end.isAfter(now)) {
                sessions.revoke(session.user(), session.id(), now);
                return Outcome.refused(new Problem.InvalidToken());
            }
            if (!end.equals(next.refreshExpiresAt()) || !accessEnd.equals(next.accessExpiresAt())) {
                accessToken = secrets.newToken();
                String capped = secrets.newToken();
                Rotation bounded = new Rotation(accessDigest(accessToken), refreshDigest(capped), accessEnd, end);
                if (sessions.rotate(tenant, refreshDigest(nextRefreshToken), bounded, now).kind()
                        != RotationResult.Kind.ROTATED) {
                    return Outcome.refused(new Problem.InvalidToken());
                }
                nextRefreshToken = capped;
                next = bounded;
            }
        }
        sessions.touch(session.user(), session.id(), now);
        auditor.event(AuditType.SESSION_REFRESHED, session.user().tenant(), session.user().id(), context)
                .with(Map.of("session", session.id().toString())).succeeded();
        return Outcome.done(new SessionTokens(session.id(), accessToken, next.accessExpiresAt(), nextRefreshToken,
                next.refreshExpiresAt(), owner.orElseThrow().view()));
    }

    @Override
    public Outcome<Principal> authenticate(TenantId tenant, String accessToken) {
        Objects.requireNonNull(tenant, "tenant");
        if (!plausibleToken(accessToken)) {
            return Outcome.refused(new Problem.InvalidToken());
        }
        Optional<Problem> disabled = tenants.refusalToUse(tenant);
        if (disabled.isPresent()) {
            return Outcome.refused(disabled.get());
        }
        Instant now = clock.instant();
        Optional<SessionRecord> found = sessions.findByAccessDigest(tenant, accessDigest(accessToken));
        if (found.isEmpty() || found.get().revoked() || !found.get().accessExpiresAt().isAfter(now)) {
            return Outcome.refused(new Problem.InvalidToken());
        }
        SessionRecord session = found.get();
        if (idle(session, now)) {
            sessions.revoke(session.user(), session.id(), now);
            return Outcome.refused(new Problem.InvalidToken());
        }
        Outcome<User> owner = User.load(users, session.user());
        if (!owner.isDone() || !owner.orElseThrow().mayUseSessions()) {
            return Outcome.refused(new Problem.InvalidToken());
        }
        if (!session.lastUsedAt().plus(touchEvery(session)).isAfter(now)) {
            sessions.touch(session.user(), session.id(), now);
        }
        return Outcome.done(new Principal(session.user(), session.id(), owner.orElseThrow().record().emailVerified()));
    }

    @Override
    public void logout(Principal principal, RequestContext context) {
        Objects.requireNonNull(principal, "principal");
        if (sessions.revoke(principal.user(), principal.session(), clock.instant()).isApplied()) {
            auditor.event(AuditType.LOGOUT, principal.user().tenant(), principal.user().id(), context)
                    .with(Map.of("session", principal.session().toString())).succeeded();
        }
    }

    @Override
    public int logoutEverywhere(UserRef user, RequestContext context) {
        int ended = sessions.revokeAll(user, clock.instant());
        auditor.event(AuditType.LOGOUT_EVERYWHERE, user.tenant(), user.id(), context)
                .with(Map.of("sessions", Integer.toString(ended))).succeeded();
        return ended;
    }

    @Override
    public List<SessionView> list(UserRef user) {
        Instant now = clock.instant();
        return sessions.listLive(user, now).stream()
                .filter(session -> !idle(session, now))
                .map(SessionService::view)
                .toList();
    }

    @Override
    public Outcome<SessionView> revoke(UserRef user, SessionId session, RequestContext context) {
        Instant now = clock.instant();
        Optional<SessionRecord> live = sessions.listLive(user, now).stream()
                .filter(candidate -> candidate.id().equals(session)).findFirst();
        if (live.isEmpty() || !sessions.revoke(user, session, now).isApplied()) {
            return Outcome.refused(new Problem.SessionNotFound());
        }
        auditor.event(AuditType.SESSION_REVOKED, user.tenant(), user.id(), context)
                .with(Map.of("session", session.toString())).succeeded();
        return Outcome.done(view(live.get()));
    }

    private boolean idle(SessionRecord session, Instant now) {
        return idleTimeout(session).map(timeout -> !session.lastUsedAt().plus(timeout).isAfter(now)).orElse(false);
    }

    /** The session's own idle timeout (a staff session's), else the settings'. */
    private Optional<Duration> idleTimeout(SessionRecord session) {
        return session.idleTimeout() != null ? Optional.of(session.idleTimeout()) : settings.idle();
    }

    /**
     * How often use is written: every {@link #TOUCH_GRANULARITY}, or every half of a shorter
     * idle timeout, so a session in use never looks idle.
     */
    private Duration touchEvery(SessionRecord session) {
        return idleTimeout(session).map(idle -> idle.dividedBy(2))
                .filter(half -> half.compareTo(TOUCH_GRANULARITY) < 0)
                .orElse(TOUCH_GRANULARITY);
    }

    /** The lifetimes of the user's sessions: a staff member's are the shorter of the user and staff ones. */
    private Lifetimes lifetimesOf(UserRef user) {
        if (staff.find(user).isEmpty()) {
            return new Lifetimes(settings.accessLifetime(), settings.refreshLifetime(), null, false);
        }
        Duration idle = settings.idle().isEmpty() ? staffSettings.idleTimeout()
                : staffSettings.idle().map(staffIdle -> min(staffIdle, settings.idleTimeout()))
                        .orElse(settings.idleTimeout());
        return new Lifetimes(min(settings.accessLifetime(), staffSettings.accessLifetime()),
                min(settings.refreshLifetime(), staffSettings.refreshLifetime()), idle, true);
    }

    private static <T extends Comparable<? super T>> T min(T a, T b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** @param idleTimeout null for the settings' own */
    private record Lifetimes(Duration access, Duration refresh, Duration idleTimeout, boolean staff) {
    }

    private static boolean plausibleToken(String token) {
        return token != null && !token.isEmpty() && token.length() <= Secrets.MAX_TOKEN_LENGTH;
    }

    private String accessDigest(String token) {
        return secrets.digest("session-access", token);
    }

    private String refreshDigest(String token) {
        return secrets.digest("session-refresh", token);
    }

    private static SessionView view(SessionRecord session) {
        return new SessionView(session.id(), session.createdAt(), session.lastUsedAt(), session.accessExpiresAt(),
                session.refreshExpiresAt(), session.ip(), session.userAgent(), session.device());
    }
}

package dev.tollgate.adapter.http.internal;

import dev.tollgate.port.Email;
import dev.tollgate.port.SessionId;
import dev.tollgate.port.api.account.UserView;
import dev.tollgate.port.api.email.CodeSent;
import dev.tollgate.port.api.email.EmailStatus;
import dev.tollgate.port.api.key.ApiKeyView;
import dev.tollgate.port.api.metering.KeyVerification.Denied;
import dev.tollgate.port.api.metering.KeyVerification.Granted;
import dev.tollgate.port.api.metering.KeyVerification.KeyOwner;
import dev.tollgate.port.api.metering.KeyVerification.MeterState;
import dev.tollgate.port.api.metering.KeyVerification.PlanState;
import dev.tollgate.port.api.metering.KeyVerification.RateLimitState;
import dev.tollgate.port.api.metering.SubscriptionView;
import dev.tollgate.port.api.metering.UsageEventView;
import dev.tollgate.port.api.metering.UsageReport;
import dev.tollgate.port.api.mfa.MfaStatus;
import dev.tollgate.port.api.mfa.RecoveryCodes;
import dev.tollgate.port.api.mfa.TotpEnrolment;
import dev.tollgate.port.api.registration.Registered;
import dev.tollgate.port.api.session.DeviceView;
import dev.tollgate.port.api.session.SessionTokens;
import dev.tollgate.port.api.session.SessionView;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The JSON bodies the API answers, one record per shape, each built from a use case's result. */
public final class Responses {

    private Responses() {
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** A user as clients see it; {@code name}, {@code about_me} and {@code last_login_at} only when set. */
    public record User(
            String id,
            String username,
            String email,
            boolean emailVerified,
            String status,
            String accountType,
            String name,
            String aboutMe,
            List<String> hobbies,
            Instant createdAt,
            Instant lastLoginAt) {

        public static User of(UserView view) {
            return new User(view.id().toString(), view.username().value(), view.email().value(), view.emailVerified(),
                    lower(view.status()), lower(view.profile().accountType()), view.profile().name(),
                    view.profile().aboutMe(), view.profile().hobbies(), view.createdAt(), view.lastLoginAt());
        }
    }

    /** A new account, its primary API key with the secret, and whether its first verification code went out. */
    /** The enumeration-safe registration's answer: the same whether or not the address had an account. */
    public record RegistrationAccepted(String email, String status) {
        public static RegistrationAccepted of(dev.tollgate.port.api.registration.RegistrationAccepted accepted) {
            return new RegistrationAccepted(accepted.email().value(), "verification_pending");
        }
    }

    public record Registration(User user, IssuedApiKey apiKey, boolean verificationCodeSent) {
        public static Registration of(Registered registered) {
            return new Registration(User.of(registered.user()), IssuedApiKey.of(registered.apiKey()),
                    registered.verificationCodeSent());
        }
    }

    /**
     * An API key as its owner sees it, never the secret; {@code name}, {@code expires_at} and
     * {@code revoked_at} only when set; {@code allowed_ips} always (empty: anywhere).
     */
    public record ApiKey(
            String id,
            String displayPrefix,
            String name,
            boolean primary,
            boolean recoverable,
            Instant createdAt,
            Instant expiresAt,
            Instant revokedAt,
            List<String> allowedIps) {

        public static ApiKey of(ApiKeyView view) {
            return new ApiKey(view.id().toString(), view.displayPrefix(), view.name(), view.primary(),
                    view.recoverable(), view.createdAt(), view.expiresAt(), view.revokedAt(), view.allowedIps());
        }
    }

    /**
     * A live API key with its secret in {@code key}: just created, regenerated or revealed.
     * {@link #toString()} does not print the secret.
     */
    public record IssuedApiKey(
            String id,
            String key,
            String displayPrefix,
            String name,
            boolean primary,
            boolean recoverable,
            Instant createdAt,
            Instant expiresAt,
            List<String> allowedIps) {

        public static IssuedApiKey of(dev.tollgate.port.api.key.IssuedApiKey issued) {
            ApiKeyView view = issued.key();
            return new IssuedApiKey(view.id().toString(), issued.secret(), view.displayPrefix(), view.name(),
                    view.primary(), view.recoverable(), view.createdAt(), view.expiresAt(), view.allowedIps());
        }

        @Override
        public String toString() {
            return "IssuedApiKey[id=" + id + ", key=***, displayPrefix=" + displayPrefix + ", name=" + name
                    + ", primary=" + primary + ", recoverable=" + recoverable + ", createdAt=" + createdAt
                    + ", expiresAt=" + expiresAt + ", allowedIps=" + allowedIps + "]";
        }
    }

    /** The user's API keys, revoked ones included, newest first. */
    public record ApiKeys(List<ApiKey> apiKeys) {
        public static ApiKeys of(List<ApiKeyView> views) {
            return new ApiKeys(views.stream().map(ApiKey::of).toList());
        }
    }

    /**
     * The tokens of a new or refreshed session; {@code device_id} (the identifier to present at the
     * next login) when the login answered one, {@code recovery_codes} when a second factor was
     * enrolled during this login.
     */
    public record Tokens(
            String tokenType,
            String sessionToken,
            Instant sessionExpiresAt,
            String refreshToken,
            Instant refreshExpiresAt,
            String sessionId,
            User user,
            String deviceId,
            List<String> recoveryCodes) {

        public static Tokens of(SessionTokens tokens) {
            return new Tokens("Bearer", tokens.accessToken(), tokens.accessExpiresAt(), tokens.refreshToken(),
                    tokens.refreshExpiresAt(), tokens.sessionId().toString(), User.of(tokens.user()), tokens.device(),
                    tokens.recoveryCodes().isEmpty() ? null : tokens.recoveryCodes());
        }

        @Override
        public String toString() {
            return "Tokens[sessionId=" + sessionId + ", sessionToken=***, refreshToken=***, sessionExpiresAt="
                    + sessionExpiresAt + ", deviceId=***, recoveryCodes=" + (recoveryCodes == null ? 0 : recoveryCodes.size())
                    + "]";
        }
    }

    /**
     * A live session; {@code current} marks the one the request was made with, {@code device} the
     * short label of the device it was opened from (when known).
     */
    public record Session(
            String id,
            boolean current,
            Instant createdAt,
            Instant lastUsedAt,
            Instant sessionExpiresAt,
            Instant refreshExpiresAt,
            String ip,
            String userAgent,
            String device) {

        public static Session of(SessionView view, SessionId currentSession) {
            return new Session(view.id().toString(), view.id().equals(currentSession), view.createdAt(),
                    view.lastUsedAt(), view.accessExpiresAt(), view.refreshExpiresAt(), view.ip(), view.userAgent(),
                    view.device());
        }
    }

    /** The user's live sessions, newest first. */
    public record Sessions(List<Session> sessions) {
        public static Sessions of(List<SessionView> views, SessionId currentSession) {
            return new Sessions(views.stream().map(view -> Session.of(view, currentSession)).toList());
        }
    }

    /** A device the user signed in from, by its label (never its identifier). */
    public record Device(String label, Instant firstSeenAt, Instant lastSeenAt, String ip, String userAgent) {
        static Device of(DeviceView view) {
            return new Device(view.label(), view.firstSeenAt(), view.lastSeenAt(), view.ip(), view.userAgent());
        }
    }

    /** The devices the user signed in from, the most recently seen first. */
    public record Devices(List<Device> devices) {
        public static Devices of(List<DeviceView> views) {
            return new Devices(views.stream().map(Device::of).toList());
        }
    }

    /** A TOTP factor waiting for its first code; {@link #toString()} does not print the secret. */
    public record Enrolment(String secret, String otpauthUri, String qrSvg) {
        public static Enrolment of(TotpEnrolment enrolment) {
            return new Enrolment(enrolment.secret(), enrolment.otpauthUri(), enrolment.qrSvg());
        }

        @Override
        public String toString() {
            return "Enrolment[secret=***, otpauthUri=***, qrSvg=" + qrSvg.length() + " characters]";
        }
    }

    /** New recovery codes, shown only here; {@link #toString()} does not print them. */
    public record RecoveryCodeList(List<String> recoveryCodes) {
        public static RecoveryCodeList of(RecoveryCodes codes) {
            return new RecoveryCodeList(codes.codes());
        }

        @Override
        public String toString() {
            return "RecoveryCodeList[" + recoveryCodes.size() + " codes]";
        }
    }

    /** A user's second factor; {@code enabled_at} only when enabled. */
    public record SecondFactor(boolean enabled, boolean pending, Instant enabledAt, int recoveryCodesLeft,
            boolean required) {
        public static SecondFactor of(MfaStatus status) {
            return new SecondFactor(status.enabled(), status.pending(), status.enabledAt(), status.recoveryCodesLeft(),
                    status.required());
        }
    }

    /** A verification code was issued. */
    public record CodeIssued(String sentTo, Instant codeExpiresAt, boolean delivered) {
        public static CodeIssued of(CodeSent sent) {
            return new CodeIssued(sent.sentTo().value(), sent.expiresAt(), sent.delivered());
        }
    }

    /** Where the user's address stands: verified or not, a pending change, the awaited code. */
    public record EmailVerification(String email, boolean verified, String pendingEmail, boolean codePending,
            Instant codeExpiresAt) {
        public static EmailVerification of(EmailStatus status) {
            return new EmailVerification(status.email().value(), status.verified(),
                    status.pendingChange().map(Email::value).orElse(null), status.codeExpiresAt() != null,
                    status.codeExpiresAt());
        }
    }

    /** The answer to a request for a verification code by address: the same for every address. */
    public record CodeRequestAccepted(String message) {
        public static final CodeRequestAccepted ALWAYS = new CodeRequestAccepted(
                "If an account awaits verification of this address, a new code has been sent to it.");
    }

    /** The answer to a reset request: the same whether or not an account has the address. */
    public record ResetAccepted(String message) {
        public static final ResetAccepted ALWAYS =
                new ResetAccepted("If an account uses this address, a reset code has been sent to it.");
    }

    /** The answer of a health probe. */
    public record Health(String status, String version) {
    }

    /** The answer of a readiness probe: ready, and what runs degraded (empty when nothing does). */
    public record Readiness(String status, String version, List<String> degraded) {
    }

    /**
     * A verification's verdict for the calling service: {@code valid}, or the {@code reason} it
     * is not; the owner, key, plan and level when the key is known; every meter of the plan with
     * its balance after this check; the key's rate limit when the check got that far.
     */
    public record KeyVerification(
            boolean valid,
            String reason,
            String userId,
            String keyId,
            String plan,
            String level,
            List<String> entitlements,
            Map<String, Meter> meters,
            RateLimit rateLimit) {

        public static KeyVerification of(Granted granted) {
            return of(true, null, Optional.of(granted.owner()), Optional.of(granted.planState()),
                    Optional.of(granted.rateLimit()));
        }

        public static KeyVerification of(Denied denied) {
            return of(false, denied.problem().code().name(), denied.owner(), denied.planState(), denied.rateLimit());
        }

        private static KeyVerification of(boolean valid, String reason, Optional<KeyOwner> owner,
                Optional<PlanState> plan, Optional<RateLimitState> rateLimit) {
            return new KeyVerification(valid, reason, owner.map(known -> known.user().id().toString()).orElse(null),
                    owner.map(known -> known.key().toString()).orElse(null), plan.map(PlanState::plan).orElse(null),
                    plan.map(known -> lower(known.level())).orElse(null),
                    plan.map(known -> known.entitlements().stream().sorted().toList()).orElse(List.of()),
                    plan.map(known -> byName(known.meters())).orElse(Map.of()), rateLimit.map(RateLimit::of).orElse(null));
        }
    }

    /** Meters by name, in name order. */
    private static Map<String, Meter> byName(Map<String, MeterState> states) {
        Map<String, Meter> meters = new TreeMap<>();
        states.forEach((name, state) -> meters.put(name, Meter.of(state)));
        return meters;
    }

    /** A meter's balance: the period's allowance, what is left of it and of top-ups, their sum, and the next reset. */
    public record Meter(long allowance, long allowanceLeft, long topUpLeft, long remaining, Instant resetsAt) {
        static Meter of(MeterState state) {
            return new Meter(state.allowance(), state.allowanceLeft(), state.topUpLeft(), state.remaining(),
                    state.resetsAt());
        }
    }

    /** A key's requests per window: the limit, what is left, and when the window ends. */
    public record RateLimit(int limit, int remaining, Instant resetsAt) {
        static RateLimit of(RateLimitState state) {
            return new RateLimit(state.limit(), state.remaining(), state.resetsAt());
        }
    }

    /** {@code GET /v1/users/usage}: the plan and meters now, and usage per day, meter and key. */
    public record Usage(
            String userId,
            String plan,
            String level,
            List<String> entitlements,
            Map<String, Meter> meters,
            LocalDate from,
            LocalDate to,
            String timeZone,
            List<UsageDay> daily) {

        public static Usage of(UsageReport report) {
            return new Usage(report.user().id().toString(), report.plan(), lower(report.level()),
                    report.entitlements().stream().sorted().toList(), byName(report.meters()), report.from(), report.to(),
                    report.zone().getId(), report.daily().stream().map(UsageDay::of).toList());
        }
    }

    /**
     * One recorded call: {@code request_id} absent when the service gave none, {@code tags}
     * always there (empty when none), ordered by name.
     */
    public record UsageEvent(String keyId, String meter, long cost, String outcome, Instant at, String requestId,
            Map<String, String> tags) {
        static UsageEvent of(UsageEventView event) {
            return new UsageEvent(event.key().toString(), event.meter(), event.cost(), event.outcome(), event.at(),
                    event.requestId().orElse(null), event.tags());
        }
    }

    /** One key's use of one meter in one day. */
    public record UsageDay(LocalDate day, String meter, String keyId, long calls, long granted, long refused,
            long units) {
        static UsageDay of(UsageReport.Day day) {
            return new UsageDay(day.day(), day.meter(), day.key().toString(), day.calls(), day.granted(),
                    day.refused(), day.units());
        }
    }

    /** A user's plan as it applies to them, for billing. */
    public record Subscription(
            String userId,
            String plan,
            boolean subscribed,
            String level,
            List<String> entitlements,
            Map<String, Long> allowanceOverrides,
            Integer rateLimitOverride,
            List<String> extraEntitlements,
            Map<String, Meter> meters,
            Instant updatedAt) {

        public static Subscription of(SubscriptionView view) {
            return new Subscription(view.user().id().toString(), view.plan(), view.subscribed(), lower(view.level()),
                    view.entitlements().stream().sorted().toList(), new TreeMap<>(view.allowanceOverrides()),
                    view.rateLimitOverride(), view.extraEntitlements().stream().sorted().toList(), byName(view.meters()),
                    view.updatedAt());
        }
    }

    /** A meter's balance after a top-up. */
    public record TopUp(String meter, Meter balance) {
    }
}

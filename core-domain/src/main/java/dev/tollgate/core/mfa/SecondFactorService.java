package dev.tollgate.core.mfa;

import dev.tollgate.core.audit.Auditor;
import dev.tollgate.core.key.SecretSeal;
import dev.tollgate.core.limit.Throttles;
import dev.tollgate.core.password.Credentials;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.user.User;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.mfa.MfaStatus;
import dev.tollgate.port.api.mfa.RecoveryCodes;
import dev.tollgate.port.api.mfa.SecondFactors;
import dev.tollgate.port.api.mfa.TotpEnrolment;
import dev.tollgate.port.settings.MfaSettings;
import dev.tollgate.port.settings.ThrottleSettings.Action;
import dev.tollgate.port.spi.mfa.QrCodes;
import dev.tollgate.port.spi.mfa.SecondFactorStore;
import dev.tollgate.port.spi.mfa.TotpAlgorithm;
import dev.tollgate.port.spi.mfa.TotpFactor;
import dev.tollgate.port.spi.random.RandomSource;
import dev.tollgate.port.spi.staff.StaffStore;
import dev.tollgate.port.spi.user.FailedLogin;
import dev.tollgate.port.spi.user.LockoutRule;
import dev.tollgate.port.spi.user.UserStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Second factors: TOTP (RFC 6238) with a 160-bit secret sealed under the master key, and ten
 * single-use recovery codes kept as digests. A code of the app is accepted one step early or
 * late and only once ({@link TotpWindow}, with the store's atomic {@code acceptStep}); wrong
 * codes, of the app or recovery codes, count toward a lock of the second step of its own, and
 * each entry is throttled as code entry. The login's second step uses the same checks.
 */
public final class SecondFactorService implements SecondFactors {

    /** 160 bits, as RFC 4226 recommends for HMAC-SHA-1. */
    static final int SECRET_BYTES = 20;
    static final int RECOVERY_CODES = 10;
    /** Recovery codes are 10 characters of this alphabet (50 bits), shown as two groups of five. */
    private static final char[] RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();
    private static final String SEAL_CONTEXT = "totp-secret:";

    private final UserStore users;
    private final SecondFactorStore factors;
    private final StaffStore staff;
    private final Credentials credentials;
    private final SecretSeal seal;
    private final TotpWindow window;
    private final QrCodes qrCodes;
    private final Secrets secrets;
    private final RandomSource random;
    private final MfaSettings settings;
    private final Throttles throttles;
    private final Clock clock;
    private final Auditor auditor;

    /** @param seal seals TOTP secrets; null when no master key is configured (enrolment is then refused) */
    public SecondFactorService(UserStore users, SecondFactorStore factors, StaffStore staff, Credentials credentials,
            SecretSeal seal, TotpAlgorithm totp, QrCodes qrCodes, Secrets secrets, RandomSource random,
            MfaSettings settings, Throttles throttles, Clock clock, Auditor auditor) {
        this.users = Objects.requireNonNull(users, "users");
        this.factors = Objects.requireNonNull(factors, "factors");
        this.staff = Objects.requireNonNull(staff, "staff");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.seal = seal;
        this.window = new TotpWindow(Objects.requireNonNull(totp, "totp"));
        this.qrCodes = Objects.requireNonNull(qrCodes, "qrCodes");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.random = Objects.requireNonNull(random, "random");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.throttles = Objects.requireNonNull(throttles, "throttles");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    @Override
    public Outcome<TotpEnrolment> enrol(UserRef user, String password, RequestContext context) {
        if (seal == null) {
            return Outcome.refused(new Problem.MfaUnavailable());
        }
        return User.load(users, user)
                .flatMap(found -> credentials.check(found, password, context))
                .flatMap(this::enrolPending);
    }

    /** A new pending factor for {@code user}, whose password (or login) was checked already. */
    public Outcome<TotpEnrolment> enrolPending(User user) {
        if (seal == null) {
            return Outcome.refused(new Problem.MfaUnavailable());
        }
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        String encoded = Base32.encode(secret);
        String sealed = seal.seal(Base64.getEncoder().encodeToString(secret), sealContext(user.ref()));
        if (!factors.savePending(TotpFactor.pending(user.ref(), sealed, clock.instant())).isApplied()) {
            return Outcome.refused(new Problem.MfaAlreadyEnabled());
        }
        String uri = otpauthUri(user, encoded);
        return Outcome.done(new TotpEnrolment(encoded, uri, qrCodes.svg(uri)));
    }

    @Override
    public Outcome<RecoveryCodes> confirm(UserRef user, String code, RequestContext context) {
        return User.load(users, user).flatMap(found -> confirmPending(found, code, context, CodeInvalid.OTP));
    }

    /**
     * Confirms the user's pending factor with a code of the app, answering the recovery codes;
     * a wrong code answers {@code wrong}'s problem.
     */
    public Outcome<RecoveryCodes> confirmPending(User user, String code, RequestContext context, CodeInvalid wrong) {
        Optional<TotpFactor> found = factors.find(user.ref());
        if (found.isEmpty()) {
            return Outcome.refused(new Problem.MfaNotEnabled());
        }
        TotpFactor factor = found.get();
        if (factor.confirmed()) {
            return Outcome.refused(new Problem.MfaAlreadyEnabled());
        }
        Outcome<Long> step = admitted(user.ref(), factor, context).flatMap(ok -> {
            OptionalLong matched = window.match(secretOf(factor), code, clock.instant(), -1);
            return matched.isPresent() ? Outcome.done(matched.getAsLong()) : Outcome.refused(failed(user.ref(), context, wrong));
        });
        if (!step.isDone()) {
            return Outcome.refused(step.problem());
        }
        List<String> codes = newRecoveryCodes();
        if (!factors.confirm(user.ref(), factor.sealedSecret(), step.orElseThrow(), digests(user.ref(), codes),
                clock.instant()).isApplied()) {
            // enrolled again, confirmed or removed meanwhile: this code confirmed nothing
            return Outcome.refused(wrong.problem(OptionalInt.empty()));
        }
        auditor.event(AuditType.MFA_ENROLLED, user.ref().tenant(), user.ref().id(), context).succeeded();
        return Outcome.done(new RecoveryCodes(codes));
    }

    @Override
    public Outcome<RecoveryCodes> regenerateRecoveryCodes(UserRef user, String code, RequestContext context) {
        return User.load(users, user).flatMap(found -> confirmed(user)
                .flatMap(factor -> checkAppCode(user, factor, code, context, CodeInvalid.OTP))
                .flatMap(factor -> {
                    List<String> codes = newRecoveryCodes();
                    if (!factors.replaceRecoveryCodes(user, digests(user, codes), clock.instant()).isApplied()) {
                        return Outcome.refused(new Problem.MfaNotEnabled());
                    }
                    auditor.event(AuditType.MFA_RECOVERY_CODES_REGENERATED, user.tenant(), user.id(), context)
                            .succeeded();
                    return Outcome.done(new RecoveryCodes(codes));
                }));
    }

    @Override
    public Outcome<MfaStatus> disable(UserRef user, String password, String code, RequestContext context) {
        Outcome<MfaStatus> disabled = User.load(users, user)
                .flatMap(found -> credentials.check(found, password, context))
                .flatMap(found -> confirmed(user))
                .flatMap(factor -> checkEither(user, factor, code, context, CodeInvalid.OTP))
                .flatMap(factor -> {
                    factors.delete(user);
                    return status(user);
                });
        auditor.event(AuditType.MFA_DISABLED, user.tenant(), user.id(), context).outcome(disabled);
        return disabled;
    }

    @Override
    public Outcome<MfaStatus> status(UserRef user) {
        return User.load(users, user).map(found -> {
            Optional<TotpFactor> factor = factors.find(user);
            boolean enabled = factor.map(TotpFactor::confirmed).orElse(false);
            return new MfaStatus(enabled, factor.map(f -> !f.confirmed()).orElse(false),
                    factor.map(TotpFactor::confirmedAt).orElse(null),
                    enabled ? factors.remainingRecoveryCodes(user) : 0, required(user));
        });
    }

    /** Whether the user has a confirmed factor, which their logins must pass. */
    public boolean enabled(UserRef user) {
        return factors.find(user).map(TotpFactor::confirmed).orElse(false);
    }

    /** Whether the settings require a second factor of the user: their tenant's rule or their staff role's. */
    public boolean required(UserRef user) {
        if (settings.requiredTenants().contains(user.tenant())) {
            return true;
        }
        return !settings.requiredRoles().isEmpty()
                && staff.find(user).map(role -> settings.requiredRoles().contains(role.role())).orElse(false);
    }

    /**
     * The login's second step: a code of the app or a recovery code (exactly one of them) against
     * the user's confirmed factor. Wrong answers {@code MFA_CODE_INVALID} with the attempts left.
     */
    public Outcome<TotpFactor> checkLogin(UserRef user, String code, String recoveryCode, RequestContext context) {
        if ((code == null) == (recoveryCode == null)) {
            return Outcome.refused(Problem.InvalidInput.of(code == null ? "code" : "recovery_code",
                    "give either a code of the authenticator app or a recovery code"));
        }
        return confirmed(user).flatMap(factor -> code != null
                ? checkAppCode(user, factor, code, context, CodeInvalid.LOGIN)
                : checkRecoveryCode(user, factor, recoveryCode, context, CodeInvalid.LOGIN));
    }

    /** Removes the user's factor (staff's reset, an account's deletion): whether there was one. */
    public boolean remove(UserRef user) {
        return factors.delete(user).isApplied();
    }

    /** Which problem a wrong code answers: in the login's second step, or in the owner's own calls. */
    public enum CodeInvalid {
        LOGIN,
        OTP;

        Problem problem(OptionalInt attemptsLeft) {
            return this == LOGIN ? new Problem.MfaCodeInvalid(attemptsLeft) : new Problem.CodeInvalid(attemptsLeft);
        }
    }

    private Outcome<TotpFactor> confirmed(UserRef user) {
        return factors.find(user).filter(TotpFactor::confirmed).<Outcome<TotpFactor>>map(Outcome::done)
                .orElseGet(() -> Outcome.refused(new Problem.MfaNotEnabled()));
    }

    /** A code of the app or, when it has the shape of one, a recovery code. */
    private Outcome<TotpFactor> checkEither(UserRef user, TotpFactor factor, String code, RequestContext context,
            CodeInvalid wrong) {
        return TotpWindow.normalise(code) != null ? checkAppCode(user, factor, code, context, wrong)
                : checkRecoveryCode(user, factor, code, context, wrong);
    }

    private Outcome<TotpFactor> checkAppCode(UserRef user, TotpFactor factor, String code, RequestContext context,
            CodeInvalid wrong) {
        return admitted(user, factor, context).flatMap(ok -> {
            Instant now = clock.instant();
            OptionalLong step = window.match(secretOf(factor), code, now, factor.lastStep());
            // the store takes each step once: of two racing logins with one code, one is refused here
            if (step.isPresent() && factors.acceptStep(user, step.getAsLong(), now).isApplied()) {
                return Outcome.done(factor);
            }
            return Outcome.refused(failed(user, context, wrong));
        });
    }

    private Outcome<TotpFactor> checkRecoveryCode(UserRef user, TotpFactor factor, String code, RequestContext context,
            CodeInvalid wrong) {
        return admitted(user, factor, context).flatMap(ok -> {
            String normalised = normaliseRecoveryCode(code);
            if (normalised != null
                    && factors.useRecoveryCode(user, digest(user, normalised), clock.instant()).isApplied()) {
                auditor.event(AuditType.MFA_RECOVERY_CODE_USED, user.tenant(), user.id(), context)
                        .with(Map.of("left", Integer.toString(factors.remainingRecoveryCodes(user)))).succeeded();
                return Outcome.done(factor);
            }
            return Outcome.refused(failed(user, context, wrong));
        });
    }

    /** Refuses before any check while the second step is locked or its entries are throttled. */
    private Outcome<Boolean> admitted(UserRef user, TotpFactor factor, RequestContext context) {
        Instant now = clock.instant();
        if (factor.lockedAt(now)) {
            return Outcome.refused(new Problem.MfaLocked(factor.lockedUntil()));
        }
        Optional<Problem> throttled = throttles.admit(Action.CODE_ENTRY, user.tenant(), context, "mfa:" + user.id());
        return throttled.<Outcome<Boolean>>map(Outcome::refused).orElseGet(() -> Outcome.done(true));
    }

    /** Counts a wrong code; the one that reaches the limit locks the second step. */
    private Problem failed(UserRef user, RequestContext context, CodeInvalid wrong) {
        FailedLogin failure = factors.recordFailure(user, lockoutRule(), clock.instant());
        return switch (failure.kind()) {
            case LOCKED_NOW -> {
                auditor.event(AuditType.MFA_LOCKED, user.tenant(), user.id(), context)
                        .with(Map.of("locked_until", failure.lockedUntil().toString())).succeeded();
                yield new Problem.MfaLocked(failure.lockedUntil());
            }
            case ALREADY_LOCKED -> new Problem.MfaLocked(failure.lockedUntil());
            case COUNTED -> wrong.problem(OptionalInt.of(Math.max(0, settings.maxFailures() - failure.failures())));
            case NOT_FOUND -> wrong.problem(OptionalInt.empty());
        };
    }

    private LockoutRule lockoutRule() {
        return new LockoutRule(settings.maxFailures(), settings.lockDuration());
    }

    private byte[] secretOf(TotpFactor factor) {
        if (seal == null) {
            throw new IllegalStateException("a second factor exists but no master key is configured to open it");
        }
        return Base64.getDecoder().decode(seal.open(factor.sealedSecret(), sealContext(factor.user())));
    }

    private static String sealContext(UserRef user) {
        return SEAL_CONTEXT + user.tenant().value() + ":" + user.id();
    }

    /** The Key URI Format authenticator apps read: {@code otpauth://totp/Issuer:username?secret=...&issuer=Issuer}. */
    private String otpauthUri(User user, String secret) {
        String issuer = encode(settings.issuer());
        return "otpauth://totp/" + issuer + ":" + encode(user.record().username().value()) + "?secret=" + secret
                + "&issuer=" + issuer + "&algorithm=SHA1&digits=" + TotpAlgorithm.DIGITS + "&period="
                + TotpAlgorithm.STEP_SECONDS;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private List<String> newRecoveryCodes() {
        List<String> codes = new ArrayList<>(RECOVERY_CODES);
        byte[] one = new byte[1];
        // rejection sampling: only bytes below the largest multiple of the alphabet's size, so every symbol is as likely
        int limit = 256 - 256 % RECOVERY_ALPHABET.length;
        for (int i = 0; i < RECOVERY_CODES; i++) {
            StringBuilder code = new StringBuilder(11);
            while (code.length() < 11) {
                if (code.length() == 5) {
                    code.append('-');
                    continue;
                }
                random.nextBytes(one);
                int value = one[0] & 0xff;
                if (value < limit) {
                    code.append(RECOVERY_ALPHABET[value % RECOVERY_ALPHABET.length]);
                }
            }
            codes.add(code.toString());
        }
        return codes;
    }

    /** A recovery code as kept: lower case, without the dash and spaces; null when it cannot be one. */
    private static String normaliseRecoveryCode(String code) {
        if (code == null || code.length() > 32) {
            return null;
        }
        String bare = code.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
        return bare.length() == 10 ? bare : null;
    }

    private List<String> digests(UserRef user, List<String> codes) {
        return codes.stream().map(code -> digest(user, normaliseRecoveryCode(code))).toList();
    }

    private String digest(UserRef user, String normalised) {
        return secrets.digest("mfa-recovery:" + user.tenant().value() + ":" + user.id(), normalised);
    }
}

package dev.tollgate.core.staff;

import dev.tollgate.core.audit.Auditor;
import dev.tollgate.core.registration.RegistrationService;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.user.User;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.registration.Registered;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.api.staff.FirstRun;
import dev.tollgate.port.api.staff.NewStaff;
import dev.tollgate.port.api.staff.StaffMember;
import dev.tollgate.port.settings.StaffSettings;
import dev.tollgate.port.spi.Stores;
import dev.tollgate.port.spi.staff.StaffChange;
import dev.tollgate.port.spi.staff.StaffRecord;
import dev.tollgate.port.spi.staff.StaffStore;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.port.spi.user.UserStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The first super admin. The setup token lives in this process only, kept as a digest: one at a
 * time (a new one replaces the last), valid for {@link #TOKEN_LIFETIME} by the clock, and used
 * up by one compare-and-set, so of concurrent completions with it exactly one goes on. The
 * store's {@link StaffStore#grantFirst} decides between processes: an account made by a setup
 * that lost that race is removed again. The new super admin's address counts as verified: the
 * operator, holding the token or the command line, vouches for it.
 */
public final class FirstRunService implements FirstRun {

    /** How long a setup token works. */
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private final StaffStore staff;
    private final UserStore users;
    private final StaffSettings settings;
    private final RegistrationService registration;
    private final AccountRemoval removal;
    private final Secrets secrets;
    private final Clock clock;
    private final Auditor auditor;
    private final AtomicReference<Issued> current = new AtomicReference<>();

    public FirstRunService(Stores stores, StaffSettings settings, RegistrationService registration, Secrets secrets,
            Clock clock, Auditor auditor) {
        Objects.requireNonNull(stores, "stores");
        this.staff = stores.staff();
        this.users = stores.users();
        this.settings = Objects.requireNonNull(settings, "settings");
        this.registration = Objects.requireNonNull(registration, "registration");
        this.removal = new AccountRemoval(stores);
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    @Override
    public boolean superAdminExists() {
        return staff.countHolders(settings.highest().name()) > 0;
    }

    @Override
    public Optional<SetupToken> issueToken() {
        if (superAdminExists()) {
            current.set(null);
            return Optional.empty();
        }
        String token = secrets.newToken();
        Instant expiresAt = clock.instant().plus(TOKEN_LIFETIME);
        current.set(new Issued(digest(token), expiresAt, false));
        return Optional.of(new SetupToken(token, expiresAt));
    }

    @Override
    public Outcome<StaffMember> complete(String token, NewStaff superAdmin, RequestContext context) {
        Objects.requireNonNull(superAdmin, "superAdmin");
        Outcome<StaffMember> completed = completeWith(token, superAdmin, context);
        auditor.event(AuditType.SETUP_COMPLETED, superAdmin.tenant(),
                completed.isDone() ? completed.orElseThrow().user().id() : null, context)
                .by(null)
                .with(Map.of("role", settings.highest().name()))
                .outcome(completed);
        return completed;
    }

    private Outcome<StaffMember> completeWith(String token, NewStaff superAdmin, RequestContext context) {
        Issued issued = current.get();
        if (token == null || token.isEmpty() || token.length() > Secrets.MAX_TOKEN_LENGTH || issued == null
                || issued.claimed() || !clock.instant().isBefore(issued.expiresAt())
                || !MessageDigest.isEqual(issued.digest().getBytes(StandardCharsets.US_ASCII),
                        digest(token).getBytes(StandardCharsets.US_ASCII))) {
            return Outcome.refused(new Problem.InvalidToken());
        }
        if (superAdminExists()) {
            current.compareAndSet(issued, null);
            return Outcome.refused(new Problem.SetupUnavailable());
        }
        Issued claimed = issued.claim();
        if (!current.compareAndSet(issued, claimed)) {
            return Outcome.refused(new Problem.InvalidToken());
        }
        Outcome<Registered> registered;
        try {
            registered = registration.register(Registration.of(superAdmin.tenant(),
                    superAdmin.username(), superAdmin.email(), superAdmin.password()).withContext(context));
        } catch (RuntimeException storeFailure) {
            // the store failed (it is unavailable, say): the token is not used up, so setup can be retried
            current.compareAndSet(claimed, issued);
            throw storeFailure;
        }
        if (!registered.isDone()) {
            // a mistyped password or a taken name does not use the token up
            current.compareAndSet(claimed, issued);
            return Outcome.refused(registered.problem());
        }
        User user = User.load(users, registered.orElseThrow().user().ref()).orElseThrow();
        Instant now = clock.instant();
        users.markEmailVerified(user.ref(), user.record().email(), now);
        StaffChange first = staff.grantFirst(new StaffRecord(user.ref(), settings.highest().name(), now, null, now));
        current.compareAndSet(claimed, null);
        if (first.kind() != StaffChange.Kind.APPLIED) {
            removal.remove(user.ref());
            return Outcome.refused(new Problem.SetupUnavailable());
        }
        StaffRecord record = first.record().orElseThrow();
        UserRecord owner = users.findById(user.ref()).orElse(user.record());
        return Outcome.done(new StaffMember(record.user(), owner.username(), owner.email(), record.role(),
                record.grantedAt(), Optional.empty(), record.updatedAt()));
    }

    private String digest(String token) {
        return secrets.digest("setup-token", token);
    }

    /** The live token's digest; {@code claimed} while a completion with it is under way. */
    private record Issued(String digest, Instant expiresAt, boolean claimed) {
        Issued claim() {
            return new Issued(digest, expiresAt, true);
        }
    }
}

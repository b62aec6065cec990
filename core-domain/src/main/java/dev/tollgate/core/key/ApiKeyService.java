package dev.tollgate.core.key;

import dev.tollgate.core.address.IpRange;
import dev.tollgate.core.audit.Auditor;
import dev.tollgate.core.password.Credentials;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.secret.TimeOrderedIds;
import dev.tollgate.core.text.TextRules;
import dev.tollgate.core.user.TenantGate;
import dev.tollgate.core.user.User;
import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.key.ApiKeyView;
import dev.tollgate.port.api.key.ApiKeys;
import dev.tollgate.port.api.key.IssuedApiKey;
import dev.tollgate.port.api.session.Principal;
import dev.tollgate.port.settings.ApiKeySettings;
import dev.tollgate.port.spi.key.ApiKeyRecord;
import dev.tollgate.port.spi.key.ApiKeyStore;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.port.spi.user.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * API keys: made by {@link ApiKeyFormat}, kept as digests (and, with a master key, sealed so the
 * owner can see them again), revoked and regenerated at once in the store, so every process
 * sharing it stops accepting the old secret with its next lookup.
 */
public final class ApiKeyService implements ApiKeys {

    /** Longest name of a key. */
    public static final int MAX_NAME = 100;
    /** The most address ranges one key may be restricted to. */
    public static final int MAX_ALLOWED_RANGES = 32;

    private final UserStore users;
    private final ApiKeyStore store;
    private final Credentials credentials;
    private final ApiKeyFormat format;
    private final Secrets secrets;
    private final Optional<SecretSeal> seal;
    private final TimeOrderedIds ids;
    private final Clock clock;
    private final Auditor auditor;
    private final boolean requireVerifiedEmail;
    private final TenantGate tenants;

    /**
     * @param requireVerifiedEmail whether a key works only for a verified owner
     *                             ({@link ApiKeySettings#requireVerifiedEmail()}), as a bearer token too
     * @param tenants              a disabled tenant's keys authenticate nobody
     */
    public ApiKeyService(UserStore users, ApiKeyStore store, Credentials credentials, ApiKeyFormat format, Secrets secrets,
            Optional<SecretSeal> seal, TimeOrderedIds ids, Clock clock, Auditor auditor, boolean requireVerifiedEmail,
            TenantGate tenants) {
        this.users = Objects.requireNonNull(users, "users");
        this.store = Objects.requireNonNull(store, "store");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.format = Objects.requireNonNull(format, "format");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.seal = Objects.requireNonNull(seal, "seal");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.requireVerifiedEmail = requireVerifiedEmail;
        this.tenants = Objects.requireNonNull(tenants, "tenants");
    }

    /** The digest stores look keys up by. */
    public String digest(String key) {
        return secrets.digest("api-key", key);
    }

    /** The primary key of a user just registered. */
    public IssuedApiKey issuePrimary(UserRef user, RequestContext context) {
        return issue(user, "primary", null, true, context);
    }

    @Override
    public Outcome<IssuedApiKey> create(UserRef user, String name, Instant expiresAt, RequestContext context) {
        return create(user, name, expiresAt, List.of(), context);
    }

    @Override
    public Outcome<IssuedApiKey> create(UserRef user, String name, Instant expiresAt, List<String> allowedIps,
            RequestContext context) {
        Outcome<List<String>> ranges = ranges(allowedIps);
        if (!ranges.isDone()) {
            return Outcome.refused(ranges.problem());
        }
        String label = name == null || name.isBlank() ? null : name.strip();
        if (label != null && label.length() > MAX_NAME) {
            return Outcome.refused(Problem.InvalidInput.of("name", "must be at most " + MAX_NAME + " characters"));
        }
        Optional<Problem.FieldError> unfit = TextRules.check("name", label, TextRules.Lines.SINGLE)
                .or(() -> TextRules.check("expires_at", expiresAt));
        if (unfit.isPresent()) {
            return Outcome.refused(new Problem.InvalidInput(List.of(unfit.get())));
        }
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            return Outcome.refused(Problem.InvalidInput.of("expires_at", "must be in the future"));
        }
        return User.load(users, user).map(owner -> issue(user, label, expiresAt, false, ranges.orElseThrow(), context));
    }

    @Override
    public Outcome<ApiKeyView> restrict(UserRef user, ApiKeyId key, List<String> allowedIps, RequestContext context) {
        Outcome<ApiKeyView> restricted = ranges(allowedIps).flatMap(ranges -> live(user, key)
                .flatMap(record -> store.restrictAddresses(user, key, ranges).isApplied()
                        ? live(user, key).map(ApiKeyService::view)
                        : Outcome.refused(new Problem.ApiKeyNotFound())));
        auditor.event(AuditType.API_KEY_RESTRICTED, user.tenant(), user.id(), context)
                .with(restricted.isDone() ? Map.of("key", key.toString(),
                        "allowed_ips", String.join(",", restricted.orElseThrow().allowedIps())) : Map.of("key", key.toString()))
                .outcome(restricted);
        return restricted;
    }

    /** The ranges normalised, or {@code VALIDATION_FAILED} naming the first bad one; null is none. */
    private static Outcome<List<String>> ranges(List<String> allowedIps) {
        if (allowedIps == null || allowedIps.isEmpty()) {
            return Outcome.done(List.of());
        }
        if (allowedIps.size() > MAX_ALLOWED_RANGES) {
            return Outcome.refused(Problem.InvalidInput.of("allowed_ips", "at most " + MAX_ALLOWED_RANGES + " ranges"));
        }
        List<String> normalised = new ArrayList<>(allowedIps.size());
        for (int i = 0; i < allowedIps.size(); i++) {
            IpRange.Parsed range = IpRange.parse(allowedIps.get(i));
            if (!range.valid()) {
                return Outcome.refused(Problem.InvalidInput.of("allowed_ips[" + i + "]", "the range " + range.error()));
            }
            if (!normalised.contains(range.range().text())) {
                normalised.add(range.range().text());
            }
        }
        return Outcome.done(List.copyOf(normalised));
    }

    private IssuedApiKey issue(UserRef user, String name, Instant expiresAt, boolean primary, RequestContext context) {
        return issue(user, name, expiresAt, primary, List.of(), context);
    }

    private IssuedApiKey issue(UserRef user, String name, Instant expiresAt, boolean primary, List<String> allowedIps,
            RequestContext context) {
        ApiKeyId id = new ApiKeyId(ids.next());
        String key = format.newKey();
        ApiKeyRecord record = new ApiKeyRecord(id, user, name, digest(key), format.displayPrefix(key),
                seal.map(s -> s.seal(key, id.toString())).orElse(null), primary, clock.instant(), expiresAt, null,
                allowedIps);
        store.create(record);
        auditor.event(AuditType.API_KEY_CREATED, user.tenant(), user.id(), context)
                .with(Map.of("key", id.toString())).succeeded();
        return new IssuedApiKey(view(record), key);
    }

    @Override
    public List<ApiKeyView> list(UserRef user) {
        return store.list(user).stream().map(ApiKeyService::view).toList();
    }

    @Override
    public Outcome<ApiKeyView> primary(UserRef user) {
        return store.list(user).stream().filter(key -> key.primary() && !key.revoked()).findFirst()
                .map(ApiKeyService::view).<Outcome<ApiKeyView>>map(Outcome::done)
                .orElseGet(() -> Outcome.refused(new Problem.ApiKeyNotFound()));
    }

    @Override
    public Outcome<ApiKeyView> revoke(UserRef user, ApiKeyId key, RequestContext context) {
        Instant now = clock.instant();
        Outcome<ApiKeyView> revoked = live(user, key).flatMap(record -> store.revoke(user, key, now).isApplied()
                ? Outcome.done(view(store.find(user, key).orElse(record)))
                : Outcome.refused(new Problem.ApiKeyNotFound()));
        auditor.event(AuditType.API_KEY_REVOKED, user.tenant(), user.id(), context)
                .with(Map.of("key", key.toString())).outcome(revoked);
        return revoked;
    }

    @Override
    public Outcome<IssuedApiKey> regenerate(UserRef user, ApiKeyId key, String password, RequestContext context) {
        Outcome<IssuedApiKey> regenerated = checkPassword(user, password, context)
                .flatMap(owner -> live(user, key))
                .flatMap(record -> {
                    String secret = format.newKey();
                    String sealed = seal.map(s -> s.seal(secret, key.toString())).orElse(null);
                    if (!store.replaceSecret(user, key, record.digest(), digest(secret), format.displayPrefix(secret),
                            sealed).isApplied()) {
                        return Outcome.refused(new Problem.ApiKeyNotFound());
                    }
                    return Outcome.done(new IssuedApiKey(view(store.find(user, key).orElseThrow()), secret));
                });
        auditor.event(AuditType.API_KEY_REGENERATED, user.tenant(), user.id(), context)
                .with(Map.of("key", key.toString())).outcome(regenerated);
        return regenerated;
    }

    @Override
    public Outcome<IssuedApiKey> reveal(UserRef user, ApiKeyId key, String password, RequestContext context) {
        Outcome<IssuedApiKey> revealed = checkPassword(user, password, context)
                .flatMap(owner -> live(user, key))
                .flatMap(record -> {
                    if (record.sealedSecret() == null || seal.isEmpty()) {
                        return Outcome.refused(new Problem.ApiKeyNotRecoverable());
                    }
                    return Outcome.done(new IssuedApiKey(view(record),
                            seal.get().open(record.sealedSecret(), key.toString())));
                });
        auditor.event(AuditType.API_KEY_REVEALED, user.tenant(), user.id(), context)
                .with(Map.of("key", key.toString())).outcome(revealed);
        return revealed;
    }

    @Override
    public Outcome<Principal> authenticate(TenantId tenant, String key) {
        Objects.requireNonNull(tenant, "tenant");
        if (!format.wellFormed(key)) {
            return Outcome.refused(new Problem.InvalidToken());
        }
        Optional<Problem> disabled = tenants.refusalToUse(tenant);
        if (disabled.isPresent()) {
            return Outcome.refused(disabled.get());
        }
        Instant now = clock.instant();
        Optional<ApiKeyRecord> found = store.findByDigest(tenant, digest(key))
                .filter(record -> !record.revoked() && !record.expiredAt(now));
        if (found.isEmpty()) {
            return Outcome.refused(new Problem.InvalidToken());
        }
        ApiKeyRecord record = found.get();
        Optional<UserRecord> owner = users.findById(record.user())
                .filter(user -> user.status().canAuthenticate())
                .filter(user -> user.emailVerified() || !requireVerifiedEmail);
        return owner.<Outcome<Principal>>map(user -> Outcome.done(
                        Principal.ofApiKey(record.user(), record.id(), user.emailVerified())))
                .orElseGet(() -> Outcome.refused(new Problem.InvalidToken()));
    }

    private Outcome<User> checkPassword(UserRef user, String password, RequestContext context) {
        return User.load(users, user).flatMap(owner -> credentials.check(owner, password, context));
    }

    private Outcome<ApiKeyRecord> live(UserRef user, ApiKeyId key) {
        return store.find(user, key).filter(record -> !record.revoked())
                .<Outcome<ApiKeyRecord>>map(Outcome::done)
                .orElseGet(() -> Outcome.refused(new Problem.ApiKeyNotFound()));
    }

    private static ApiKeyView view(ApiKeyRecord record) {
        return new ApiKeyView(record.id(), record.name(), record.displayPrefix(), record.primary(),
                record.sealedSecret() != null, record.createdAt(), record.expiresAt(), record.revokedAt(),
                record.allowedIps());
    }
}

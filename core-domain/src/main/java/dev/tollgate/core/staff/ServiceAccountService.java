package dev.tollgate.core.staff;

import dev.tollgate.core.audit.Auditor;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.secret.TimeOrderedIds;
import dev.tollgate.core.text.TextRules;
import dev.tollgate.core.user.TenantGate;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.Permission;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.ServiceAccountId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.TenantStatus;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Page;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.api.staff.IssuedServiceAccount;
import dev.tollgate.port.api.staff.ServiceAccountView;
import dev.tollgate.port.api.staff.ServiceAccounts;
import dev.tollgate.port.spi.staff.ServiceAccountRecord;
import dev.tollgate.port.spi.staff.ServiceAccountStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Service accounts. A key is {@code tgsa_} and 43 base64url characters (256 random bits); the
 * store keeps its keyed digest and its first {@value #HINT_LENGTH} characters as a hint. A
 * service actor is of tier -1 (it acts on no staff member), in its own tenant only, with a
 * credit cap of {@link Long#MAX_VALUE} when it holds {@code users.credits}.
 */
public final class ServiceAccountService implements ServiceAccounts {

    /** What every service key starts with, so secret scanners recognise one. */
    public static final String KEY_PREFIX = "tgsa_";
    /** Characters of a key shown to tell keys apart. */
    public static final int HINT_LENGTH = 12;
    public static final int MAX_NAME = 100;
    private static final int MAX_REASON = 500;
    private static final int KEY_LENGTH = KEY_PREFIX.length() + 43;
    private static final KeysetCursor CURSOR = new KeysetCursor("service-accounts");

    private final ServiceAccountStore store;
    private final AccessRules access;
    private final TenantGate tenants;
    private final Secrets secrets;
    private final TimeOrderedIds ids;
    private final Clock clock;
    private final Auditor auditor;

    public ServiceAccountService(ServiceAccountStore store, AccessRules access, TenantGate tenants, Secrets secrets,
            TimeOrderedIds ids, Clock clock, Auditor auditor) {
        this.store = Objects.requireNonNull(store, "store");
        this.access = Objects.requireNonNull(access, "access");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    @Override
    public Outcome<Actor> actorOf(String key) {
        if (key == null || key.length() != KEY_LENGTH || !key.startsWith(KEY_PREFIX)) {
            return Outcome.refused(new Problem.InvalidToken());
        }
        Optional<ServiceAccountRecord> found = store.findByKeyDigest(digest(key)).filter(account -> !account.revoked());
        if (found.isEmpty()) {
            return Outcome.refused(new Problem.InvalidToken());
        }
        ServiceAccountRecord account = found.get();
        Optional<Problem> disabled = tenants.refusalToUse(account.tenant());
        if (disabled.isPresent()) {
            return Outcome.refused(disabled.get());
        }
        return Outcome.done(new Actor(Actor.Kind.SERVICE, account.tenant(), null, account.id(), null, -1,
                account.permissions(), account.permissions().contains(Permission.USERS_CREDITS) ? Long.MAX_VALUE : 0,
                false));
    }

    @Override
    public Outcome<TenantId> permit(Actor actor, Permission permission, TenantId tenant, RequestContext context) {
        return access.guard(actor, permission, tenant, null, context, () -> Outcome.done(tenant));
    }

    @Override
    public Outcome<IssuedServiceAccount> create(Actor actor, TenantId tenant, String name, Set<Permission> permissions,
            RequestContext context) {
        Outcome<IssuedServiceAccount> created = access.guard(actor, Permission.SERVICE_ACCOUNTS_MANAGE, tenant, null,
                context, () -> {
                    List<Problem.FieldError> errors = new ArrayList<>();
                    if (name == null || name.isBlank() || name.strip().length() > MAX_NAME) {
                        errors.add(new Problem.FieldError("name", "must be 1-" + MAX_NAME + " characters"));
                    } else {
                        TextRules.check("name", name, TextRules.Lines.SINGLE).ifPresent(errors::add);
                    }
                    if (permissions == null || permissions.isEmpty()) {
                        errors.add(new Problem.FieldError("permissions", "must name at least one permission"));
                    }
                    if (!errors.isEmpty()) {
                        return Outcome.refused(new Problem.InvalidInput(errors));
                    }
                    Optional<Permission> lacking = permissions.stream().filter(wanted -> !actor.may(wanted)).findFirst();
                    if (lacking.isPresent()) {
                        return Outcome.refused(access.deny(actor, lacking.get(), tenant, null, context));
                    }
                    // an account moving credits moves them without a cap, so only an actor without one may make it
                    if (permissions.contains(Permission.USERS_CREDITS) && actor.creditCap() != Long.MAX_VALUE) {
                        return Outcome.refused(access.deny(actor, Permission.USERS_CREDITS, tenant, null, context));
                    }
                    Optional<TenantStatus> status = tenants.status(tenant);
                    if (status.isEmpty()) {
                        return Outcome.refused(new Problem.TenantNotFound());
                    }
                    String key = KEY_PREFIX + secrets.newToken();
                    ServiceAccountRecord account = new ServiceAccountRecord(new ServiceAccountId(ids.next()), tenant,
                            name.strip(), EnumSet.copyOf(permissions), digest(key), key.substring(0, HINT_LENGTH),
                            clock.instant(), actor.auditedAs().orElse(null), null);
                    store.insert(account);
                    return Outcome.done(new IssuedServiceAccount(view(account), key));
                });
        if (created.isDone()) {
            ServiceAccountView account = created.orElseThrow().account();
            Map<String, String> details = new LinkedHashMap<>(AccessRules.describe(actor, null));
            details.put("account", account.id().toString());
            details.put("name", account.name());
            details.put("permissions", ids(account.permissions()));
            auditor.event(AuditType.SERVICE_ACCOUNT_CREATED, tenant, null, context)
                    .by(actor.auditedAs().orElse(null)).with(details).succeeded();
        }
        return created;
    }

    @Override
    public Outcome<Page<ServiceAccountView>> list(Actor actor, TenantId tenant, PageRequest page) {
        return access.guard(actor, Permission.SERVICE_ACCOUNTS_MANAGE, tenant, null, RequestContext.NONE,
                () -> CURSOR.after(page).flatMap(after -> {
                    ServiceAccountId from;
                    try {
                        from = after.map(ServiceAccountId::parse).orElse(null);
                    } catch (IllegalArgumentException e) {
                        return Outcome.refused(Problem.InvalidInput.of("cursor", "is not a cursor of this list"));
                    }
                    List<ServiceAccountView> fetched = store.list(tenant, from, page.limit() + 1).stream()
                            .map(ServiceAccountService::view).toList();
                    return Outcome.done(CURSOR.page(fetched, page, account -> account.id().toString(),
                            page.count() ? OptionalLong.of(count(tenant)) : OptionalLong.empty()));
                }));
    }

    private long count(TenantId tenant) {
        long count = 0;
        ServiceAccountId after = null;
        List<ServiceAccountRecord> chunk;
        do {
            chunk = store.list(tenant, after, PageRequest.MAX_LIMIT);
            count += chunk.size();
            after = chunk.isEmpty() ? null : chunk.get(chunk.size() - 1).id();
        } while (chunk.size() == PageRequest.MAX_LIMIT);
        return count;
    }

    @Override
    public Outcome<ServiceAccountView> revoke(Actor actor, TenantId tenant, ServiceAccountId id, String reason,
            RequestContext context) {
        return access.guard(actor, Permission.SERVICE_ACCOUNTS_MANAGE, tenant, null, context, () -> {
            if (reason != null && reason.length() > MAX_REASON) {
                return Outcome.refused(Problem.InvalidInput.of("reason", "must be at most " + MAX_REASON + " characters"));
            }
            Optional<ServiceAccountRecord> found = store.findById(tenant, id);
            if (found.isEmpty()) {
                return Outcome.refused(new Problem.ServiceAccountNotFound());
            }
            Instant now = clock.instant();
            if (store.revoke(tenant, id, now).isApplied()) {
                Map<String, String> details = new LinkedHashMap<>(AccessRules.describe(actor, null));
                details.put("account", id.toString());
                details.put("name", found.get().name());
                if (reason != null && !reason.isBlank()) {
                    details.put("reason", reason);
                }
                auditor.event(AuditType.SERVICE_ACCOUNT_REVOKED, tenant, null, context)
                        .by(actor.auditedAs().orElse(null)).with(details).succeeded();
            }
            // revoking a revoked account changes nothing and answers it as it is
            return store.findById(tenant, id).<Outcome<ServiceAccountView>>map(account -> Outcome.done(view(account)))
                    .orElseGet(() -> Outcome.refused(new Problem.ServiceAccountNotFound()));
        });
    }

    private String digest(String key) {
        return secrets.digest("service-account", key);
    }

    private static String ids(Set<Permission> permissions) {
        return permissions.stream().map(Permission::id).sorted().collect(Collectors.joining(","));
    }

    private static ServiceAccountView view(ServiceAccountRecord account) {
        return new ServiceAccountView(account.id(), account.tenant(), account.name(), account.permissions(),
                account.keyHint(), account.createdAt(), Optional.ofNullable(account.revokedAt()));
    }
}

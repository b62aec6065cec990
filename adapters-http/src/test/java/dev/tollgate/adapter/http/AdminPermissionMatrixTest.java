package dev.tollgate.adapter.http;

import static dev.tollgate.adapter.http.ApiClient.json;
import static dev.tollgate.adapter.http.ErrorResponsesTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.http.ApiClient.Call;
import dev.tollgate.adapter.http.ApiClient.Reply;
import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.Email;
import dev.tollgate.port.Permission;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.ServiceAccountId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.TenantStatus;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.admin.AuditQuery;
import dev.tollgate.port.api.admin.UserDetails;
import dev.tollgate.port.api.network.IpRuleView;
import dev.tollgate.port.api.network.NewIpRule;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.api.staff.ServiceAccountView;
import dev.tollgate.port.api.staff.StaffMember;
import dev.tollgate.port.api.tenant.TenantView;
import dev.tollgate.port.settings.ThrottleSettings;
import dev.tollgate.tck.support.ReferenceTotp;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every caller against every admin operation, over HTTP: allowed with the change made (read back
 * through the core), or 403 {@code PERMISSION_DENIED} with nothing changed and the refusal in the
 * audit. The expected table is written out below from the role descriptions, not computed
 * from the staff settings, so a rule the core gets wrong fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPermissionMatrixTest {

    /** Who calls. */
    enum Caller {
        SUPPORT_NEW, SUPPORT, SUPPORT_ADVANCED, ADMIN, SUPER_ADMIN, NO_TOKEN, PLAIN_USER, SERVICE_ACCOUNT;

        String role() {
            return name().toLowerCase();
        }
    }

    private static final String STAFF = "support_new support support_advanced admin super_admin";

    /** The table: which callers each operation allows. Every other caller is refused. */
    private static final Map<String, String> ALLOWED = Map.ofEntries(
            Map.entry("list users", STAFF + " service_account"),
            Map.entry("view a user", STAFF + " service_account"),
            Map.entry("a user's calls", STAFF + " service_account"),
            Map.entry("change contact", "support support_advanced admin super_admin"),
            Map.entry("change plan", "support support_advanced admin super_admin"),
            Map.entry("change limits", "support support_advanced admin super_admin"),
            Map.entry("delete a user", "admin super_admin"),
            Map.entry("suspend", "support_advanced admin super_admin"),
            Map.entry("activate", "support_advanced admin super_admin"),
            Map.entry("deactivate", "support_advanced admin super_admin"),
            Map.entry("unlock", "support_advanced admin super_admin"),
            Map.entry("reset password", "support support_advanced admin super_admin"),
            Map.entry("logout everywhere", "support_advanced admin super_admin"),
            Map.entry("grant credits", "support support_advanced admin super_admin"),
            Map.entry("stats", "support_advanced admin super_admin"),
            Map.entry("audit", "support_advanced admin super_admin"),
            Map.entry("audit of a user", STAFF + " service_account"),
            Map.entry("list staff", STAFF + " service_account"),
            Map.entry("grant a role", "admin super_admin"),
            Map.entry("change a role", "admin super_admin"),
            Map.entry("revoke a role", "admin super_admin"),
            Map.entry("list tenants", "super_admin"),
            Map.entry("create a tenant", "super_admin"),
            Map.entry("view another tenant", "super_admin"),
            Map.entry("rename a tenant", "super_admin"),
            Map.entry("disable a tenant", "super_admin"),
            Map.entry("enable a tenant", "super_admin"),
            Map.entry("list service accounts", "admin super_admin"),
            Map.entry("create a service account", "admin super_admin"),
            Map.entry("revoke a service account", "admin super_admin"),
            Map.entry("reset a second factor", "support_advanced admin super_admin"),
            Map.entry("list IP rules", "admin super_admin"),
            Map.entry("create an IP rule", "admin super_admin"),
            Map.entry("lift an IP rule", "admin super_admin"));

    private static final TenantId HOME = TenantId.DEFAULT;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private ServerFixture server;
    private final Map<Caller, String> tokens = new EnumMap<>(Caller.class);

    @BeforeAll
    void start() {
        server = new ServerFixture(core -> core.withThrottles(ThrottleSettings.NONE), UnaryOperator.identity(),
                UnaryOperator.identity());
        for (Caller caller : Caller.values()) {
            switch (caller) {
                case NO_TOKEN -> { }
                case PLAIN_USER -> {
                    server.member(HOME, "plain");
                    tokens.put(caller, server.login(HOME, "plain"));
                }
                case SERVICE_ACCOUNT -> tokens.put(caller, server.serviceAccount(HOME, Permission.USERS_READ));
                default -> tokens.put(caller, server.staff(HOME, caller.role().replace("_", "-"), caller.role()));
            }
        }
        server.tenant("elsewhere");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** What one cell acts on, made fresh for it; {@code rule} an IP rule's id or range. */
    record Target(UserRef user, String name, String session, ServiceAccountId account, String rule) {
        Target(UserRef user, String name, String session, ServiceAccountId account) {
            this(user, name, session, account, null);
        }
    }

    /** One admin operation: how to set up its target, the request, and whether the target changed. */
    record Operation(String name, String method, String path, int status, Function<AdminPermissionMatrixTest, Target> prepare,
            BiFunction<Target, ApiClient, Call> request, BiPredicate<AdminPermissionMatrixTest, Target> changed) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String USER = "/v1/admin/users/{id}";

    private static Stream<Operation> operations() {
        return Stream.of(
                read("list users", "GET", "/v1/admin/users", t -> "/v1/admin/users?limit=5"),
                new Operation("view a user", "GET", USER, 200, AdminPermissionMatrixTest::user,
                        (t, c) -> c.get("/v1/admin/users/" + t.user().id()), null),
                new Operation("a user's calls", "GET", USER + "/usage/events", 200, AdminPermissionMatrixTest::user,
                        (t, c) -> c.get("/v1/admin/users/" + t.user().id() + "/usage/events?limit=5"), null),
                change("change contact", "PATCH", USER, 200, AdminPermissionMatrixTest::user,
                        (t, c) -> c.method("PATCH", "/v1/admin/users/" + t.user().id())
                                .json(json("name", "Changed Name", "reason", "matrix")),
                        (test, t) -> "Changed Name".equals(test.details(t).user().profile().name())),
                change("change plan", "PATCH", USER, 200, AdminPermissionMatrixTest::user,
                        (t, c) -> c.method("PATCH", "/v1/admin/users/" + t.user().id()).json(json("plan", "premium")),
                        (test, t) -> "premium".equals(test.details(t).subscription().plan())),
                change("change limits", "PATCH", USER, 200, AdminPermissionMatrixTest::user,
                        (t, c) -> c.method("PATCH", "/v1/admin/users/" + t.user().id()).json(json("rate_limit", 77)),
                        (test, t) -> Integer.valueOf(77).equals(test.details(t).subscription().rateLimitOverride())),
                change("delete a user", "DELETE", USER, 204, AdminPermissionMatrixTest::user,
                        (t, c) -> c.delete("/v1/admin/users/" + t.user().id()).json(json("reason", "matrix")),
                        (test, t) -> test.status(t) != AccountStatus.ACTIVE),
                action("suspend", AdminPermissionMatrixTest::user, AccountStatus.SUSPENDED),
                action("activate", AdminPermissionMatrixTest::suspendedUser, AccountStatus.ACTIVE),
                action("deactivate", AdminPermissionMatrixTest::user, AccountStatus.DEACTIVATED),
                change("unlock", "POST", USER + "/unlock", 200, AdminPermissionMatrixTest::user,
                        (t, c) -> c.post("/v1/admin/users/" + t.user().id() + "/unlock"),
                        (test, t) -> test.audited(t, AuditType.ACCOUNT_UNLOCKED)),
                change("reset password", "POST", USER + "/reset-password", 200, AdminPermissionMatrixTest::user,
                        (t, c) -> c.post("/v1/admin/users/" + t.user().id() + "/reset-password")
                                .json(json("reason", "asked by phone")),
                        (test, t) -> test.server.mailer.sentTo(Email.of(t.name() + "@example.com")).size() > 1),
                change("logout everywhere", "POST", USER + "/logout-everywhere", 200,
                        AdminPermissionMatrixTest::signedInUser,
                        (t, c) -> c.post("/v1/admin/users/" + t.user().id() + "/logout-everywhere"),
                        (test, t) -> !test.server.core.sessions().authenticate(HOME, t.session()).isDone()),
                change("grant credits", "POST", USER + "/credits", 200, AdminPermissionMatrixTest::user,
                        (t, c) -> c.post("/v1/admin/users/" + t.user().id() + "/credits")
                                .json(json("meter", "credits", "amount", 5, "reason", "goodwill")),
                        (test, t) -> test.details(t).subscription().meters().get("credits").topUpLeft() == 5),
                read("stats", "GET", "/v1/admin/stats", t -> "/v1/admin/stats"),
                read("audit", "GET", "/v1/admin/audit", t -> "/v1/admin/audit?limit=5"),
                new Operation("audit of a user", "GET", "/v1/admin/audit", 200, AdminPermissionMatrixTest::user,
                        (t, c) -> c.get("/v1/admin/audit?subject=" + t.user().id()), null),
                read("list staff", "GET", "/v1/admin/staff", t -> "/v1/admin/staff"),
                change("grant a role", "POST", "/v1/admin/staff", 201, AdminPermissionMatrixTest::user,
                        (t, c) -> c.post("/v1/admin/staff").json(json("user_id", t.user().id().toString(),
                                "role", "support_new")),
                        (test, t) -> test.role(t).equals("support_new")),
                change("change a role", "PATCH", "/v1/admin/staff/{user_id}", 200, AdminPermissionMatrixTest::newStaff,
                        (t, c) -> c.method("PATCH", "/v1/admin/staff/" + t.user().id()).json(json("role", "support")),
                        (test, t) -> test.role(t).equals("support")),
                change("revoke a role", "DELETE", "/v1/admin/staff/{user_id}", 204, AdminPermissionMatrixTest::newStaff,
                        (t, c) -> c.delete("/v1/admin/staff/" + t.user().id()),
                        (test, t) -> test.role(t).isEmpty()),
                read("list tenants", "GET", "/v1/admin/tenants", t -> "/v1/admin/tenants"),
                change("create a tenant", "POST", "/v1/admin/tenants", 201, test -> fresh(),
                        (t, c) -> c.post("/v1/admin/tenants").json(json("id", t.name(), "name", "New")),
                        (test, t) -> test.server.core.tenants().find(Actor.system(), TenantId.of(t.name())).isDone()),
                read("view another tenant", "GET", "/v1/admin/tenants/{id}", t -> "/v1/admin/tenants/elsewhere"),
                change("rename a tenant", "PATCH", "/v1/admin/tenants/{id}", 200, AdminPermissionMatrixTest::freshTenant,
                        (t, c) -> c.method("PATCH", "/v1/admin/tenants/" + t.name()).json(json("name", "Renamed")),
                        (test, t) -> test.tenant(t).name().equals("Renamed")),
                change("disable a tenant", "POST", "/v1/admin/tenants/{id}/disable", 200,
                        AdminPermissionMatrixTest::freshTenant,
                        (t, c) -> c.post("/v1/admin/tenants/" + t.name() + "/disable"),
                        (test, t) -> test.tenant(t).status() == TenantStatus.DISABLED),
                change("enable a tenant", "POST", "/v1/admin/tenants/{id}/enable", 200,
                        AdminPermissionMatrixTest::disabledTenant,
                        (t, c) -> c.post("/v1/admin/tenants/" + t.name() + "/enable"),
                        (test, t) -> test.tenant(t).status() == TenantStatus.ACTIVE),
                read("list service accounts", "GET", "/v1/admin/service-accounts", t -> "/v1/admin/service-accounts"),
                change("create a service account", "POST", "/v1/admin/service-accounts", 201, test -> fresh(),
                        (t, c) -> c.post("/v1/admin/service-accounts").json(json("name", t.name(),
                                "permissions", List.of("users.read"))),
                        (test, t) -> test.serviceAccounts().anyMatch(a -> a.name().equals(t.name()))),
                change("revoke a service account", "DELETE", "/v1/admin/service-accounts/{id}", 204,
                        AdminPermissionMatrixTest::account,
                        (t, c) -> c.delete("/v1/admin/service-accounts/" + t.account()),
                        (test, t) -> test.serviceAccounts().anyMatch(a -> a.id().equals(t.account())
                                && a.revokedAt().isPresent())),
                change("reset a second factor", "POST", USER + "/mfa/reset", 200,
                        AdminPermissionMatrixTest::userWithSecondFactor,
                        (t, c) -> c.post("/v1/admin/users/" + t.user().id() + "/mfa/reset")
                                .json(json("reason", "lost their phone")),
                        (test, t) -> !test.server.core.secondFactors().status(t.user()).orElseThrow().enabled()),
                read("list IP rules", "GET", "/v1/admin/ip-rules", t -> "/v1/admin/ip-rules?tenant=default"),
                change("create an IP rule", "POST", "/v1/admin/ip-rules", 201, test -> freshRange(),
                        (t, c) -> c.post("/v1/admin/ip-rules").json(json("cidr", t.rule(), "action", "deny",
                                "reason", "matrix", "tenant", HOME.value())),
                        (test, t) -> test.ipRules().anyMatch(rule -> rule.cidr().equals(t.rule()))),
                change("lift an IP rule", "DELETE", "/v1/admin/ip-rules/{id}", 200, AdminPermissionMatrixTest::ipRule,
                        (t, c) -> c.delete("/v1/admin/ip-rules/" + t.rule()).json(json("reason", "matrix")),
                        (test, t) -> test.ipRules().noneMatch(rule -> rule.id().toString().equals(t.rule()))));
    }

    private static Operation read(String name, String method, String path, Function<Target, String> uri) {
        return new Operation(name, method, path, 200, test -> fresh(), (t, c) -> c.method(method, uri.apply(t)), null);
    }

    private static Operation change(String name, String method, String path, int status,
            Function<AdminPermissionMatrixTest, Target> prepare, BiFunction<Target, ApiClient, Call> request,
            BiPredicate<AdminPermissionMatrixTest, Target> changed) {
        return new Operation(name, method, path, status, prepare, request, changed);
    }

    private static Operation action(String name, Function<AdminPermissionMatrixTest, Target> prepare,
            AccountStatus after) {
        return new Operation(name, "POST", USER + "/" + name, 200, prepare,
                (t, c) -> c.post("/v1/admin/users/" + t.user().id() + "/" + name).json(json("reason", "matrix")),
                (test, t) -> test.status(t) == after);
    }

    static Stream<Arguments> cells() {
        return operations().flatMap(op -> Arrays.stream(Caller.values()).map(caller -> Arguments.of(op, caller)));
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("cells")
    void everyCaller_againstEveryOperation(Operation op, Caller caller) {
        Target target = op.prepare().apply(this);
        Set<UUID> refusalsBefore = refusals(target);
        Call call = op.request().apply(target, server.client);
        if (caller == Caller.NO_TOKEN) {
            Reply reply = call.breakingDocument().send();
            assertProblem(reply, 401, "UNAUTHENTICATED");
            assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
            assertUnchanged(op, target);
            return;
        }
        Reply reply = call.bearer(tokens.get(caller)).send();
        if (allowed(op, caller)) {
            assertThat(reply.status()).as("%s by %s: %s", op, caller, reply.body()).isEqualTo(op.status());
            if (op.changed() != null) {
                assertThat(op.changed().test(this, target)).as("%s by %s changed its target", op, caller).isTrue();
            }
        } else {
            assertProblem(reply, 403, "PERMISSION_DENIED");
            assertUnchanged(op, target);
            assertThat(refusals(target)).as("%s by %s: the refusal is audited", op, caller)
                    .isNotEqualTo(refusalsBefore);
        }
    }

    @Test
    void theTable_coversEveryAdminOperationOfTheDocument_andEveryOperationHasARow() {
        JsonNode document = server.client.get("/openapi.json").send().json();
        Set<String> documented = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (path.getKey().startsWith("/v1/admin/") && !path.getKey().equals("/v1/admin/setup")) {
                documented.add(method.toUpperCase() + " " + path.getKey());
            }
        }));
        Set<String> covered = operations().map(op -> op.method() + " " + op.path()).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(documented);
        assertThat(operations().map(Operation::name).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(ALLOWED.keySet());
        Set<String> callers = new HashSet<>();
        ALLOWED.values().forEach(row -> callers.addAll(Arrays.asList(row.split(" "))));
        assertThat(Arrays.stream(Caller.values()).map(Caller::role)).containsAll(callers);
    }

    private static boolean allowed(Operation op, Caller caller) {
        return Arrays.asList(ALLOWED.get(op.name()).split(" ")).contains(caller.role());
    }

    private void assertUnchanged(Operation op, Target target) {
        if (op.changed() != null) {
            assertThat(op.changed().test(this, target)).as("%s left its target unchanged", op).isFalse();
        }
    }

    // ---- targets, each made fresh for its cell

    private static Target fresh() {
        return new Target(null, "m" + SEQUENCE.incrementAndGet(), null, null);
    }

    private Target user() {
        String name = "target-" + SEQUENCE.incrementAndGet();
        return new Target(server.member(HOME, name), name, null, null);
    }

    private Target suspendedUser() {
        Target target = user();
        server.core.administration().suspend(Actor.system(), target.user(), "set up", RequestContext.NONE).orElseThrow();
        return target;
    }

    private Target signedInUser() {
        Target target = user();
        return new Target(target.user(), target.name(), server.login(HOME, target.name()), null);
    }

    private Target newStaff() {
        Target target = user();
        server.core.staff().grant(Actor.system(), target.user(), "support_new", "set up", RequestContext.NONE)
                .orElseThrow();
        return target;
    }

    private Target userWithSecondFactor() {
        Target target = user();
        String secret = server.core.secondFactors().enrol(target.user(), ServerFixture.PASSWORD, RequestContext.NONE)
                .orElseThrow().secret();
        server.core.secondFactors().confirm(target.user(), ReferenceTotp.code(secret, server.clock.instant()), RequestContext.NONE)
                .orElseThrow();
        return target;
    }

    /** An IPv6 range no other cell uses (and no request of the tests comes from). */
    private static Target freshRange() {
        int n = SEQUENCE.incrementAndGet();
        return new Target(null, "m" + n, null, null, "2001:db8::" + Integer.toHexString(n) + "/128");
    }

    private Target ipRule() {
        Target range = freshRange();
        IpRuleView rule = server.core.ipRules().create(Actor.system(), new NewIpRule(HOME, range.rule(), "deny",
                "set up", null), RequestContext.NONE).orElseThrow();
        return new Target(null, range.name(), null, null, rule.id().toString());
    }

    private Target freshTenant() {
        Target target = fresh();
        server.tenant(target.name());
        return target;
    }

    private Target disabledTenant() {
        Target target = freshTenant();
        server.core.tenants().disable(Actor.system(), TenantId.of(target.name()), "set up", RequestContext.NONE)
                .orElseThrow();
        return target;
    }

    private Target account() {
        Target target = fresh();
        server.serviceAccount(HOME, Permission.USERS_READ);
        ServiceAccountId id = serviceAccounts().filter(a -> a.revokedAt().isEmpty())
                .max((a, b) -> a.createdAt().compareTo(b.createdAt()) != 0 ? a.createdAt().compareTo(b.createdAt())
                        : a.id().value().compareTo(b.id().value()))
                .orElseThrow().id();
        return new Target(null, target.name(), null, id);
    }

    // ---- reading back through the core, as the system

    private UserDetails details(Target target) {
        return server.core.administration().details(Actor.system(), target.user()).orElseThrow();
    }

    private AccountStatus status(Target target) {
        Outcome<UserDetails> details = server.core.administration().details(Actor.system(), target.user());
        return details.isDone() ? details.orElseThrow().user().status() : AccountStatus.DELETED;
    }

    private String role(Target target) {
        Outcome<StaffMember> member = server.core.staff().find(Actor.system(), target.user());
        return member.isDone() ? member.orElseThrow().role() : "";
    }

    private TenantView tenant(Target target) {
        return server.core.tenants().find(Actor.system(), TenantId.of(target.name())).orElseThrow();
    }

    private Stream<IpRuleView> ipRules() {
        return server.core.ipRules().list(Actor.system(), null).orElseThrow().stream();
    }

    private Stream<ServiceAccountView> serviceAccounts() {
        return server.core.serviceAccounts().list(Actor.system(), HOME, PageRequest.first(PageRequest.MAX_LIMIT))
                .orElseThrow().items().stream();
    }

    private boolean audited(Target target, AuditType type) {
        return !server.core.auditSearch().search(Actor.system(), new AuditQuery(HOME, target.user().id(), null,
                Set.of(type), null, null, null), PageRequest.first(1)).orElseThrow().items().isEmpty();
    }

    /** The newest PERMISSION_DENIED event of the home tenant and, for a tenant operation, of the tenant acted on. */
    private Set<UUID> refusals(Target target) {
        Set<TenantId> tenants = new HashSet<>(Set.of(HOME, TenantId.of("elsewhere")));
        if (target.user() == null && target.account() == null) {
            tenants.add(TenantId.of(target.name()));
        }
        Set<UUID> newest = new HashSet<>();
        for (TenantId tenant : tenants) {
            server.core.auditSearch().search(Actor.system(), new AuditQuery(tenant, null, null,
                    Set.of(AuditType.PERMISSION_DENIED), null, null, null), PageRequest.first(1))
                    .orElseThrow().items().forEach(entry -> newest.add(entry.id()));
        }
        return newest;
    }
}

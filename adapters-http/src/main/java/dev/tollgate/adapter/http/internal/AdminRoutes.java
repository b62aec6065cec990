package dev.tollgate.adapter.http.internal;

import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.AccountType;
import dev.tollgate.port.AuditOutcome;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.account.UserView;
import dev.tollgate.port.api.admin.AuditQuery;
import dev.tollgate.port.api.admin.AuditSearch;
import dev.tollgate.port.api.admin.Statistics;
import dev.tollgate.port.api.admin.StatsQuery;
import dev.tollgate.port.api.admin.UserAdministration;
import dev.tollgate.port.api.admin.UserQuery;
import dev.tollgate.port.api.staff.Actor;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code /v1/admin/users}, {@code /v1/admin/stats} and {@code /v1/admin/audit}: what staff (and
 * service accounts granted such permissions) do to and learn of users. Each handler resolves the
 * actor, reads the request and calls one use case, which decides whether the actor may; the user
 * a path names is looked up in the request's tenant ({@link AdminAuthentication#tenantOf}).
 */
public final class AdminRoutes {

    private static final int DEFAULT_TOP = 10;
    private static final int DEFAULT_DAYS = 30;

    private final UserAdministration administration;
    private final Statistics statistics;
    private final AuditSearch audit;
    private final AdminAuthentication auth;
    private final JsonBodies json;
    private final Answers answers;
    private final RequestScope scope;
    private final Clock clock;

    public AdminRoutes(UserAdministration administration, Statistics statistics, AuditSearch audit,
            AdminAuthentication auth, JsonBodies json, Answers answers, RequestScope scope, Clock clock) {
        this.administration = Objects.requireNonNull(administration, "administration");
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.json = Objects.requireNonNull(json, "json");
        this.answers = Objects.requireNonNull(answers, "answers");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.get("/v1/admin/users", this::search);
        routes.get("/v1/admin/users/{id}", this::details);
        routes.patch("/v1/admin/users/{id}", this::update);
        routes.delete("/v1/admin/users/{id}", this::delete);
        routes.post("/v1/admin/users/{id}/suspend", ctx -> action(ctx, administration::suspend));
        routes.post("/v1/admin/users/{id}/activate", ctx -> action(ctx, administration::activate));
        routes.post("/v1/admin/users/{id}/deactivate", ctx -> action(ctx, administration::deactivate));
        routes.post("/v1/admin/users/{id}/unlock", ctx -> action(ctx, administration::unlock));
        routes.post("/v1/admin/users/{id}/reset-password", ctx -> action(ctx, administration::resetPassword));
        routes.post("/v1/admin/users/{id}/logout-everywhere", this::logoutEverywhere);
        routes.post("/v1/admin/users/{id}/mfa/reset", this::resetMfa);
        routes.post("/v1/admin/users/{id}/credits", this::credits);
        routes.get("/v1/admin/users/{id}/usage/events", this::usageEvents);
        routes.get("/v1/admin/stats", this::stats);
        routes.get("/v1/admin/audit", this::audit);
    }

    private void search(Context ctx) {
        answers.write(ctx, auth.actor(ctx).flatMap(actor -> {
            QueryParams params = new QueryParams(ctx);
            TenantId tenant = auth.tenantOf(ctx, actor);
            String text = params.text("q");
            AccountStatus status = params.choice("status", AccountStatus.class);
            String plan = params.text("plan");
            AccountType type = params.choice("account_type", AccountType.class);
            Boolean verified = params.bool("verified");
            Instant createdFrom = params.instant("created_from");
            Instant createdTo = params.instant("created_to");
            Instant loginFrom = params.instant("last_login_from");
            Instant loginTo = params.instant("last_login_to");
            Sort sort = params.choice("sort", Sort.class);
            Order order = params.choice("order", Order.class);
            PageRequest page = params.page();
            return params.then(() -> new UserQuery(tenant, text, status, plan, type, verified, createdFrom, createdTo,
                    loginFrom, loginTo, sort == null ? UserQuery.Sort.CREATED : sort.sort,
                    order == null ? sort == null || sort == Sort.CREATED || sort == Sort.LAST_LOGIN : order == Order.DESC))
                    .flatMap(query -> administration.search(actor, query, page));
        }), 200, page -> AdminResponses.PageBody.of(page, AdminResponses.UserRow::of));
    }

    private void details(Context ctx) {
        answers.write(ctx, auth.actor(ctx).flatMap(actor -> user(ctx, actor)
                .flatMap(user -> administration.details(actor, user))), 200, AdminResponses.UserDetailsBody::of);
    }

    private void usageEvents(Context ctx) {
        answers.write(ctx, auth.actor(ctx).flatMap(actor -> user(ctx, actor).flatMap(user -> {
            QueryParams params = new QueryParams(ctx);
            PageRequest page = params.page();
            return params.then(() -> page).flatMap(request -> administration.usageEvents(actor, user, request));
        })), 200, page -> AdminResponses.PageBody.of(page, Responses.UsageEvent::of));
    }

    private void update(Context ctx) {
        answers.write(ctx, auth.actor(ctx).flatMap(actor -> user(ctx, actor)
                .flatMap(user -> json.read(ctx, AdminRequests.UserPatch.class).flatMap(in -> in.toChange()
                        .flatMap(change -> administration.update(actor, user, change, in.reason(), scope.origin(ctx)))))),
                200, AdminResponses.UserDetailsBody::of);
    }

    private void delete(Context ctx) {
        answers.writeNoContent(ctx, auth.actor(ctx).flatMap(actor -> user(ctx, actor)
                .flatMap(user -> reason(ctx).flatMap(in -> administration.delete(actor, user, in.reason(),
                        scope.origin(ctx))))));
    }

    private void action(Context ctx, UserAction action) {
        answers.write(ctx, auth.actor(ctx).flatMap(actor -> user(ctx, actor)
                .flatMap(user -> reason(ctx).flatMap(in -> action.apply(actor, user, in.reason(), scope.origin(ctx))))),
                200, Responses.User::of);
    }

    private void logoutEverywhere(Context ctx) {
        answers.write(ctx, auth.actor(ctx).flatMap(actor -> user(ctx, actor)
                .flatMap(user -> reason(ctx).flatMap(in -> administration.logoutEverywhere(actor, user, in.reason(),
                        scope.origin(ctx))))), 200, AdminResponses.SessionsEnded::new);
    }

    private void resetMfa(Context ctx) {
        answers.write(ctx, auth.actor(ctx).flatMap(actor -> user(ctx, actor)
                .flatMap(user -> reason(ctx).flatMap(in -> administration.resetMfa(actor, user, in.reason(),
                        scope.origin(ctx))))), 200, Responses.SecondFactor::of);
    }

    private void credits(Context ctx) {
        answers.write(ctx, auth.actor(ctx).flatMap(actor -> user(ctx, actor)
                .flatMap(user -> json.read(ctx, AdminRequests.Credits.class)
                        .flatMap(in -> administration.adjustCredits(actor, user, in.meter(), in.amount(), in.reason(),
                                scope.origin(ctx)).map(state -> AdminResponses.CreditsAdjusted.of(in.meter(), state))))),
                200, Function.identity());
    }

    private void stats(Context ctx) {
        answers.write(ctx, auth.actor(ctx).flatMap(actor -> {
            QueryParams params = new QueryParams(ctx);
            TenantId tenant = auth.tenantOf(ctx, actor);
            LocalDate from = params.date("from");
            LocalDate to = params.date("to");
            Integer top = params.integer("top", 1, 100);
            return params.then(() -> {
                LocalDate last = to != null ? to : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
                LocalDate first = from != null ? from : last.minusDays(DEFAULT_DAYS - 1L);
                return new StatsQuery(tenant, first, last, top == null ? DEFAULT_TOP : top);
            }).flatMap(query -> statistics.stats(actor, query));
        }), 200, AdminResponses.StatsBody::of);
    }

    private void audit(Context ctx) {
        answers.write(ctx, auth.actor(ctx).flatMap(actor -> {
            QueryParams params = new QueryParams(ctx);
            TenantId tenant = auth.tenantOf(ctx, actor);
            UUID subject = params.uuid("subject");
            UUID by = params.uuid("actor");
            Set<AuditType> types = params.choices("type", AuditType.class);
            AuditOutcome outcome = params.choice("outcome", AuditOutcome.class);
            Instant from = params.instant("from");
            Instant to = params.instant("to");
            PageRequest page = params.page();
            return params.then(() -> new AuditQuery(tenant, subject == null ? null : new UserId(subject),
                    by == null ? null : new UserId(by), types, outcome, from, to))
                    .flatMap(query -> audit.search(actor, query, page));
        }), 200, page -> AdminResponses.PageBody.of(page, AdminResponses.AuditEvent::of));
    }

    /** The user the path names, in the tenant the call acts in; text that is no UUID names nobody. */
    private Outcome<UserRef> user(Context ctx, Actor actor) {
        return BillingRoutes.userIn(auth.tenantOf(ctx, actor), ctx.pathParam("id"));
    }

    /** The optional body of an action: its {@code reason}. */
    private Outcome<AdminRequests.Reason> reason(Context ctx) {
        return json.readOptional(ctx, AdminRequests.Reason.class, AdminRequests.Reason.NONE);
    }

    /** A use case acting on one user with a reason. */
    @FunctionalInterface
    private interface UserAction {
        Outcome<UserView> apply(Actor actor, UserRef user, String reason,
                RequestContext context);
    }

    /** The {@code sort} parameter. */
    private enum Sort {
        CREATED(UserQuery.Sort.CREATED),
        USERNAME(UserQuery.Sort.USERNAME),
        LAST_LOGIN(UserQuery.Sort.LAST_LOGIN);

        private final UserQuery.Sort sort;

        Sort(UserQuery.Sort sort) {
            this.sort = sort;
        }
    }

    /** The {@code order} parameter. */
    private enum Order {
        ASC,
        DESC
    }
}

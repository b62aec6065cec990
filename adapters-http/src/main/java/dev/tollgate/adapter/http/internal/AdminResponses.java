package dev.tollgate.adapter.http.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.Permission;
import dev.tollgate.port.api.Page;
import dev.tollgate.port.api.admin.StaffNote;
import dev.tollgate.port.api.admin.Stats;
import dev.tollgate.port.api.admin.UserDetails;
import dev.tollgate.port.api.admin.UserSummary;
import dev.tollgate.port.api.audit.AuditEntry;
import dev.tollgate.port.api.metering.KeyVerification.MeterState;
import dev.tollgate.port.api.network.IpRuleView;
import dev.tollgate.port.api.staff.IssuedServiceAccount;
import dev.tollgate.port.api.staff.ServiceAccountView;
import dev.tollgate.port.api.staff.StaffMember;
import dev.tollgate.port.api.tenant.TenantView;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The JSON bodies {@code /v1/admin} answers; optional parts are absent when empty. Never a secret but a new key once. */
public final class AdminResponses {

    private AdminResponses() {
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** One page of a list: {@code next_cursor} absent on the last page, {@code total} only when asked for. */
    public record PageBody<T>(List<T> items, String nextCursor, Long total) {
        static <V, T> PageBody<T> of(Page<V> page, Function<? super V, T> item) {
            return new PageBody<>(page.items().stream().<T>map(item).toList(),
                    page.nextCursor().orElse(null), page.total().isPresent() ? page.total().getAsLong() : null);
        }
    }

    /** A row of the user list. */
    public record UserRow(Responses.User user, String plan, String staffRole) {
        static UserRow of(UserSummary summary) {
            return new UserRow(Responses.User.of(summary.user()), summary.plan(), summary.staffRole().orElse(null));
        }
    }

    /** Everything staff see of a user. */
    public record UserDetailsBody(
            Responses.User user,
            String statusReason,
            Responses.Subscription subscription,
            List<Responses.ApiKey> apiKeys,
            List<Responses.Session> sessions,
            int failedLogins,
            Instant lockedUntil,
            Note notes,
            String staffRole) {

        static UserDetailsBody of(UserDetails details) {
            return new UserDetailsBody(Responses.User.of(details.user()), details.statusReason().orElse(null),
                    Responses.Subscription.of(details.subscription()),
                    details.keys().stream().map(Responses.ApiKey::of).toList(),
                    details.sessions().stream().map(session -> Responses.Session.of(session, null)).toList(),
                    details.failedLogins(), details.lockedUntil().orElse(null), details.notes().map(Note::of).orElse(null),
                    details.staffRole().orElse(null));
        }
    }

    /** The staff notes on a user. */
    public record Note(String text, Instant updatedAt, String updatedBy) {
        static Note of(StaffNote note) {
            return new Note(note.text(), note.updatedAt(), note.updatedBy().map(Object::toString).orElse(null));
        }
    }

    /** How many sessions {@code logout-everywhere} ended. */
    public record SessionsEnded(int sessionsEnded) {
    }

    /** A meter after credits were granted or deducted. */
    public record CreditsAdjusted(String meter, Responses.Meter balance) {
        static CreditsAdjusted of(String meter, MeterState state) {
            return new CreditsAdjusted(meter, Responses.Meter.of(state));
        }
    }

    /** A staff member and their role. */
    public record StaffMemberBody(String userId, String tenant, String username, String email, String role,
            Instant grantedAt, String grantedBy, Instant updatedAt) {
        static StaffMemberBody of(StaffMember member) {
            return new StaffMemberBody(member.user().id().toString(), member.user().tenant().value(),
                    member.username().value(), member.email().value(), member.role(), member.grantedAt(),
                    member.grantedBy().map(Object::toString).orElse(null), member.updatedAt());
        }
    }

    /** A tenant. */
    public record Tenant(String id, String name, String status, Instant createdAt, Instant updatedAt) {
        static Tenant of(TenantView view) {
            return new Tenant(view.id().value(), view.name(), lower(view.status()), view.createdAt(), view.updatedAt());
        }
    }

    /** A service account, never its key. */
    public record ServiceAccount(String id, String tenant, String name, List<String> permissions, String keyHint,
            Instant createdAt, Instant revokedAt) {
        static ServiceAccount of(ServiceAccountView view) {
            return new ServiceAccount(view.id().toString(), view.tenant().value(), view.name(),
                    view.permissions().stream().map(Permission::id).sorted().toList(), view.keyHint(), view.createdAt(),
                    view.revokedAt().orElse(null));
        }
    }

    /** A new service account and its key, shown this once. {@link #toString()} does not print the key. */
    public record IssuedServiceAccountBody(ServiceAccount serviceAccount, String key) {
        static IssuedServiceAccountBody of(IssuedServiceAccount issued) {
            return new IssuedServiceAccountBody(ServiceAccount.of(issued.account()), issued.key());
        }

        @Override
        public String toString() {
            return "IssuedServiceAccountBody[serviceAccount=" + serviceAccount + ", key=***]";
        }
    }

    /** One audit event. */
    public record AuditEvent(String id, String tenant, String type, String outcome, Instant at, String actor,
            String subject, String reason, String ip, String userAgent, Map<String, String> details) {
        static AuditEvent of(AuditEntry entry) {
            return new AuditEvent(entry.id().toString(), entry.tenant().value(), lower(entry.type()),
                    lower(entry.outcome()), entry.at(), entry.actor().map(Object::toString).orElse(null),
                    entry.subject().map(Object::toString).orElse(null), entry.reason().orElse(null),
                    entry.ip().orElse(null), entry.userAgent().orElse(null), new TreeMap<>(entry.details()));
        }
    }

    /** An IP rule; {@code tenant} absent for a rule of every tenant, {@code expires_at} for one that never ends. */
    public record IpRule(String id, String tenant, String cidr, String action, String reason, boolean automatic,
            String createdBy, Instant createdAt, Instant expiresAt) {
        static IpRule of(IpRuleView view) {
            return new IpRule(view.id().toString(), view.tenant() == null ? null : view.tenant().value(), view.cidr(),
                    view.action(), view.reason(), view.automatic(), view.createdBy(), view.createdAt(),
                    view.expiresAt());
        }
    }

    /** The live IP rules the caller may see, oldest first. */
    public record IpRules(List<IpRule> rules) {
        static IpRules of(List<IpRuleView> views) {
            return new IpRules(views.stream().map(IpRule::of).toList());
        }
    }

    /** A tenant's statistics. */
    public record StatsBody(Instant at, Map<String, Long> byStatus, Map<String, Long> byPlan,
            List<DayCount> registrations, Active active, List<MeterDay> usage, List<Consumer> topConsumers) {
        static StatsBody of(Stats stats) {
            Map<String, Long> byStatus = new TreeMap<>();
            for (AccountStatus status : AccountStatus.values()) {
                byStatus.put(lower(status), stats.byStatus().getOrDefault(status, 0L));
            }
            return new StatsBody(stats.at(), byStatus, new TreeMap<>(stats.byPlan()),
                    stats.registrations().stream().map(day -> new DayCount(day.day(), day.count())).toList(),
                    new Active(stats.active().lastDay(), stats.active().last7Days(), stats.active().last30Days()),
                    stats.usage().stream().map(day -> new MeterDay(day.day(), day.meter(), day.verifications(),
                            day.units())).toList(),
                    stats.topConsumers().stream().map(top -> new Consumer(top.user().toString(), top.username(),
                            top.meter(), top.units())).toList());
        }
    }

    /** Users created on one day. */
    public record DayCount(LocalDate day, long count) {
    }

    /** Users who logged in within the last 1, 7 and 30 days. */
    public record Active(long lastDay, @JsonProperty("last_7_days") long last7Days,
            @JsonProperty("last_30_days") long last30Days) {
    }

    /** One meter's verifications and units on one day. */
    public record MeterDay(LocalDate day, String meter, long verifications, long units) {
    }

    /** A user among those who consumed most of a meter. */
    public record Consumer(String userId, String username, String meter, long units) {
    }
}

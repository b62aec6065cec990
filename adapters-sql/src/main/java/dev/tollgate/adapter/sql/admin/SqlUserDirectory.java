package dev.tollgate.adapter.sql.admin;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.adapter.sql.internal.UserRows;
import dev.tollgate.port.UserId;
import dev.tollgate.port.spi.admin.DirectoryEntry;
import dev.tollgate.port.spi.admin.UserDirectory;
import dev.tollgate.port.spi.admin.UserFilter;
import dev.tollgate.port.spi.admin.UserOrder;
import dev.tollgate.port.spi.admin.UserPosition;
import dev.tollgate.port.spi.user.UserRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The user lists of {@code tg_users}, with each user's plan from {@code tg_subscriptions} and role
 * from {@code tg_staff}. A page is one range of an index on the tenant, the order's key and the id
 * (schema 9), started after the previous page's last row (keyset pagination), so it costs the same
 * at any depth; other filters are checked on the rows of that range. A text prefix is a range
 * ({@code >= 'abc' AND < 'abd'}) of each searched column, never {@code LIKE}, so {@code %} and
 * {@code _} are plain characters and the indexes serve it.
 *
 * <p>Users who never logged in hold no last login: a list by last login reads them as their own
 * range (by id) before or after the range of those who did, in up to two queries.
 */
public final class SqlUserDirectory implements UserDirectory {

    private static final String COLUMNS = "u.tenant_id, u.id, u.username, u.email, u.email_verified_at, u.pending_email, "
            + "u.password_hash, u.status, u.status_reason, u.name, u.about_me, u.hobbies, u.account_type, "
            + "u.failed_logins, u.locked_until, u.created_at, u.updated_at, u.last_login_at";
    private static final String SUBSCRIPTION = " LEFT JOIN tg_subscriptions s ON s.tenant_id = u.tenant_id AND s.user_id = u.id";
    private static final String STAFF = " LEFT JOIN tg_staff st ON st.tenant_id = u.tenant_id AND st.user_id = u.id";

    private final Database database;
    private final SqlDialect dialect;

    public SqlUserDirectory(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
    }

    /** SQL conditions with the values they bind. */
    private static final class Conditions {

        private final StringBuilder sql = new StringBuilder();
        private final List<Consumer<SqlStatement<?>>> binds = new ArrayList<>();
        private int next;

        String name() {
            return "p" + next++;
        }

        Conditions and(String condition) {
            sql.append(" AND ").append(condition);
            return this;
        }

        Conditions bind(Consumer<SqlStatement<?>> bind) {
            binds.add(bind);
            return this;
        }

        <S extends SqlStatement<S>> S applyTo(S statement) {
            binds.forEach(bind -> bind.accept(statement));
            return statement;
        }
    }

    @Override
    public List<DirectoryEntry> search(UserFilter filter, UserOrder order, UserPosition after, int limit) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(order, "order");
        if (limit < 1 || limit > 1_000) {
            throw new IllegalArgumentException("limit must be 1 to 1,000");
        }
        List<Segment> segments = segments(order, after);
        List<DirectoryEntry> found = new ArrayList<>();
        for (Segment segment : segments) {
            if (found.size() == limit) {
                break;
            }
            found.addAll(page(filter, segment, limit - found.size()));
        }
        return List.copyOf(found);
    }

    @Override
    public long count(UserFilter filter) {
        Objects.requireNonNull(filter, "filter");
        Conditions where = filtered(filter);
        return database.call("count users", handle -> where.applyTo(handle.createQuery("SELECT COUNT(*) FROM tg_users u"
                        + (filter.plan() == null ? "" : SUBSCRIPTION) + " WHERE u.tenant_id = :tenant" + where.sql))
                .bind("tenant", filter.tenant().value())
                .mapTo(Long.class)
                .one());
    }

    /**
     * One index range of a list: rows ordered by {@code column} (null: by id alone, among users
     * without a last login) in one direction, after {@code after} (null: from the first).
     */
    private record Segment(String column, boolean descending, Object afterKey, UserId afterId, boolean startsAfterKey) {
    }

    private List<Segment> segments(UserOrder order, UserPosition after) {
        boolean desc = order.descending();
        UserId afterId = after == null ? null : after.id();
        return switch (order.key()) {
            case CREATED -> List.of(new Segment("u.created_at", desc,
                    after == null ? null : Objects.requireNonNull(after.createdAt(), "a position by creation holds createdAt"),
                    afterId, after != null));
            case USERNAME -> List.of(new Segment("u.username_canonical", desc,
                    after == null ? null : Objects.requireNonNull(after.username(), "a position by username holds the username"),
                    afterId, after != null));
            case LAST_LOGIN -> lastLoginSegments(desc, after);
        };
    }

    /** Never-logged-in users sort first ascending, last descending. */
    private static List<Segment> lastLoginSegments(boolean desc, UserPosition after) {
        Segment neverFromStart = new Segment(null, desc, null, null, false);
        Segment loginsFromStart = new Segment("u.last_login_at", desc, null, null, false);
        if (after == null) {
            return desc ? List.of(loginsFromStart, neverFromStart) : List.of(neverFromStart, loginsFromStart);
        }
        if (after.lastLoginAt() == null) {
            Segment neverAfter = new Segment(null, desc, null, after.id(), true);
            return desc ? List.of(neverAfter) : List.of(neverAfter, loginsFromStart);
        }
        Segment loginsAfter = new Segment("u.last_login_at", desc, after.lastLoginAt(), after.id(), true);
        return desc ? List.of(loginsAfter, neverFromStart) : List.of(loginsAfter);
    }

    private List<DirectoryEntry> page(UserFilter filter, Segment segment, int limit) {
        Conditions where = filtered(filter);
        String direction = segment.descending() ? " DESC" : "";
        String comparison = segment.descending() ? " < " : " > ";
        String orderBy;
        if (segment.column() == null) {
            where.and("u.last_login_at IS NULL");
            if (segment.startsAfterKey()) {
                String id = where.name();
                where.and("u.id" + comparison + ":" + id).bind(s -> s.bind(id, dialect.uuid(segment.afterId().value())));
            }
            orderBy = " ORDER BY u.id" + direction;
        } else {
            if (segment.column().equals("u.last_login_at")) {
                where.and("u.last_login_at IS NOT NULL");
            }
            if (segment.startsAfterKey()) {
                String key = where.name();
                String id = where.name();
                where.and("(" + segment.column() + ", u.id)" + comparison + "(:" + key + ", :" + id + ")")
                        .bind(s -> bindKey(s, key, segment.afterKey()))
                        .bind(s -> s.bind(id, dialect.uuid(segment.afterId().value())));
            }
            orderBy = " ORDER BY " + segment.column() + direction + ", u.id" + direction;
        }
        return database.call("list users", handle -> where.applyTo(handle.createQuery("SELECT " + COLUMNS
                        + ", s.plan AS subscribed_plan, st.role AS staff_role FROM tg_users u" + SUBSCRIPTION + STAFF
                        + " WHERE u.tenant_id = :tenant" + where.sql + orderBy + " LIMIT :limit"))
                .bind("tenant", filter.tenant().value())
                .bind("limit", limit)
                .map((row, context) -> new DirectoryEntry(read(row), row.getString("subscribed_plan"), row.getString("staff_role")))
                .list());
    }

    private void bindKey(SqlStatement<?> statement, String name, Object key) {
        if (key instanceof Instant instant) {
            statement.bind(name, dialect.instant(instant));
        } else {
            statement.bind(name, (String) key);
        }
    }

    /** The filter's conditions on {@code u} (and {@code s}, the subscription, when it names a plan). */
    private Conditions filtered(UserFilter filter) {
        Conditions where = new Conditions();
        if (filter.textPrefix() != null) {
            String text = where.name();
            String length = where.name();
            where.bind(s -> s.bind(text, filter.textPrefix())).bind(s -> s.bind(length, filter.textPrefix().codePointCount(0,
                    filter.textPrefix().length())));
            Optional<String> above = TextRange.above(filter.textPrefix());
            String upper = where.name();
            above.ifPresent(bound -> where.bind(s -> s.bind(upper, bound)));
            List<String> each = new ArrayList<>();
            for (String column : List.of("u.username_canonical", "u.email", "lower(u.name)")) {
                each.add("(" + column + " >= :" + text + (above.isPresent() ? " AND " + column + " < :" + upper : "")
                        + " AND substr(" + column + ", 1, :" + length + ") = :" + text + ")");
            }
            where.and("(" + String.join(" OR ", each) + ")");
        }
        if (filter.status() != null) {
            String status = where.name();
            where.and("u.status = :" + status).bind(s -> s.bind(status, filter.status().name()));
        }
        if (filter.plan() != null) {
            String plan = where.name();
            where.and(filter.plan().equals(filter.defaultPlan()) ? "(s.plan IS NULL OR s.plan = :" + plan + ")" : "s.plan = :" + plan)
                    .bind(s -> s.bind(plan, filter.plan()));
        }
        if (filter.accountType() != null) {
            String type = where.name();
            where.and("u.account_type = :" + type).bind(s -> s.bind(type, filter.accountType().name()));
        }
        if (filter.verified() != null) {
            where.and(filter.verified() ? "u.email_verified_at IS NOT NULL" : "u.email_verified_at IS NULL");
        }
        range(where, "u.created_at", filter.createdFrom(), filter.createdTo());
        range(where, "u.last_login_at", filter.lastLoginFrom(), filter.lastLoginTo());
        return where;
    }

    private void range(Conditions where, String column, Instant from, Instant to) {
        if (from != null) {
            String name = where.name();
            where.and(column + " >= :" + name).bind(s -> s.bind(name, dialect.instant(from)));
        }
        if (to != null) {
            String name = where.name();
            where.and(column + " < :" + name).bind(s -> s.bind(name, dialect.instant(to)));
        }
    }

    private UserRecord read(ResultSet row) throws SQLException {
        return UserRows.read(row, dialect);
    }
}

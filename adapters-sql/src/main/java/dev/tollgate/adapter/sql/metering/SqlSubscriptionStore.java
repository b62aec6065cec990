package dev.tollgate.adapter.sql.metering;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.adapter.sql.internal.FormEncoded;
import dev.tollgate.port.Change;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.settings.ServiceLevel;
import dev.tollgate.port.spi.metering.Subscription;
import dev.tollgate.port.spi.metering.SubscriptionStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Subscriptions in {@code tg_subscriptions}, one row per user. Saving is one upsert, so two
 * processes saving at once leave one whole subscription, never a mix. Allowance overrides and
 * extra entitlements are form-encoded text, sorted so equal subscriptions store equal text.
 */
public final class SqlSubscriptionStore implements SubscriptionStore {

    private static final String COLUMNS = "tenant_id, user_id, plan, allowance_overrides, rate_limit_override, "
            + "extra_entitlements, updated_at, level_override";
    private static final String OF_USER = " WHERE tenant_id = :tenant AND user_id = :user";

    private final Database database;
    private final SqlDialect dialect;

    public SqlSubscriptionStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
    }

    @Override
    public Optional<Subscription> find(UserRef user) {
        Objects.requireNonNull(user, "user");
        return database.call("find subscription", handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM tg_subscriptions" + OF_USER)
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .map((row, context) -> read(row))
                .findOne());
    }

    @Override
    public void save(Subscription subscription) {
        Objects.requireNonNull(subscription, "subscription");
        Map<String, String> overrides = new TreeMap<>();
        subscription.allowanceOverrides().forEach((meter, amount) -> overrides.put(meter, Long.toString(amount)));
        database.call("save subscription", handle -> handle.createUpdate("INSERT INTO tg_subscriptions (" + COLUMNS
                        + ") VALUES (:tenant, :user, :plan, :overrides, :rateLimit, :entitlements, :updatedAt, :level) "
                        + "ON CONFLICT (tenant_id, user_id) DO UPDATE SET plan = excluded.plan, "
                        + "allowance_overrides = excluded.allowance_overrides, "
                        + "rate_limit_override = excluded.rate_limit_override, "
                        + "extra_entitlements = excluded.extra_entitlements, updated_at = excluded.updated_at, "
                        + "level_override = excluded.level_override")
                .bind("tenant", subscription.user().tenant().value())
                .bind("user", dialect.uuid(subscription.user().id().value()))
                .bind("plan", subscription.plan())
                .bind("overrides", FormEncoded.map(overrides))
                .bind("rateLimit", subscription.rateLimitOverride())
                .bind("entitlements", FormEncoded.list(subscription.extraEntitlements().stream().sorted().toList()))
                .bind("updatedAt", dialect.instant(subscription.updatedAt()))
                .bind("level", subscription.levelOverride() == null ? null : subscription.levelOverride().name())
                .execute());
    }

    @Override
    public Change delete(UserRef user) {
        Objects.requireNonNull(user, "user");
        return Change.of(database.call("delete subscription", handle -> handle.createUpdate("DELETE FROM tg_subscriptions"
                        + OF_USER)
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .execute() == 1));
    }

    private Subscription read(ResultSet row) throws SQLException {
        Map<String, Long> overrides = new LinkedHashMap<>();
        FormEncoded.map(row.getString("allowance_overrides"))
                .forEach((meter, amount) -> overrides.put(meter, Long.parseLong(amount)));
        int rateLimit = row.getInt("rate_limit_override");
        Integer rateLimitOverride = row.wasNull() ? null : rateLimit;
        String level = row.getString("level_override");
        return new Subscription(
                new UserRef(TenantId.of(row.getString("tenant_id")), new UserId(dialect.uuid(row, "user_id"))),
                row.getString("plan"),
                overrides,
                rateLimitOverride,
                Set.copyOf(FormEncoded.list(row.getString("extra_entitlements"))),
                dialect.instant(row, "updated_at"),
                level == null ? null : ServiceLevel.valueOf(level));
    }
}

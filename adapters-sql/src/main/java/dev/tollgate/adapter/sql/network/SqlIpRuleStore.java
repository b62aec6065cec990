package dev.tollgate.adapter.sql.network;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.port.Change;
import dev.tollgate.port.IpRuleId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.spi.network.IpRule;
import dev.tollgate.port.spi.network.IpRuleStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * IP rules in {@code tg_ip_rules}, one row per rule, a global rule's tenant SQL NULL. Rules are
 * few, so the live ones are read whole; the index on {@code expires_at} serves the purge of
 * expired ones.
 */
public final class SqlIpRuleStore implements IpRuleStore {

    private static final String COLUMNS = "id, tenant_id, cidr, action, reason, automatic, created_by, created_at, "
            + "expires_at";

    private final Database database;
    private final SqlDialect dialect;

    public SqlIpRuleStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
    }

    @Override
    public void create(IpRule rule) {
        Objects.requireNonNull(rule, "rule");
        database.call("create ip rule", handle -> handle.createUpdate("INSERT INTO tg_ip_rules (" + COLUMNS + ") VALUES "
                        + "(:id, :tenant, :cidr, :action, :reason, :automatic, :createdBy, :createdAt, :expiresAt)")
                .bind("id", dialect.uuid(rule.id().value()))
                .bind("tenant", rule.tenant() == null ? null : rule.tenant().value())
                .bind("cidr", rule.cidr())
                .bind("action", rule.action().name())
                .bind("reason", rule.reason())
                .bind("automatic", rule.automatic() ? 1 : 0)
                .bind("createdBy", rule.createdBy())
                .bind("createdAt", dialect.instant(rule.createdAt()))
                .bind("expiresAt", dialect.instant(rule.expiresAt()))
                .execute());
    }

    @Override
    public Optional<IpRule> find(IpRuleId id) {
        Objects.requireNonNull(id, "id");
        return database.call("find ip rule", handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM tg_ip_rules WHERE id = :id")
                .bind("id", dialect.uuid(id.value()))
                .map((row, context) -> read(row))
                .findOne());
    }

    @Override
    public List<IpRule> live(Instant now) {
        Objects.requireNonNull(now, "now");
        return database.call("list live ip rules", handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM tg_ip_rules WHERE expires_at IS NULL OR expires_at > :now ORDER BY created_at, id")
                .bind("now", dialect.instant(now))
                .map((row, context) -> read(row))
                .list());
    }

    @Override
    public Change delete(IpRuleId id) {
        Objects.requireNonNull(id, "id");
        return Change.of(database.call("delete ip rule", handle -> handle.createUpdate("DELETE FROM tg_ip_rules "
                        + "WHERE id = :id")
                .bind("id", dialect.uuid(id.value()))
                .execute() == 1));
    }

    @Override
    public int deleteExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        return database.call("delete expired ip rules", handle -> handle.createUpdate("DELETE FROM tg_ip_rules "
                        + "WHERE expires_at <= :now")
                .bind("now", dialect.instant(now))
                .execute());
    }

    private IpRule read(ResultSet row) throws SQLException {
        String tenant = row.getString("tenant_id");
        return new IpRule(
                new IpRuleId(dialect.uuid(row, "id")),
                tenant == null ? null : TenantId.of(tenant),
                row.getString("cidr"),
                IpRule.Action.valueOf(row.getString("action")),
                row.getString("reason"),
                row.getInt("automatic") == 1,
                row.getString("created_by"),
                dialect.instant(row, "created_at"),
                dialect.instant(row, "expires_at"));
    }
}

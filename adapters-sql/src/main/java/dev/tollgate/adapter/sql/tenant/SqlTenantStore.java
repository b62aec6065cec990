package dev.tollgate.adapter.sql.tenant;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.port.Change;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.TenantStatus;
import dev.tollgate.port.spi.tenant.TenantRecord;
import dev.tollgate.port.spi.tenant.TenantStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Tenants in {@code tg_tenants}, whose migration adds the default tenant and every tenant users
 * belonged to before. Ids compare bytewise (PostgreSQL's {@code "C"} collation on the column,
 * SQLite's binary one), so pages follow the order of {@link String#compareTo}. Every write is one
 * conditional statement.
 */
public final class SqlTenantStore implements TenantStore {

    private static final String COLUMNS = "id, name, status, status_reason, created_at, updated_at";

    private final Database database;
    private final SqlDialect dialect;

    public SqlTenantStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
    }

    @Override
    public Change insert(TenantRecord tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return Change.of(database.call("insert tenant", handle -> handle.createUpdate("INSERT INTO tg_tenants ("
                        + COLUMNS + ") VALUES (:id, :name, :status, :reason, :createdAt, :updatedAt) "
                        + "ON CONFLICT (id) DO NOTHING")
                .bind("id", tenant.id().value())
                .bind("name", tenant.name())
                .bind("status", tenant.status().name())
                .bind("reason", tenant.statusReason())
                .bind("createdAt", dialect.instant(tenant.createdAt()))
                .bind("updatedAt", dialect.instant(tenant.updatedAt()))
                .execute() == 1));
    }

    @Override
    public Optional<TenantRecord> find(TenantId id) {
        Objects.requireNonNull(id, "id");
        return database.call("find tenant", handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM tg_tenants WHERE id = :id")
                .bind("id", id.value())
                .map((row, context) -> read(row))
                .findOne());
    }

    @Override
    public List<TenantRecord> list(TenantId after, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        return database.call("list tenants", handle -> {
            var query = handle.createQuery("SELECT " + COLUMNS + " FROM tg_tenants"
                    + (after == null ? "" : " WHERE id > :after") + " ORDER BY id LIMIT :limit");
            if (after != null) {
                query.bind("after", after.value());
            }
            return query.bind("limit", limit).map((row, context) -> read(row)).list();
        });
    }

    @Override
    public Change rename(TenantId id, String name, Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        return Change.of(database.call("rename tenant", handle -> handle.createUpdate("UPDATE tg_tenants "
                        + "SET name = :name, updated_at = :now WHERE id = :id")
                .bind("name", name)
                .bind("now", dialect.instant(Objects.requireNonNull(now, "now")))
                .bind("id", id.value())
                .execute() == 1));
    }

    @Override
    public Change changeStatus(TenantId id, TenantStatus expected, TenantStatus next, String reason, Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(next, "next");
        return Change.of(database.call("change tenant status", handle -> handle.createUpdate("UPDATE tg_tenants "
                        + "SET status = :next, status_reason = :reason, updated_at = :now "
                        + "WHERE id = :id AND status = :expected")
                .bind("next", next.name())
                .bind("reason", reason)
                .bind("now", dialect.instant(Objects.requireNonNull(now, "now")))
                .bind("id", id.value())
                .bind("expected", expected.name())
                .execute() == 1));
    }

    private TenantRecord read(ResultSet row) throws SQLException {
        return new TenantRecord(
                TenantId.of(row.getString("id")),
                row.getString("name"),
                TenantStatus.valueOf(row.getString("status")),
                row.getString("status_reason"),
                dialect.instant(row, "created_at"),
                dialect.instant(row, "updated_at"));
    }
}

package dev.tollgate.adapter.sql.staff;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.port.Change;
import dev.tollgate.port.Permission;
import dev.tollgate.port.ServiceAccountId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.spi.staff.ServiceAccountRecord;
import dev.tollgate.port.spi.staff.ServiceAccountStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Service accounts in {@code tg_service_accounts}, found by a unique index on the key digest (over
 * all tenants) or by id within their tenant, and listed through the index on tenant and id.
 * Permissions are their dotted names, sorted and joined by commas; a name this version does not
 * know (written by a newer one) is left out on reading, so an account never gains a permission.
 */
public final class SqlServiceAccountStore implements ServiceAccountStore {

    private static final String COLUMNS = "id, tenant_id, name, permissions, key_digest, key_hint, created_at, "
            + "created_by, revoked_at";

    private final Database database;
    private final SqlDialect dialect;

    public SqlServiceAccountStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
    }

    @Override
    public void insert(ServiceAccountRecord account) {
        Objects.requireNonNull(account, "account");
        database.call("insert service account", handle -> handle.createUpdate("INSERT INTO tg_service_accounts ("
                        + COLUMNS + ") VALUES (:id, :tenant, :name, :permissions, :digest, :hint, :createdAt, "
                        + ":createdBy, :revokedAt)")
                .bind("id", dialect.uuid(account.id().value()))
                .bind("tenant", account.tenant().value())
                .bind("name", account.name())
                .bind("permissions", write(account.permissions()))
                .bind("digest", account.keyDigest())
                .bind("hint", account.keyHint())
                .bind("createdAt", dialect.instant(account.createdAt()))
                .bind("createdBy", dialect.uuid(account.createdBy() == null ? null : account.createdBy().value()))
                .bind("revokedAt", dialect.instant(account.revokedAt()))
                .execute());
    }

    @Override
    public Optional<ServiceAccountRecord> findById(TenantId tenant, ServiceAccountId id) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        return database.call("find service account", handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM tg_service_accounts WHERE id = :id AND tenant_id = :tenant")
                .bind("id", dialect.uuid(id.value()))
                .bind("tenant", tenant.value())
                .map((row, context) -> read(row))
                .findOne());
    }

    @Override
    public Optional<ServiceAccountRecord> findByKeyDigest(String keyDigest) {
        Objects.requireNonNull(keyDigest, "keyDigest");
        return database.call("find service account", handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM tg_service_accounts WHERE key_digest = :digest")
                .bind("digest", keyDigest)
                .map((row, context) -> read(row))
                .findOne());
    }

    @Override
    public List<ServiceAccountRecord> list(TenantId tenant, ServiceAccountId after, int limit) {
        Objects.requireNonNull(tenant, "tenant");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        return database.call("list service accounts", handle -> {
            var query = handle.createQuery("SELECT " + COLUMNS + " FROM tg_service_accounts WHERE tenant_id = :tenant"
                    + (after == null ? "" : " AND id > :after") + " ORDER BY id LIMIT :limit");
            if (after != null) {
                query.bind("after", dialect.uuid(after.value()));
            }
            return query.bind("tenant", tenant.value()).bind("limit", limit).map((row, context) -> read(row)).list();
        });
    }

    @Override
    public Change revoke(TenantId tenant, ServiceAccountId id, Instant now) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        return Change.of(database.call("revoke service account", handle -> handle.createUpdate("UPDATE "
                        + "tg_service_accounts SET revoked_at = :now WHERE id = :id AND tenant_id = :tenant "
                        + "AND revoked_at IS NULL")
                .bind("now", dialect.instant(Objects.requireNonNull(now, "now")))
                .bind("id", dialect.uuid(id.value()))
                .bind("tenant", tenant.value())
                .execute() == 1));
    }

    private static String write(Set<Permission> permissions) {
        return permissions.stream().map(Permission::id).sorted().collect(Collectors.joining(","));
    }

    private static Set<Permission> permissions(String stored) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        Arrays.stream(stored.split(",")).map(String::strip).filter(name -> !name.isEmpty())
                .forEach(name -> Permission.named(name).ifPresent(permissions::add));
        return permissions;
    }

    private ServiceAccountRecord read(ResultSet row) throws SQLException {
        UUID createdBy = dialect.uuid(row, "created_by");
        return new ServiceAccountRecord(
                new ServiceAccountId(dialect.uuid(row, "id")),
                TenantId.of(row.getString("tenant_id")),
                row.getString("name"),
                permissions(row.getString("permissions")),
                row.getString("key_digest"),
                row.getString("key_hint"),
                dialect.instant(row, "created_at"),
                createdBy == null ? null : new UserId(createdBy),
                dialect.instant(row, "revoked_at"));
    }
}

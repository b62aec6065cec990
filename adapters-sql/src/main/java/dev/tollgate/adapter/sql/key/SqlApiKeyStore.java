package dev.tollgate.adapter.sql.key;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.adapter.sql.internal.FormEncoded;
import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.Change;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.key.ApiKeyRecord;
import dev.tollgate.port.spi.key.ApiKeyStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * API keys in {@code tg_api_keys}, found through a unique index on tenant and digest: a digest
 * is looked up in one tenant only. Revocation and
 * regeneration are single conditional updates, so the old digest stops matching for every
 * process at once. The address ranges a key works from are one form-encoded text column
 * ({@link FormEncoded}), empty for anywhere.
 */
public final class SqlApiKeyStore implements ApiKeyStore {

    private static final String COLUMNS = "id, tenant_id, user_id, name, digest, display_prefix, sealed_secret, "
            + "is_primary, created_at, expires_at, revoked_at, allowed_ips";
    private static final String OF_USER = " WHERE tenant_id = :tenant AND user_id = :user";

    private final Database database;
    private final SqlDialect dialect;

    public SqlApiKeyStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
    }

    @Override
    public void create(ApiKeyRecord key) {
        database.call("create api key", handle -> handle.createUpdate("INSERT INTO tg_api_keys (" + COLUMNS + ") VALUES "
                        + "(:id, :tenant, :user, :name, :digest, :display, :sealed, :primary, :createdAt, :expiresAt, "
                        + ":revokedAt, :allowedIps)")
                .bind("id", dialect.uuid(key.id().value()))
                .bind("tenant", key.user().tenant().value())
                .bind("user", dialect.uuid(key.user().id().value()))
                .bind("name", key.name())
                .bind("digest", key.digest())
                .bind("display", key.displayPrefix())
                .bind("sealed", key.sealedSecret())
                .bind("primary", key.primary() ? 1 : 0)
                .bind("createdAt", dialect.instant(key.createdAt()))
                .bind("expiresAt", dialect.instant(key.expiresAt()))
                .bind("revokedAt", dialect.instant(key.revokedAt()))
                .bind("allowedIps", FormEncoded.list(key.allowedIps()))
                .execute());
    }

    @Override
    public Optional<ApiKeyRecord> findByDigest(TenantId tenant, String digest) {
        Objects.requireNonNull(tenant, "tenant");
        return database.call("find api key", handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM tg_api_keys WHERE tenant_id = :tenant AND digest = :digest")
                .bind("tenant", tenant.value())
                .bind("digest", digest)
                .map((row, context) -> read(row))
                .findOne());
    }

    @Override
    public Optional<ApiKeyRecord> find(UserRef user, ApiKeyId key) {
        return database.call("find api key", handle -> handle.createQuery("SELECT " + COLUMNS + " FROM tg_api_keys"
                        + OF_USER + " AND id = :id")
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .bind("id", dialect.uuid(key.value()))
                .map((row, context) -> read(row))
                .findOne());
    }

    @Override
    public List<ApiKeyRecord> list(UserRef user) {
        return database.call("list api keys", handle -> handle.createQuery("SELECT " + COLUMNS + " FROM tg_api_keys"
                        + OF_USER + " ORDER BY created_at DESC, id DESC")
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .map((row, context) -> read(row))
                .list());
    }

    @Override
    public Change revoke(UserRef user, ApiKeyId key, Instant at) {
        return Change.of(database.call("revoke api key", handle -> handle.createUpdate("UPDATE tg_api_keys SET revoked_at = :at"
                        + OF_USER + " AND id = :id AND revoked_at IS NULL")
                .bind("at", dialect.instant(at))
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .bind("id", dialect.uuid(key.value()))
                .execute() == 1));
    }

    @Override
    public Change replaceSecret(UserRef user, ApiKeyId key, String expectedDigest, String newDigest,
            String newDisplayPrefix, String newSealedSecret) {
        return Change.of(database.call("regenerate api key", handle -> handle.createUpdate("UPDATE tg_api_keys SET "
                        + "digest = :newDigest, display_prefix = :display, sealed_secret = :sealed" + OF_USER
                        + " AND id = :id AND digest = :expected AND revoked_at IS NULL")
                .bind("newDigest", newDigest)
                .bind("display", newDisplayPrefix)
                .bind("sealed", newSealedSecret)
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .bind("id", dialect.uuid(key.value()))
                .bind("expected", expectedDigest)
                .execute() == 1));
    }

    @Override
    public Change restrictAddresses(UserRef user, ApiKeyId key, List<String> allowedIps) {
        String ranges = FormEncoded.list(List.copyOf(allowedIps));
        return Change.of(database.call("restrict api key addresses", handle -> handle.createUpdate("UPDATE tg_api_keys "
                        + "SET allowed_ips = :ranges" + OF_USER + " AND id = :id AND revoked_at IS NULL")
                .bind("ranges", ranges)
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .bind("id", dialect.uuid(key.value()))
                .execute() == 1));
    }

    @Override
    public int deleteAll(UserRef user) {
        return database.call("delete api keys", handle -> handle.createUpdate("DELETE FROM tg_api_keys" + OF_USER)
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .execute());
    }

    private ApiKeyRecord read(ResultSet row) throws SQLException {
        return new ApiKeyRecord(
                new ApiKeyId(dialect.uuid(row, "id")),
                new UserRef(TenantId.of(row.getString("tenant_id")), new UserId(dialect.uuid(row, "user_id"))),
                row.getString("name"),
                row.getString("digest"),
                row.getString("display_prefix"),
                row.getString("sealed_secret"),
                row.getInt("is_primary") == 1,
                dialect.instant(row, "created_at"),
                dialect.instant(row, "expires_at"),
                dialect.instant(row, "revoked_at"),
                FormEncoded.list(row.getString("allowed_ips")));
    }
}

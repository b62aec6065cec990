package dev.tollgate.adapter.sql.session;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.port.Change;
import dev.tollgate.port.SessionId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.session.Rotation;
import dev.tollgate.port.spi.session.RotationResult;
import dev.tollgate.port.spi.session.SessionRecord;
import dev.tollgate.port.spi.session.SessionStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Sessions in {@code tg_sessions}, looked up by unique indexes on tenant and digest, so a digest
 * is found in one tenant only; refresh digests a rotation retired are kept, with their tenant,
 * in {@code tg_spent_refresh_digests}. A rotation is one transaction:
 * the conditional update of the session and the record of the spent digest commit together, so
 * a concurrent rotation presenting the same digest finds it spent.
 */
public final class SqlSessionStore implements SessionStore {

    private static final String COLUMNS = "id, tenant_id, user_id, access_digest, refresh_digest, created_at, "
            + "last_used_at, access_expires_at, refresh_expires_at, ip, user_agent, revoked_at, idle_timeout_millis, device";
    private static final String OF_USER = " WHERE tenant_id = :tenant AND user_id = :user";

    private final Database database;
    private final SqlDialect dialect;

    public SqlSessionStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
    }

    @Override
    public void create(SessionRecord session) {
        database.call("create session", handle -> handle.createUpdate("INSERT INTO tg_sessions (" + COLUMNS + ") VALUES "
                        + "(:id, :tenant, :user, :access, :refresh, :createdAt, :lastUsedAt, :accessExpiresAt, "
                        + ":refreshExpiresAt, :ip, :userAgent, :revokedAt, :idleTimeout, :device)")
                .bind("id", dialect.uuid(session.id().value()))
                .bind("tenant", session.user().tenant().value())
                .bind("user", dialect.uuid(session.user().id().value()))
                .bind("access", session.accessDigest())
                .bind("refresh", session.refreshDigest())
                .bind("createdAt", dialect.instant(session.createdAt()))
                .bind("lastUsedAt", dialect.instant(session.lastUsedAt()))
                .bind("accessExpiresAt", dialect.instant(session.accessExpiresAt()))
                .bind("refreshExpiresAt", dialect.instant(session.refreshExpiresAt()))
                .bind("ip", session.ip())
                .bind("userAgent", session.userAgent())
                .bind("revokedAt", dialect.instant(session.revokedAt()))
                .bind("idleTimeout", session.idleTimeout() == null ? null : session.idleTimeout().toMillis())
                .bind("device", session.device())
                .execute());
    }

    @Override
    public Optional<SessionRecord> findByAccessDigest(TenantId tenant, String accessDigest) {
        Objects.requireNonNull(tenant, "tenant");
        return database.call("find session", handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM tg_sessions WHERE tenant_id = :tenant AND access_digest = :digest")
                .bind("tenant", tenant.value())
                .bind("digest", accessDigest)
                .map((row, context) -> read(row))
                .findOne());
    }

    @Override
    public RotationResult rotate(TenantId tenant, String presentedRefreshDigest, Rotation next, Instant now) {
        Objects.requireNonNull(tenant, "tenant");
        return database.inTransaction("rotate session", handle -> {
            Optional<SessionRecord> rotated = handle.createQuery("UPDATE tg_sessions SET access_digest = :access, "
                            + "refresh_digest = :refresh, access_expires_at = :accessExpiresAt, "
                            + "refresh_expires_at = :refreshExpiresAt WHERE tenant_id = :tenant "
                            + "AND refresh_digest = :presented AND revoked_at IS NULL AND refresh_expires_at > :now "
                            + "RETURNING " + COLUMNS)
                    .bind("tenant", tenant.value())
                    .bind("access", next.accessDigest())
                    .bind("refresh", next.refreshDigest())
                    .bind("accessExpiresAt", dialect.instant(next.accessExpiresAt()))
                    .bind("refreshExpiresAt", dialect.instant(next.refreshExpiresAt()))
                    .bind("presented", presentedRefreshDigest)
                    .bind("now", dialect.instant(now))
                    .map((row, context) -> read(row))
                    .findOne();
            if (rotated.isPresent()) {
                handle.createUpdate("INSERT INTO tg_spent_refresh_digests (tenant_id, digest, session_id, spent_at) "
                                + "VALUES (:tenant, :digest, :session, :now)")
                        .bind("tenant", tenant.value())
                        .bind("digest", presentedRefreshDigest)
                        .bind("session", dialect.uuid(rotated.get().id().value()))
                        .bind("now", dialect.instant(now))
                        .execute();
                return RotationResult.rotated(rotated.get());
            }
            return handle.createQuery("SELECT " + prefixed("s") + " FROM tg_spent_refresh_digests spent "
                            + "JOIN tg_sessions s ON s.id = spent.session_id WHERE spent.tenant_id = :tenant "
                            + "AND spent.digest = :presented AND s.tenant_id = :tenant")
                    .bind("tenant", tenant.value())
                    .bind("presented", presentedRefreshDigest)
                    .map((row, context) -> read(row))
                    .findOne()
                    .map(RotationResult::reused)
                    .orElseGet(RotationResult::unknown);
        });
    }

    @Override
    public void touch(UserRef user, SessionId session, Instant at) {
        database.call("touch session", handle -> handle.createUpdate("UPDATE tg_sessions SET last_used_at = :at"
                        + OF_USER + " AND id = :id AND last_used_at < :at")
                .bind("at", dialect.instant(at))
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .bind("id", dialect.uuid(session.value()))
                .execute());
    }

    @Override
    public Change revoke(UserRef user, SessionId session, Instant at) {
        return Change.of(database.call("revoke session", handle -> handle.createUpdate("UPDATE tg_sessions SET revoked_at = :at"
                        + OF_USER + " AND id = :id AND revoked_at IS NULL")
                .bind("at", dialect.instant(at))
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .bind("id", dialect.uuid(session.value()))
                .execute() == 1));
    }

    @Override
    public int revokeAll(UserRef user, Instant at) {
        return database.call("revoke sessions", handle -> revokeWhere(handle, user, at, "", null));
    }

    @Override
    public int revokeAllExcept(UserRef user, SessionId keep, Instant at) {
        return database.call("revoke other sessions", handle -> revokeWhere(handle, user, at, " AND id <> :keep", keep));
    }

    private int revokeWhere(Handle handle, UserRef user, Instant at, String condition, SessionId keep) {
        var update = handle.createUpdate("UPDATE tg_sessions SET revoked_at = :at" + OF_USER
                        + " AND revoked_at IS NULL" + condition)
                .bind("at", dialect.instant(at))
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()));
        if (keep != null) {
            update.bind("keep", dialect.uuid(keep.value()));
        }
        return update.execute();
    }

    @Override
    public List<SessionRecord> listLive(UserRef user, Instant now) {
        return database.call("list sessions", handle -> handle.createQuery("SELECT " + COLUMNS + " FROM tg_sessions"
                        + OF_USER + " AND revoked_at IS NULL AND refresh_expires_at > :now "
                        + "ORDER BY created_at DESC, id DESC")
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .bind("now", dialect.instant(now))
                .map((row, context) -> read(row))
                .list());
    }

    @Override
    public int deleteAll(UserRef user) {
        return database.inTransaction("delete sessions", handle -> {
            handle.createUpdate("DELETE FROM tg_spent_refresh_digests WHERE session_id IN "
                            + "(SELECT id FROM tg_sessions" + OF_USER + ")")
                    .bind("tenant", user.tenant().value())
                    .bind("user", dialect.uuid(user.id().value()))
                    .execute();
            return handle.createUpdate("DELETE FROM tg_sessions" + OF_USER)
                    .bind("tenant", user.tenant().value())
                    .bind("user", dialect.uuid(user.id().value()))
                    .execute();
        });
    }

    private static String prefixed(String alias) {
        return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
    }

    private SessionRecord read(ResultSet row) throws SQLException {
        long idleMillis = row.getLong("idle_timeout_millis");
        Duration idleTimeout = row.wasNull() ? null : Duration.ofMillis(idleMillis);
        return new SessionRecord(
                new SessionId(dialect.uuid(row, "id")),
                new UserRef(TenantId.of(row.getString("tenant_id")), new UserId(dialect.uuid(row, "user_id"))),
                row.getString("access_digest"),
                row.getString("refresh_digest"),
                dialect.instant(row, "created_at"),
                dialect.instant(row, "last_used_at"),
                dialect.instant(row, "access_expires_at"),
                dialect.instant(row, "refresh_expires_at"),
                row.getString("ip"),
                row.getString("user_agent"),
                dialect.instant(row, "revoked_at"),
                idleTimeout,
                row.getString("device"));
    }
}

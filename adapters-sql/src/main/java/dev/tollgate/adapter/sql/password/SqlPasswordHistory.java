package dev.tollgate.adapter.sql.password;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.password.PasswordHistory;
import dev.tollgate.port.spi.password.RememberedPassword;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * Remembered passwords in {@code tg_password_history}, one row per password, newest first by
 * {@code set_at} and, among passwords set at one instant, by the order they were remembered
 * (the row's generated id). Remembering is one transaction that first takes the user's lock
 * ({@link SqlDialect#transactionLock()}: an advisory lock on PostgreSQL, the write lock every
 * SQLite transaction takes), then adds the row and forgets all but the newest kept: so two
 * remembered at once never leave more than kept, whichever process each runs in.
 */
public final class SqlPasswordHistory implements PasswordHistory {

    private static final String OF_USER = " WHERE tenant_id = :tenant AND user_id = :user";
    private static final String NEWEST_FIRST = " ORDER BY set_at DESC, id DESC";
    /** The lock space of users' password histories, the first half of their lock's name ("tgph"). */
    private static final int HISTORY_LOCKS = 0x74677068;

    private final Database database;
    private final SqlDialect dialect;

    public SqlPasswordHistory(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
    }

    @Override
    public void remember(UserRef user, RememberedPassword password, int keep) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, was " + keep);
        }
        database.inTransaction("remember password", handle -> {
            lock(handle, user);
            handle.createUpdate("INSERT INTO tg_password_history (tenant_id, user_id, hash, set_at) "
                            + "VALUES (:tenant, :user, :hash, :setAt)")
                    .bind("tenant", user.tenant().value())
                    .bind("user", dialect.uuid(user.id().value()))
                    .bind("hash", password.hash())
                    .bind("setAt", dialect.instant(password.setAt()))
                    .execute();
            return handle.createUpdate("DELETE FROM tg_password_history" + OF_USER + " AND id NOT IN "
                            + "(SELECT id FROM tg_password_history" + OF_USER + NEWEST_FIRST + " LIMIT :keep)")
                    .bind("tenant", user.tenant().value())
                    .bind("user", dialect.uuid(user.id().value()))
                    .bind("keep", keep)
                    .execute();
        });
    }

    @Override
    public List<RememberedPassword> recent(UserRef user, int limit) {
        Objects.requireNonNull(user, "user");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        return database.call("list remembered passwords", handle -> handle.createQuery("SELECT hash, set_at FROM "
                        + "tg_password_history" + OF_USER + NEWEST_FIRST + " LIMIT :limit")
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .bind("limit", limit)
                .map((row, context) -> new RememberedPassword(row.getString("hash"), dialect.instant(row, "set_at")))
                .list());
    }

    @Override
    public int deleteAll(UserRef user) {
        Objects.requireNonNull(user, "user");
        return database.call("forget passwords", handle -> handle.createUpdate("DELETE FROM tg_password_history"
                        + OF_USER)
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .execute());
    }

    private void lock(Handle handle, UserRef user) {
        String statement = dialect.transactionLock();
        if (statement != null) {
            handle.createQuery(statement)
                    .bind("space", HISTORY_LOCKS)
                    .bind("key", Objects.hash(user.tenant().value(), user.id().value()))
                    .mapToMap()
                    .one();
        }
    }
}

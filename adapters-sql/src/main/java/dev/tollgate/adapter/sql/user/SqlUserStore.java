package dev.tollgate.adapter.sql.user;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.adapter.sql.internal.FormEncoded;
import dev.tollgate.adapter.sql.internal.UserRows;
import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.Change;
import dev.tollgate.port.Email;
import dev.tollgate.port.Profile;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.Username;
import dev.tollgate.port.spi.user.EmailChangeResult;
import dev.tollgate.port.spi.user.FailedLogin;
import dev.tollgate.port.spi.user.InsertResult;
import dev.tollgate.port.spi.user.LockoutRule;
import dev.tollgate.port.spi.user.SuccessfulLogin;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.port.spi.user.UserStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Users in table {@code tg_users}. Uniqueness is the database's: unique indexes on
 * {@code (tenant_id, username_canonical)} and {@code (tenant_id, email)}, with inserts that
 * skip conflicts ({@code ON CONFLICT DO NOTHING}) and then name the column taken. Counters and
 * compare-and-set changes are single {@code UPDATE ... WHERE} statements. A pending address
 * ({@code pending_email}) is not indexed: it becomes {@code email} in one {@code UPDATE}, which
 * the unique index on the address decides.
 */
public final class SqlUserStore implements UserStore {

    private static final String COLUMNS = "tenant_id, id, username, username_canonical, email, email_verified_at, "
            + "pending_email, password_hash, status, status_reason, name, about_me, hobbies, account_type, failed_logins, "
            + "locked_until, created_at, updated_at, last_login_at";
    private static final String BY_REF = " WHERE tenant_id = :tenant AND id = :id";

    private final Database database;
    private final SqlDialect dialect;

    public SqlUserStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
    }

    @Override
    public InsertResult insert(UserRecord user) {
        return database.call("insert user", handle -> {
            int inserted = handle.createUpdate("INSERT INTO tg_users (" + COLUMNS + ") VALUES (:tenant, :id, :username, "
                            + ":canonical, :email, :verifiedAt, :pendingEmail, :hash, :status, :reason, :name, :aboutMe, :hobbies, "
                            + ":accountType, :failures, :lockedUntil, :createdAt, :updatedAt, :lastLoginAt) "
                            + "ON CONFLICT DO NOTHING")
                    .bind("tenant", user.ref().tenant().value())
                    .bind("id", dialect.uuid(user.ref().id().value()))
                    .bind("username", user.username().value())
                    .bind("canonical", user.username().canonical())
                    .bind("email", user.email().value())
                    .bind("verifiedAt", dialect.instant(user.emailVerifiedAt()))
                    .bind("pendingEmail", user.pendingEmail() == null ? null : user.pendingEmail().value())
                    .bind("hash", user.passwordHash())
                    .bind("status", user.status().name())
                    .bind("reason", user.statusReason())
                    .bind("name", user.profile().name())
                    .bind("aboutMe", user.profile().aboutMe())
                    .bind("hobbies", FormEncoded.list(user.profile().hobbies()))
                    .bind("accountType", user.profile().accountType().name())
                    .bind("failures", user.failedLogins())
                    .bind("lockedUntil", dialect.instant(user.lockedUntil()))
                    .bind("createdAt", dialect.instant(user.createdAt()))
                    .bind("updatedAt", dialect.instant(user.updatedAt()))
                    .bind("lastLoginAt", dialect.instant(user.lastLoginAt()))
                    .execute();
            if (inserted == 1) {
                return InsertResult.inserted();
            }
            if (exists(handle, "username_canonical", user.ref().tenant(), user.username().canonical())) {
                return InsertResult.usernameTaken();
            }
            if (exists(handle, "email", user.ref().tenant(), user.email().value())) {
                return InsertResult.emailTaken();
            }
            throw new IllegalArgumentException("a user with id " + user.ref().id() + " exists already");
        });
    }

    private static boolean exists(Handle handle, String column, TenantId tenant, String value) {
        return handle.createQuery("SELECT count(*) FROM tg_users WHERE tenant_id = :tenant AND " + column + " = :value")
                .bind("tenant", tenant.value())
                .bind("value", value)
                .mapTo(Integer.class).one() > 0;
    }

    @Override
    public Optional<UserRecord> findById(UserRef user) {
        return database.call("find user", handle -> handle.createQuery("SELECT " + COLUMNS + " FROM tg_users" + BY_REF)
                .bind("tenant", user.tenant().value())
                .bind("id", dialect.uuid(user.id().value()))
                .map((row, context) -> read(row))
                .findOne());
    }

    @Override
    public Optional<UserRecord> findByUsername(TenantId tenant, Username username) {
        return findBy("username_canonical", tenant, username.canonical());
    }

    @Override
    public Optional<UserRecord> findByEmail(TenantId tenant, Email email) {
        return findBy("email", tenant, email.value());
    }

    private Optional<UserRecord> findBy(String column, TenantId tenant, String value) {
        return database.call("find user", handle -> handle.createQuery("SELECT " + COLUMNS + " FROM tg_users "
                        + "WHERE tenant_id = :tenant AND " + column + " = :value")
                .bind("tenant", tenant.value())
                .bind("value", value)
                .map((row, context) -> read(row))
                .findOne());
    }

    @Override
    public FailedLogin recordFailedLogin(UserRef user, LockoutRule rule, Instant now) {
        Objects.requireNonNull(rule, "rule");
        Instant lockUntil = rule.lockUntil(now);
        return database.call("count failed login", handle -> {
            // a lock ending between the two statements sends the failure round again
            for (int round = 0; round < 3; round++) {
                Optional<FailedLogin> counted = handle.createQuery("UPDATE tg_users SET "
                                + "failed_logins = CASE WHEN failed_logins + 1 >= :threshold THEN 0 ELSE failed_logins + 1 END, "
                                + "locked_until = CASE WHEN failed_logins + 1 >= :threshold THEN :lockUntil ELSE locked_until END"
                                + BY_REF + " AND (locked_until IS NULL OR locked_until <= :now) "
                                + "RETURNING failed_logins, locked_until")
                        .bind("threshold", rule.threshold())
                        .bind("lockUntil", dialect.instant(lockUntil))
                        .bind("now", dialect.instant(now))
                        .bind("tenant", user.tenant().value())
                        .bind("id", dialect.uuid(user.id().value()))
                        .map((row, context) -> row.getInt("failed_logins") == 0
                                ? FailedLogin.lockedNow(dialect.instant(row, "locked_until"))
                                : FailedLogin.counted(row.getInt("failed_logins")))
                        .findOne();
                if (counted.isPresent()) {
                    return counted.get();
                }
                // nothing counted: the user is unknown, or a lock is in force
                Optional<Lock> lock = lockOf(handle, user);
                if (lock.isEmpty()) {
                    return FailedLogin.notFound();
                }
                if (lock.get().inForceAt(now)) {
                    return FailedLogin.alreadyLocked(lock.get().failures(), lock.get().until());
                }
            }
            throw new IllegalStateException("failed login of " + user.id() + " could not be counted: its lock keeps changing");
        });
    }

    @Override
    public SuccessfulLogin recordSuccessfulLogin(UserRef user, Instant now) {
        Objects.requireNonNull(now, "now");
        return database.call("record login", handle -> {
            // a lock lifted between the two statements (a reset) sends the login round again
            for (int round = 0; round < 3; round++) {
                Optional<UserRecord> recorded = handle.createQuery("UPDATE tg_users SET failed_logins = 0, "
                                + "locked_until = NULL, last_login_at = :now" + BY_REF
                                + " AND (locked_until IS NULL OR locked_until <= :now) RETURNING " + COLUMNS)
                        .bind("now", dialect.instant(now))
                        .bind("tenant", user.tenant().value())
                        .bind("id", dialect.uuid(user.id().value()))
                        .map((row, context) -> read(row))
                        .findOne();
                if (recorded.isPresent()) {
                    return SuccessfulLogin.recorded(recorded.get());
                }
                Optional<Lock> lock = lockOf(handle, user);
                if (lock.isEmpty()) {
                    return SuccessfulLogin.notFound();
                }
                if (lock.get().inForceAt(now)) {
                    return SuccessfulLogin.locked(lock.get().until());
                }
            }
            throw new IllegalStateException("login of " + user.id() + " could not be recorded: its lock keeps changing");
        });
    }

    /** The user's failure count and lock, as stored; empty for an unknown user. */
    private Optional<Lock> lockOf(Handle handle, UserRef user) {
        return handle.createQuery("SELECT failed_logins, locked_until FROM tg_users" + BY_REF)
                .bind("tenant", user.tenant().value())
                .bind("id", dialect.uuid(user.id().value()))
                .map((row, context) -> new Lock(row.getInt("failed_logins"), dialect.instant(row, "locked_until")))
                .findOne();
    }

    /** A user's failure count and lock end (null when never locked). */
    private record Lock(int failures, Instant until) {
        boolean inForceAt(Instant now) {
            return until != null && until.isAfter(now);
        }
    }

    @Override
    public Change replacePasswordHash(UserRef user, String expectedHash, String newHash, Instant now) {
        return update("replace password hash", user, "password_hash = :newHash, updated_at = :now",
                " AND password_hash = :expectedHash",
                statement -> statement.bind("newHash", newHash).bind("expectedHash", expectedHash)
                        .bind("now", dialect.instant(now)));
    }

    @Override
    public Change resetPasswordHash(UserRef user, String newHash, Instant now) {
        return update("reset password hash", user,
                "password_hash = :newHash, failed_logins = 0, locked_until = NULL, updated_at = :now", "",
                statement -> statement.bind("newHash", newHash).bind("now", dialect.instant(now)));
    }

    @Override
    public Change unlock(UserRef user, Instant now) {
        return update("unlock", user, "failed_logins = 0, locked_until = NULL, updated_at = :now", "",
                statement -> statement.bind("now", dialect.instant(now)));
    }

    @Override
    public Change updateProfile(UserRef user, Profile profile, Instant expectedUpdatedAt, Instant now) {
        return update("update profile", user,
                "name = :name, about_me = :aboutMe, hobbies = :hobbies, account_type = :accountType, updated_at = :now",
                " AND updated_at = :expectedUpdatedAt",
                statement -> statement.bind("name", profile.name()).bind("aboutMe", profile.aboutMe())
                        .bind("expectedUpdatedAt", dialect.instant(expectedUpdatedAt))
                        .bind("hobbies", FormEncoded.list(profile.hobbies()))
                        .bind("accountType", profile.accountType().name())
                        .bind("now", dialect.instant(now)));
    }

    @Override
    public Change markEmailVerified(UserRef user, Email expected, Instant now) {
        return update("mark email verified", user, "email_verified_at = :now, updated_at = :now",
                " AND email = :expected AND email_verified_at IS NULL",
                statement -> statement.bind("expected", expected.value()).bind("now", dialect.instant(now)));
    }

    @Override
    public Change setPendingEmail(UserRef user, Email pending, Instant now) {
        return update("set pending email", user, "pending_email = :pending, updated_at = :now", "",
                statement -> statement.bind("pending", pending.value()).bind("now", dialect.instant(now)));
    }

    @Override
    public EmailChangeResult confirmPendingEmail(UserRef user, Email expectedPending, Instant now) {
        return database.call("confirm pending email", handle -> {
            int changed;
            try {
                changed = handle.createUpdate("UPDATE tg_users SET email = pending_email, email_verified_at = :now, "
                                + "pending_email = NULL, updated_at = :now" + BY_REF + " AND pending_email = :expected "
                                + "AND NOT EXISTS (SELECT 1 FROM tg_users other WHERE other.tenant_id = :tenant "
                                + "AND other.email = :expected AND other.id <> :id)")
                        .bind("expected", expectedPending.value())
                        .bind("now", dialect.instant(now))
                        .bind("tenant", user.tenant().value())
                        .bind("id", dialect.uuid(user.id().value()))
                        .execute();
            } catch (UnableToExecuteStatementException e) {
                // a concurrent confirmation of the same address committed first: the unique index decides
                if (e.getCause() instanceof SQLException cause && dialect.isUniqueViolation(cause)) {
                    return EmailChangeResult.emailTaken();
                }
                throw e;
            }
            if (changed == 1) {
                return EmailChangeResult.changed();
            }
            Optional<String> pending = handle.createQuery("SELECT pending_email FROM tg_users" + BY_REF)
                    .bind("tenant", user.tenant().value())
                    .bind("id", dialect.uuid(user.id().value()))
                    .map((row, context) -> Optional.ofNullable(row.getString("pending_email")))
                    .findOne()
                    .orElse(null);
            if (pending == null) {
                return EmailChangeResult.notFound();
            }
            return pending.filter(expectedPending.value()::equals).isPresent()
                    ? EmailChangeResult.emailTaken() : EmailChangeResult.notPending();
        });
    }

    @Override
    public Change clearPendingEmail(UserRef user, Email expectedPending, Instant now) {
        return update("clear pending email", user, "pending_email = NULL, updated_at = :now",
                " AND pending_email = :expected",
                statement -> statement.bind("expected", expectedPending.value()).bind("now", dialect.instant(now)));
    }

    @Override
    public Change changeStatus(UserRef user, AccountStatus expected, AccountStatus next, String reason, Instant now) {
        return update("change status", user, "status = :next, status_reason = :reason, updated_at = :now",
                " AND status = :expected",
                statement -> statement.bind("next", next.name()).bind("reason", reason)
                        .bind("expected", expected.name()).bind("now", dialect.instant(now)));
    }

    @Override
    public Change delete(UserRef user) {
        return Change.of(database.call("delete user", handle -> handle.createUpdate("DELETE FROM tg_users" + BY_REF)
                .bind("tenant", user.tenant().value())
                .bind("id", dialect.uuid(user.id().value()))
                .execute() == 1));
    }

    private Change update(String operation, UserRef user, String assignments, String condition,
            Consumer<SqlStatement<?>> binder) {
        return Change.of(database.call(operation, handle -> {
            var statement = handle.createUpdate("UPDATE tg_users SET " + assignments + BY_REF + condition)
                    .bind("tenant", user.tenant().value())
                    .bind("id", dialect.uuid(user.id().value()));
            binder.accept(statement);
            return statement.execute() == 1;
        }));
    }

    private UserRecord read(ResultSet row) throws SQLException {
        return UserRows.read(row, dialect);
    }
}

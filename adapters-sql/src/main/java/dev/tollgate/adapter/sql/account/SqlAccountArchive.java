package dev.tollgate.adapter.sql.account;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.adapter.sql.internal.FormEncoded;
import dev.tollgate.port.AccountType;
import dev.tollgate.port.Email;
import dev.tollgate.port.Profile;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.Username;
import dev.tollgate.port.spi.account.AccountArchive;
import dev.tollgate.port.spi.account.ArchivedAccount;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/** Deleted accounts in {@code tg_archived_accounts}, one row per user; archiving again replaces it. */
public final class SqlAccountArchive implements AccountArchive {

    private static final String COLUMNS = "tenant_id, user_id, username, email, name, about_me, hobbies, account_type, "
            + "created_at, deleted_at, reason";

    private final Database database;
    private final SqlDialect dialect;

    public SqlAccountArchive(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
    }

    @Override
    public void archive(ArchivedAccount account) {
        database.call("archive account", handle -> handle.createUpdate("INSERT INTO tg_archived_accounts (" + COLUMNS
                        + ") VALUES (:tenant, :user, :username, :email, :name, :aboutMe, :hobbies, :accountType, "
                        + ":createdAt, :deletedAt, :reason) ON CONFLICT (tenant_id, user_id) DO UPDATE SET "
                        + "username = excluded.username, email = excluded.email, name = excluded.name, "
                        + "about_me = excluded.about_me, hobbies = excluded.hobbies, account_type = excluded.account_type, "
                        + "created_at = excluded.created_at, deleted_at = excluded.deleted_at, reason = excluded.reason")
                .bind("tenant", account.user().tenant().value())
                .bind("user", dialect.uuid(account.user().id().value()))
                .bind("username", account.username().value())
                .bind("email", account.email().value())
                .bind("name", account.profile().name())
                .bind("aboutMe", account.profile().aboutMe())
                .bind("hobbies", FormEncoded.list(account.profile().hobbies()))
                .bind("accountType", account.profile().accountType().name())
                .bind("createdAt", dialect.instant(account.createdAt()))
                .bind("deletedAt", dialect.instant(account.deletedAt()))
                .bind("reason", account.reason())
                .execute());
    }

    @Override
    public Optional<ArchivedAccount> find(UserRef user) {
        return database.call("find archived account", handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM tg_archived_accounts WHERE tenant_id = :tenant AND user_id = :user")
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .map((row, context) -> read(row))
                .findOne());
    }

    private ArchivedAccount read(ResultSet row) throws SQLException {
        return new ArchivedAccount(
                new UserRef(TenantId.of(row.getString("tenant_id")), new UserId(dialect.uuid(row, "user_id"))),
                Username.of(row.getString("username")),
                new Email(row.getString("email")),
                new Profile(row.getString("name"), row.getString("about_me"), FormEncoded.list(row.getString("hobbies")),
                        AccountType.valueOf(row.getString("account_type"))),
                dialect.instant(row, "created_at"),
                dialect.instant(row, "deleted_at"),
                row.getString("reason"));
    }
}

package dev.tollgate.adapter.sql.internal;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.AccountType;
import dev.tollgate.port.Email;
import dev.tollgate.port.Profile;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.Username;
import dev.tollgate.port.spi.user.UserRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** A row of {@code tg_users} as a {@link UserRecord}: what the user store and the user directory read alike. */
public final class UserRows {

    private UserRows() {
    }

    public static UserRecord read(ResultSet row, SqlDialect dialect) throws SQLException {
        Profile profile = new Profile(row.getString("name"), row.getString("about_me"),
                FormEncoded.list(row.getString("hobbies")), AccountType.valueOf(row.getString("account_type")));
        return new UserRecord(
                new UserRef(TenantId.of(row.getString("tenant_id")), new UserId(dialect.uuid(row, "id"))),
                Username.of(row.getString("username")),
                new Email(row.getString("email")),
                dialect.instant(row, "email_verified_at"),
                Optional.ofNullable(row.getString("pending_email")).map(Email::new).orElse(null),
                row.getString("password_hash"),
                AccountStatus.valueOf(row.getString("status")),
                row.getString("status_reason"),
                profile,
                row.getInt("failed_logins"),
                dialect.instant(row, "locked_until"),
                dialect.instant(row, "created_at"),
                dialect.instant(row, "updated_at"),
                dialect.instant(row, "last_login_at"));
    }
}

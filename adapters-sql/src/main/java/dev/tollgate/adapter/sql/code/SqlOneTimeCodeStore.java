package dev.tollgate.adapter.sql.code;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.port.Email;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.code.AttemptResult;
import dev.tollgate.port.spi.code.CodePurpose;
import dev.tollgate.port.spi.code.OneTimeCode;
import dev.tollgate.port.spi.code.OneTimeCodeStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * One-time codes in {@code tg_one_time_codes}, one row per user and purpose. A try is at most
 * three single statements, each atomic: a conditional {@code DELETE} consumes a matching code,
 * else a conditional {@code UPDATE} counts a wrong try while tries are left, else a read tells
 * why nothing was counted. However many callers race, the database counts no more than the
 * allowed tries and deletes a code once.
 */
public final class SqlOneTimeCodeStore implements OneTimeCodeStore {

    private static final String COLUMNS = "tenant_id, user_id, purpose, sent_to, code_digest, issued_at, expires_at, "
            + "attempts, max_attempts";
    private static final String OF_CODE = " WHERE tenant_id = :tenant AND user_id = :user AND purpose = :purpose";
    private static final String USABLE = " AND attempts < max_attempts AND expires_at > :now";

    private final Database database;
    private final SqlDialect dialect;

    public SqlOneTimeCodeStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
    }

    @Override
    public void issue(OneTimeCode code) {
        database.call("issue code", handle -> handle.createUpdate("INSERT INTO tg_one_time_codes (" + COLUMNS + ") "
                        + "VALUES (:tenant, :user, :purpose, :sentTo, :digest, :issuedAt, :expiresAt, :attempts, :max) "
                        + "ON CONFLICT (tenant_id, user_id, purpose) DO UPDATE SET sent_to = excluded.sent_to, "
                        + "code_digest = excluded.code_digest, issued_at = excluded.issued_at, "
                        + "expires_at = excluded.expires_at, attempts = excluded.attempts, "
                        + "max_attempts = excluded.max_attempts")
                .bind("tenant", code.user().tenant().value())
                .bind("user", dialect.uuid(code.user().id().value()))
                .bind("purpose", code.purpose().name())
                .bind("sentTo", code.sentTo().value())
                .bind("digest", code.codeDigest())
                .bind("issuedAt", dialect.instant(code.issuedAt()))
                .bind("expiresAt", dialect.instant(code.expiresAt()))
                .bind("attempts", code.attempts())
                .bind("max", code.maxAttempts())
                .execute());
    }

    @Override
    public Optional<OneTimeCode> find(UserRef user, CodePurpose purpose) {
        return database.call("find code", handle -> select(handle, user, purpose));
    }

    @Override
    public AttemptResult attempt(UserRef user, CodePurpose purpose, String presentedDigest, Instant now) {
        return database.call("try code", handle -> {
            Optional<OneTimeCode> consumed = handle.createQuery("DELETE FROM tg_one_time_codes" + OF_CODE + USABLE
                            + " AND code_digest = :digest RETURNING " + COLUMNS)
                    .bind("tenant", user.tenant().value())
                    .bind("user", dialect.uuid(user.id().value()))
                    .bind("purpose", purpose.name())
                    .bind("now", dialect.instant(now))
                    .bind("digest", presentedDigest)
                    .map((row, context) -> read(row))
                    .findOne();
            if (consumed.isPresent()) {
                OneTimeCode code = consumed.get();
                return AttemptResult.matched(new OneTimeCode(code.user(), code.purpose(), code.sentTo(),
                        code.codeDigest(), code.issuedAt(), code.expiresAt(), code.attempts() + 1, code.maxAttempts()));
            }
            Optional<Integer> left = handle.createQuery("UPDATE tg_one_time_codes SET attempts = attempts + 1"
                            + OF_CODE + USABLE + " RETURNING max_attempts - attempts AS tries_left")
                    .bind("tenant", user.tenant().value())
                    .bind("user", dialect.uuid(user.id().value()))
                    .bind("purpose", purpose.name())
                    .bind("now", dialect.instant(now))
                    .mapTo(Integer.class)
                    .findOne();
            if (left.isPresent()) {
                return AttemptResult.mismatched(left.get());
            }
            return select(handle, user, purpose)
                    .map(code -> AttemptResult.of(code.expiresAt().isAfter(now)
                            ? AttemptResult.Kind.EXHAUSTED : AttemptResult.Kind.EXPIRED))
                    .orElseGet(AttemptResult::notFound);
        });
    }

    @Override
    public int deleteAll(UserRef user) {
        return database.call("delete codes", handle -> handle.createUpdate("DELETE FROM tg_one_time_codes "
                        + "WHERE tenant_id = :tenant AND user_id = :user")
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .execute());
    }

    private Optional<OneTimeCode> select(Handle handle, UserRef user, CodePurpose purpose) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM tg_one_time_codes" + OF_CODE)
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .bind("purpose", purpose.name())
                .map((row, context) -> read(row))
                .findOne();
    }

    private OneTimeCode read(ResultSet row) throws SQLException {
        return new OneTimeCode(
                new UserRef(TenantId.of(row.getString("tenant_id")), new UserId(dialect.uuid(row, "user_id"))),
                CodePurpose.valueOf(row.getString("purpose")),
                new Email(row.getString("sent_to")),
                row.getString("code_digest"),
                dialect.instant(row, "issued_at"),
                dialect.instant(row, "expires_at"),
                row.getInt("attempts"),
                row.getInt("max_attempts"));
    }
}

package dev.tollgate.adapter.sql.mfa;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.port.Change;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.mfa.SecondFactorStore;
import dev.tollgate.port.spi.mfa.TotpFactor;
import dev.tollgate.port.spi.user.FailedLogin;
import dev.tollgate.port.spi.user.LockoutRule;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * TOTP factors in {@code tg_totp_factors}, one row per user, and recovery codes in
 * {@code tg_recovery_codes}, one row per user and digest. Accepting a step (never while a lock
 * is in force), counting a failure
 * and spending a code are single conditional {@code UPDATE}s, so of racing callers exactly one
 * wins; a spent code keeps its row, with {@code used_at} set. What changes both tables
 * (confirming, replacing the codes, removing the factor) is one transaction, which first
 * changes or locks the factor's row, so two of them on one user run one after the other.
 */
public final class SqlSecondFactorStore implements SecondFactorStore {

    private static final String COLUMNS = "tenant_id, user_id, sealed_secret, created_at, confirmed_at, last_step, "
            + "failures, locked_until";
    private static final String OF_USER = " WHERE tenant_id = :tenant AND user_id = :user";

    private final Database database;
    private final SqlDialect dialect;

    public SqlSecondFactorStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
    }

    @Override
    public Change savePending(TotpFactor factor) {
        Objects.requireNonNull(factor, "factor");
        if (factor.confirmed()) {
            throw new IllegalArgumentException("only a pending factor is saved; a factor is confirmed by confirm");
        }
        return Change.of(database.call("save pending factor", handle -> handle.createUpdate("INSERT INTO "
                        + "tg_totp_factors (" + COLUMNS + ") VALUES (:tenant, :user, :sealed, :createdAt, NULL, "
                        + ":lastStep, :failures, :lockedUntil) ON CONFLICT (tenant_id, user_id) DO UPDATE SET "
                        + "sealed_secret = excluded.sealed_secret, created_at = excluded.created_at, "
                        + "confirmed_at = NULL, last_step = excluded.last_step, failures = excluded.failures, "
                        + "locked_until = excluded.locked_until WHERE tg_totp_factors.confirmed_at IS NULL")
                .bind("tenant", factor.user().tenant().value())
                .bind("user", dialect.uuid(factor.user().id().value()))
                .bind("sealed", factor.sealedSecret())
                .bind("createdAt", dialect.instant(factor.createdAt()))
                .bind("lastStep", factor.lastStep())
                .bind("failures", factor.failures())
                .bind("lockedUntil", dialect.instant(factor.lockedUntil()))
                .execute() == 1));
    }

    @Override
    public Optional<TotpFactor> find(UserRef user) {
        Objects.requireNonNull(user, "user");
        return database.call("find factor", handle -> handle.createQuery("SELECT " + COLUMNS + " FROM tg_totp_factors"
                        + OF_USER)
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .map((row, context) -> read(row))
                .findOne());
    }

    @Override
    public Change confirm(UserRef user, String expectedSealedSecret, long step, List<String> recoveryCodeDigests,
            Instant now) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(expectedSealedSecret, "expectedSealedSecret");
        Objects.requireNonNull(now, "now");
        Set<String> digests = distinct(recoveryCodeDigests);
        return Change.of(database.inTransaction("confirm factor", handle -> {
            // the row's lock keeps a racing confirmation waiting, which then finds it confirmed
            int confirmed = handle.createUpdate("UPDATE tg_totp_factors SET confirmed_at = :now, last_step = :step, "
                            + "failures = 0" + OF_USER + " AND confirmed_at IS NULL AND sealed_secret = :expected")
                    .bind("now", dialect.instant(now))
                    .bind("step", step)
                    .bind("expected", expectedSealedSecret)
                    .bind("tenant", user.tenant().value())
                    .bind("user", dialect.uuid(user.id().value()))
                    .execute();
            if (confirmed == 1) {
                replaceCodes(handle, user, digests, now);
            }
            return confirmed == 1;
        }));
    }

    @Override
    public Change acceptStep(UserRef user, long step, Instant now) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(now, "now");
        // no code is accepted while a lock is in force (TotpFactor.lockedUntil)
        return Change.of(database.call("accept time step", handle -> handle.createUpdate("UPDATE tg_totp_factors SET "
                        + "last_step = :step, failures = 0" + OF_USER + " AND confirmed_at IS NOT NULL "
                        + "AND last_step < :step AND (locked_until IS NULL OR locked_until <= :now)")
                .bind("step", step)
                .bind("now", dialect.instant(now))
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .execute() == 1));
    }

    /** As {@code SqlUserStore.recordFailedLogin}, on the factor's row. */
    @Override
    public FailedLogin recordFailure(UserRef user, LockoutRule rule, Instant now) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(rule, "rule");
        Instant lockUntil = rule.lockUntil(now);
        return database.call("count wrong code", handle -> {
            // a lock ending between the two statements sends the failure round again
            for (int round = 0; round < 3; round++) {
                Optional<FailedLogin> counted = handle.createQuery("UPDATE tg_totp_factors SET "
                                + "failures = CASE WHEN failures + 1 >= :threshold THEN 0 ELSE failures + 1 END, "
                                + "locked_until = CASE WHEN failures + 1 >= :threshold THEN :lockUntil ELSE locked_until END"
                                + OF_USER + " AND (locked_until IS NULL OR locked_until <= :now) "
                                + "RETURNING failures, locked_until")
                        .bind("threshold", rule.threshold())
                        .bind("lockUntil", dialect.instant(lockUntil))
                        .bind("now", dialect.instant(now))
                        .bind("tenant", user.tenant().value())
                        .bind("user", dialect.uuid(user.id().value()))
                        .map((row, context) -> row.getInt("failures") == 0
                                ? FailedLogin.lockedNow(dialect.instant(row, "locked_until"))
                                : FailedLogin.counted(row.getInt("failures")))
                        .findOne();
                if (counted.isPresent()) {
                    return counted.get();
                }
                // nothing counted: the user has no factor, or a lock is in force
                Optional<TotpFactor> factor = select(handle, user);
                if (factor.isEmpty()) {
                    return FailedLogin.notFound();
                }
                if (factor.get().lockedAt(now)) {
                    return FailedLogin.alreadyLocked(factor.get().failures(), factor.get().lockedUntil());
                }
            }
            throw new IllegalStateException("wrong code of " + user.id() + " could not be counted: its lock keeps changing");
        });
    }

    @Override
    public Change useRecoveryCode(UserRef user, String digest, Instant now) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(now, "now");
        return Change.of(database.inTransaction("use recovery code", handle -> {
            // a racing use of the same code waits for the row's lock, then finds it spent
            int spent = handle.createUpdate("UPDATE tg_recovery_codes SET used_at = :now" + OF_USER
                            + " AND digest = :digest AND used_at IS NULL")
                    .bind("now", dialect.instant(now))
                    .bind("digest", digest)
                    .bind("tenant", user.tenant().value())
                    .bind("user", dialect.uuid(user.id().value()))
                    .execute();
            if (spent == 1) {
                handle.createUpdate("UPDATE tg_totp_factors SET failures = 0" + OF_USER)
                        .bind("tenant", user.tenant().value())
                        .bind("user", dialect.uuid(user.id().value()))
                        .execute();
            }
            return spent == 1;
        }));
    }

    @Override
    public Change replaceRecoveryCodes(UserRef user, List<String> digests, Instant now) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(now, "now");
        Set<String> replacements = distinct(digests);
        return Change.of(database.inTransaction("replace recovery codes", handle -> {
            // locks the confirmed factor, so a removal or another replacement waits for this one
            boolean confirmed = handle.createQuery("SELECT confirmed_at FROM tg_totp_factors" + OF_USER
                            + " AND confirmed_at IS NOT NULL" + dialect.forUpdate())
                    .bind("tenant", user.tenant().value())
                    .bind("user", dialect.uuid(user.id().value()))
                    .mapToMap()
                    .findOne()
                    .isPresent();
            if (confirmed) {
                replaceCodes(handle, user, replacements, now);
            }
            return confirmed;
        }));
    }

    @Override
    public int remainingRecoveryCodes(UserRef user) {
        Objects.requireNonNull(user, "user");
        return database.call("count recovery codes", handle -> handle.createQuery("SELECT COUNT(*) FROM "
                        + "tg_recovery_codes" + OF_USER + " AND used_at IS NULL")
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .mapTo(Integer.class)
                .one());
    }

    @Override
    public Change delete(UserRef user) {
        Objects.requireNonNull(user, "user");
        return Change.of(database.inTransaction("remove factor", handle -> {
            int removed = handle.createUpdate("DELETE FROM tg_totp_factors" + OF_USER)
                    .bind("tenant", user.tenant().value())
                    .bind("user", dialect.uuid(user.id().value()))
                    .execute();
            deleteCodes(handle, user);
            return removed == 1;
        }));
    }

    /** Replaces the user's recovery codes with {@code digests}, in the caller's transaction. */
    private void replaceCodes(Handle handle, UserRef user, Set<String> digests, Instant now) {
        deleteCodes(handle, user);
        if (digests.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch("INSERT INTO tg_recovery_codes (tenant_id, user_id, digest, "
                + "created_at, used_at) VALUES (:tenant, :user, :digest, :now, NULL)");
        for (String digest : digests) {
            batch.bind("tenant", user.tenant().value())
                    .bind("user", dialect.uuid(user.id().value()))
                    .bind("digest", digest)
                    .bind("now", dialect.instant(now))
                    .add();
        }
        batch.execute();
    }

    private void deleteCodes(Handle handle, UserRef user) {
        handle.createUpdate("DELETE FROM tg_recovery_codes" + OF_USER)
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .execute();
    }

    private Optional<TotpFactor> select(Handle handle, UserRef user) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM tg_totp_factors" + OF_USER)
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .map((row, context) -> read(row))
                .findOne();
    }

    /** The digests without repeats, in their order: a user's code is one row however often it is named. */
    private static Set<String> distinct(List<String> digests) {
        Objects.requireNonNull(digests, "digests");
        Set<String> distinct = new LinkedHashSet<>();
        for (String digest : digests) {
            distinct.add(Objects.requireNonNull(digest, "a recovery code digest"));
        }
        return distinct;
    }

    private TotpFactor read(ResultSet row) throws SQLException {
        return new TotpFactor(
                new UserRef(TenantId.of(row.getString("tenant_id")), new UserId(dialect.uuid(row, "user_id"))),
                row.getString("sealed_secret"),
                dialect.instant(row, "created_at"),
                dialect.instant(row, "confirmed_at"),
                row.getLong("last_step"),
                row.getInt("failures"),
                dialect.instant(row, "locked_until"));
    }
}

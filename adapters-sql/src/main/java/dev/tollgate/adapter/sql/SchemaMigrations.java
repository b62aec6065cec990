package dev.tollgate.adapter.sql;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.port.StoreUnavailableException;
import java.util.Arrays;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * Brings a database's schema to the version this Tollgate knows, with Flyway. Migrating an
 * up-to-date database does nothing, so every start may call it; a database whose schema is
 * newer than this Tollgate knows is refused with a message saying so, before anything is
 * touched. The history table is {@code tollgate_schema_history}, apart from any the
 * application keeps itself.
 */
public final class SchemaMigrations {

    public static final String HISTORY_TABLE = "tollgate_schema_history";

    private SchemaMigrations() {
    }

    /**
     * Migrates the database to the latest known version and answers that version.
     *
     * @throws IllegalStateException      when the database's schema is newer than this Tollgate's
     * @throws StoreUnavailableException  when the database cannot be reached or a migration fails
     */
    public static String migrate(DataSource dataSource, SqlDialect dialect) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(dialect, "dialect");
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(dialect.migrations())
                .table(HISTORY_TABLE)
                .ignoreMigrationPatterns("")
                .validateMigrationNaming(true)
                .load();
        try {
            MigrationInfo[] future = Arrays.stream(flyway.info().all())
                    .filter(info -> info.getState() == MigrationState.FUTURE_SUCCESS
                            || info.getState() == MigrationState.FUTURE_FAILED)
                    .toArray(MigrationInfo[]::new);
            if (future.length > 0) {
                throw new IllegalStateException("the " + dialect.name() + " database's Tollgate schema is at version "
                        + future[future.length - 1].getVersion() + ", newer than the newest this Tollgate knows ("
                        + latestKnown(flyway) + "); run a Tollgate at least as new as the one that migrated it");
            }
            flyway.migrate();
            MigrationInfo current = flyway.info().current();
            return current == null ? "none" : current.getVersion().getVersion();
        } catch (FlywayException e) {
            throw new StoreUnavailableException(dialect.name() + " store: schema migration failed: " + e.getMessage(),
                    e.getCause());
        }
    }

    private static String latestKnown(Flyway flyway) {
        return Arrays.stream(flyway.info().all())
                .filter(info -> info.getState() != MigrationState.FUTURE_SUCCESS
                        && info.getState() != MigrationState.FUTURE_FAILED)
                .reduce((first, second) -> second)
                .map(info -> info.getVersion().getVersion())
                .orElse("none");
    }
}

package dev.tollgate.adapter.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.tollgate.adapter.sql.account.SqlAccountArchive;
import dev.tollgate.adapter.sql.admin.SqlStaffNotes;
import dev.tollgate.adapter.sql.admin.SqlStatisticsStore;
import dev.tollgate.adapter.sql.admin.SqlUserDirectory;
import dev.tollgate.adapter.sql.audit.SqlAuditLog;
import dev.tollgate.adapter.sql.code.SqlOneTimeCodeStore;
import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.adapter.sql.internal.BatchUsage;
import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.adapter.sql.internal.LeaseKeeper;
import dev.tollgate.adapter.sql.key.SqlApiKeyStore;
import dev.tollgate.adapter.sql.lease.LeaseSettings;
import dev.tollgate.adapter.sql.limit.LeasingWindowCounters;
import dev.tollgate.adapter.sql.limit.SqlWindowCounters;
import dev.tollgate.adapter.sql.metering.LeasingMeterLedger;
import dev.tollgate.adapter.sql.metering.SqlMeterLedger;
import dev.tollgate.adapter.sql.metering.SqlSubscriptionStore;
import dev.tollgate.adapter.sql.metering.SqlUsageLog;
import dev.tollgate.adapter.sql.mfa.SqlSecondFactorStore;
import dev.tollgate.adapter.sql.network.SqlIpRuleStore;
import dev.tollgate.adapter.sql.password.SqlPasswordHistory;
import dev.tollgate.adapter.sql.session.SqlKnownDevices;
import dev.tollgate.adapter.sql.session.SqlSessionStore;
import dev.tollgate.adapter.sql.staff.SqlServiceAccountStore;
import dev.tollgate.adapter.sql.staff.SqlStaffStore;
import dev.tollgate.adapter.sql.tenant.SqlTenantStore;
import dev.tollgate.adapter.sql.user.SqlUserStore;
import dev.tollgate.port.StoreUnavailableException;
import dev.tollgate.port.spi.Stores;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The stores over one SQL database, migrated to the current schema. Built from a
 * {@link DataSource} the caller owns, or from a pool this class opens and {@link #close()}s.
 */
public final class SqlDatabase implements AutoCloseable {

    private final Database database;
    private final SqlMeterLedger meterLedger;
    private final SqlWindowCounters windowCounters;
    private final Stores stores;
    private final HikariDataSource ownPool;
    private final String schemaVersion;
    private final List<AutoCloseable> companions = new CopyOnWriteArrayList<>();
    /** The leasing stores and their keeper, once {@link #leasingStores} made them; guarded by this. */
    private LeaseKeeper leaseKeeper;
    private Stores leasingStores;
    private LeasingWindowCounters leasingCounters;
    private LeasingMeterLedger leasingMeters;

    private SqlDatabase(DataSource dataSource, SqlDialect dialect, HikariDataSource ownPool) {
        this.ownPool = ownPool;
        try {
            this.schemaVersion = SchemaMigrations.migrate(dataSource, dialect);
        } catch (RuntimeException e) {
            if (ownPool != null) {
                ownPool.close();
            }
            throw e;
        }
        this.database = new Database(Jdbi.create(dataSource), dialect);
        this.windowCounters = new SqlWindowCounters(database);
        this.meterLedger = new SqlMeterLedger(database, windowCounters);
        this.stores = new Stores(new SqlUserStore(database), new SqlSessionStore(database),
                new SqlOneTimeCodeStore(database), windowCounters, new SqlAuditLog(database),
                new SqlAccountArchive(database), new SqlApiKeyStore(database), meterLedger,
                new SqlSubscriptionStore(database), new SqlUsageLog(database), new SqlTenantStore(database),
                new SqlStaffStore(database), new SqlServiceAccountStore(database), new SqlUserDirectory(database),
                new SqlStaffNotes(database), new SqlStatisticsStore(database), new SqlSecondFactorStore(database),
                new SqlPasswordHistory(database), new SqlKnownDevices(database), new SqlIpRuleStore(database));
    }

    /** The stores over a data source the caller configured and will close. */
    public static SqlDatabase over(DataSource dataSource, SqlDialect dialect) {
        return new SqlDatabase(Objects.requireNonNull(dataSource, "dataSource"), dialect, null);
    }

    /**
     * The stores over a new HikariCP pool for {@code jdbcUrl}; {@code tune} sets what the
     * database needs beyond {@code pool} (credentials, driver properties).
     */
    public static SqlDatabase pooled(String jdbcUrl, SqlDialect dialect, PoolSettings pool, Consumer<HikariConfig> tune) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(Objects.requireNonNull(jdbcUrl, "jdbcUrl"));
        config.setPoolName("tollgate-" + dialect.name().toLowerCase(Locale.ROOT));
        config.setMaximumPoolSize(pool.maximumSize());
        config.setMinimumIdle(pool.minimumIdle());
        config.setConnectionTimeout(pool.connectionTimeout().toMillis());
        config.setIdleTimeout(pool.idleTimeout().toMillis());
        config.setMaxLifetime(pool.maxLifetime().toMillis());
        config.setLeakDetectionThreshold(pool.leakDetection().toMillis());
        tune.accept(config);
        HikariDataSource pooled;
        try {
            pooled = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException(dialect.name() + " store: cannot open a connection pool", e.getCause());
        }
        return new SqlDatabase(pooled, dialect, pooled);
    }

    public Stores stores() {
        return stores;
    }

    /**
     * These stores with leases ({@link LeaseSettings}): meter consumptions and window counts of
     * busy rows decided in this process's memory, from blocks leased from the database, exactly;
     * the rest as {@link #stores()}. Made once: a second call answers the same stores, and with
     * other settings is refused. {@link #close()} gives back what is left of the leases before it
     * closes the pool.
     */
    public synchronized Stores leasingStores(LeaseSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (leaseKeeper == null) {
            LeaseKeeper keeper = new LeaseKeeper(settings);
            leasingCounters = new LeasingWindowCounters(database, windowCounters, keeper);
            leasingMeters = new LeasingMeterLedger(database, meterLedger, leasingCounters, keeper);
            leasingStores = stores.withCounters(leasingCounters).withMeters(leasingMeters);
            leaseKeeper = keeper;
        } else if (!leaseKeeper.settings().equals(settings)) {
            throw new IllegalStateException("the leasing stores were made with other settings: "
                    + leaseKeeper.settings());
        }
        return leasingStores;
    }

    /** The schema version the database is at. */
    public String schemaVersion() {
        return schemaVersion;
    }

    /** Whether the database answers now, for readiness checks. */
    public boolean reachable() {
        return database.reachable();
    }

    /** How busy the pool this class opened is now; empty for a data source the caller owns. */
    public Optional<PoolUsage> poolUsage() {
        if (ownPool == null || ownPool.getHikariPoolMXBean() == null) {
            return Optional.empty();
        }
        HikariPoolMXBean pool = ownPool.getHikariPoolMXBean();
        return Optional.of(new PoolUsage(pool.getActiveConnections(), pool.getIdleConnections(),
                pool.getThreadsAwaitingConnection(), ownPool.getMaximumPoolSize()));
    }

    /** How concurrent meter consumptions have been decided so far: transactions, consumptions, waiting now. */
    public BatchCounts consumptionBatches() {
        return counts(meterLedger.consumptionBatches());
    }

    /**
     * How concurrent counted consumptions (verify-and-consume: a key's rate-limit count and its
     * take, one transaction) have been decided so far.
     */
    public BatchCounts countedConsumptionBatches() {
        return counts(meterLedger.countedConsumptionBatches());
    }

    /** How concurrent window-counter acquisitions (throttles, rate limits) have been decided so far. */
    public BatchCounts counterBatches() {
        return counts(windowCounters.acquisitionBatches());
    }

    /**
     * How the leasing stores' renewals of balance leases (a consumption that found no lease to
     * serve it) have been batched so far; none before {@link #leasingStores}.
     */
    public synchronized BatchCounts meterRenewalBatches() {
        return leasingMeters == null ? new BatchCounts(0, 0, 0) : counts(leasingMeters.renewalBatches());
    }

    /** As {@link #meterRenewalBatches()}, for the leases of window counters. */
    public synchronized BatchCounts counterRenewalBatches() {
        return leasingCounters == null ? new BatchCounts(0, 0, 0) : counts(leasingCounters.renewalBatches());
    }

    private static BatchCounts counts(BatchUsage usage) {
        return new BatchCounts(usage.batches(), usage.requests(), usage.waiting());
    }

    /**
     * Has {@link #close()} also close {@code resource}, after the pool (an adapter's lock on its
     * database file, say). Answers this database.
     */
    public SqlDatabase alsoClosing(AutoCloseable resource) {
        companions.add(Objects.requireNonNull(resource, "resource"));
        return this;
    }

    /**
     * Gives back what is left of the leases, if {@link #leasingStores} made any, closes the pool
     * this class opened, if it opened one, then what {@link #alsoClosing} named.
     */
    @Override
    public void close() {
        try {
            synchronized (this) {
                if (leaseKeeper != null) {
                    leaseKeeper.close();
                }
            }
            if (ownPool != null) {
                ownPool.close();
            }
        } finally {
            for (AutoCloseable companion : companions) {
                try {
                    companion.close();
                } catch (Exception e) {
                    // closing is best effort: the process may be ending
                }
            }
            companions.clear();
        }
    }
}

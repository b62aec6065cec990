package dev.tollgate.server;

import dev.tollgate.Tollgate;
import dev.tollgate.adapter.http.HttpApi;
import dev.tollgate.adapter.http.UseCases;
import dev.tollgate.adapter.postgres.PostgresStores;
import dev.tollgate.adapter.smtp.SmtpMailer;
import dev.tollgate.adapter.sql.PoolSettings;
import dev.tollgate.adapter.sql.lease.LeaseSettings;
import dev.tollgate.port.spi.mail.Mailer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;

/** Builds and starts the server from its configuration: store, mailer, Tollgate, HTTP API. */
public final class ServerLauncher {

    private ServerLauncher() {
    }

    /**
     * Starts everything the configuration describes; on any failure, closes what it had opened.
     *
     * @throws ConfigurationException when settings that were valid alone do not fit together
     */
    public static RunningServer start(ServerConfiguration config) {
        return start(config, mailerFor(config));
    }

    /** As {@link #start(ServerConfiguration)}, with the mailer given (tests). */
    static RunningServer start(ServerConfiguration config, Mailer mailer) {
        checkPortFree(config);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);

        Tollgate tollgate = tollgate(config, mailer, registry);
        try {
            FirstStart.prepare(tollgate, config);
            UseCases useCases = new UseCases(tollgate.registration(), tollgate.sessions(), tollgate.emailAddresses(),
                    tollgate.profiles(), tollgate.passwords(), tollgate.accounts(), tollgate.apiKeys(),
                    tollgate.verification(), tollgate.usage(), tollgate.subscriptions(), tollgate.staff(),
                    FirstStart.deletingTokenFile(tollgate.firstRun(), FirstStart.tokenFile(config)),
                    tollgate.serviceAccounts(), tollgate.tenants(), tollgate.administration(), tollgate.statistics(),
                    tollgate.auditSearch(), tollgate.secondFactors(), tollgate.ipRules(), tollgate.networkAccess());
            HttpApi api = new HttpApi(useCases, config.httpSettings(), tollgate::storeReachable, tollgate::degradations,
                    registry, TollgateServer.version(), Clock.systemUTC());
            api.start();
            return new RunningServer(api, tollgate);
        } catch (RuntimeException e) {
            tollgate.close();
            throw e;
        }
    }

    /**
     * Tollgate over the configured store, without HTTP and without the first-start steps: what the
     * server and the commands of the command line run on. The caller closes it.
     */
    static Tollgate tollgate(ServerConfiguration config, Mailer mailer, MeterRegistry registry) {
        Tollgate.Builder builder = Tollgate.builder()
                .mailer(mailer)
                .settings(config.settings())
                .argon2(config.argon2())
                .meterRegistry(registry);
        if (config.inProcessRateLimits()) {
            builder.inProcessRateLimits();
        }
        if (config.leases()) {
            builder.leases(LeaseSettings.DEFAULTS);
        }
        config.redisUrl().ifPresent(url -> builder.redis(url, config.redisPrefix()));
        builder.lookupCache(config.lookupCacheExpiry());
        if (config.masterKey() != null) {
            builder.masterKey(config.masterKey());
        }
        switch (config.store()) {
            case MEMORY -> builder.inMemory();
            case POSTGRES -> builder.postgres(config.databaseUrl(), config.databaseUser(), config.databasePassword(),
                    pool(config));
            case MONGO -> builder.mongo(config.databaseUrl(), MongoUrls.databaseOf(config.databaseUrl()),
                    config.databaseUser(), config.databasePassword());
            case SQLITE -> {
                if (config.databaseUrl() != null) {
                    builder.sqlite(config.databaseUrl());
                } else {
                    builder.sqlite(config.dataDirectory());
                }
            }
        }
        return builder.build();
    }

    /** As {@link #tollgate(ServerConfiguration, Mailer, MeterRegistry)} with the configured mailer, for a command. */
    static Tollgate tollgate(ServerConfiguration config) {
        return tollgate(config, mailerFor(config), new SimpleMeterRegistry());
    }

    /**
     * Fails fast, before the store is opened or migrated, when the configured address cannot be
     * listened on (another process has the port, or the host is not an address of this machine).
     * Port 0 (any free port) always binds.
     */
    static void checkPortFree(ServerConfiguration config) {
        if (config.httpPort() == 0) {
            return;
        }
        String address = config.httpHost() + ":" + config.httpPort();
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(config.httpHost(), config.httpPort()));
        } catch (BindException e) {
            throw new ServerStartException("cannot listen on " + address + " (TOLLGATE_HTTP_HOST, TOLLGATE_HTTP_PORT): "
                    + (e.getMessage() != null && e.getMessage().contains("in use") ? "the address is already in use"
                    : e.getMessage()), e);
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            throw new ServerStartException("cannot listen on " + address + " (TOLLGATE_HTTP_HOST, TOLLGATE_HTTP_PORT): "
                    + e.getMessage(), e);
        }
    }

    private static PoolSettings pool(ServerConfiguration config) {
        return PostgresStores.DEFAULT_POOL.withMaximumSize(config.databasePoolSize());
    }

    private static Mailer mailerFor(ServerConfiguration config) {
        return config.smtpSettings().<Mailer>map(SmtpMailer::create).orElseGet(LogMailer::new);
    }
}

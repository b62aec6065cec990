package dev.tollgate.port.spi;

import dev.tollgate.port.spi.account.AccountArchive;
import dev.tollgate.port.spi.audit.AuditLog;
import dev.tollgate.port.spi.code.OneTimeCodeStore;
import dev.tollgate.port.spi.key.ApiKeyStore;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.metering.MeterLedger;
import dev.tollgate.port.spi.metering.SubscriptionStore;
import dev.tollgate.port.spi.metering.UsageLog;
import dev.tollgate.port.spi.session.SessionStore;
import dev.tollgate.port.spi.user.UserStore;
import java.util.Objects;

/**
 * One store implementation of every store port, as a store adapter offers them together
 * (usually over one database).
 */
public record Stores(
        UserStore users,
        SessionStore sessions,
        OneTimeCodeStore codes,
        WindowCounters counters,
        AuditLog auditLog,
        AccountArchive archive,
        ApiKeyStore apiKeys,
        MeterLedger meters,
        SubscriptionStore subscriptions,
        UsageLog usage) {

    public Stores {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(codes, "codes");
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(auditLog, "auditLog");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(apiKeys, "apiKeys");
        Objects.requireNonNull(meters, "meters");
        Objects.requireNonNull(subscriptions, "subscriptions");
        Objects.requireNonNull(usage, "usage");
    }
}

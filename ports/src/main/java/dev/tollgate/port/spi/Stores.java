package dev.tollgate.port.spi;

import dev.tollgate.port.spi.account.AccountArchive;
import dev.tollgate.port.spi.admin.StaffNotes;
import dev.tollgate.port.spi.admin.StatisticsStore;
import dev.tollgate.port.spi.admin.UserDirectory;
import dev.tollgate.port.spi.audit.AuditLog;
import dev.tollgate.port.spi.code.OneTimeCodeStore;
import dev.tollgate.port.spi.key.ApiKeyStore;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.metering.MeterLedger;
import dev.tollgate.port.spi.metering.SubscriptionStore;
import dev.tollgate.port.spi.metering.UsageLog;
import dev.tollgate.port.spi.mfa.SecondFactorStore;
import dev.tollgate.port.spi.network.IpRuleStore;
import dev.tollgate.port.spi.password.PasswordHistory;
import dev.tollgate.port.spi.session.KnownDevices;
import dev.tollgate.port.spi.session.SessionStore;
import dev.tollgate.port.spi.staff.ServiceAccountStore;
import dev.tollgate.port.spi.staff.StaffStore;
import dev.tollgate.port.spi.tenant.TenantStore;
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
        UsageLog usage,
        TenantStore tenants,
        StaffStore staff,
        ServiceAccountStore serviceAccounts,
        UserDirectory directory,
        StaffNotes notes,
        StatisticsStore statistics,
        SecondFactorStore secondFactors,
        PasswordHistory passwordHistory,
        KnownDevices devices,
        IpRuleStore ipRules) {

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
        Objects.requireNonNull(tenants, "tenants");
        Objects.requireNonNull(staff, "staff");
        Objects.requireNonNull(serviceAccounts, "serviceAccounts");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(statistics, "statistics");
        Objects.requireNonNull(secondFactors, "secondFactors");
        Objects.requireNonNull(passwordHistory, "passwordHistory");
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(ipRules, "ipRules");
    }

    /** These stores with {@code value} for the users (a decorator, a test's racing store). */
    public Stores withUsers(UserStore value) {
        return new Stores(value, sessions, codes, counters, auditLog, archive, apiKeys, meters, subscriptions, usage,
                tenants, staff, serviceAccounts, directory, notes, statistics, secondFactors, passwordHistory, devices,
                ipRules);
    }

    public Stores withCounters(WindowCounters value) {
        return new Stores(users, sessions, codes, value, auditLog, archive, apiKeys, meters, subscriptions, usage,
                tenants, staff, serviceAccounts, directory, notes, statistics, secondFactors, passwordHistory, devices,
                ipRules);
    }

    public Stores withMeters(MeterLedger value) {
        return new Stores(users, sessions, codes, counters, auditLog, archive, apiKeys, value, subscriptions, usage,
                tenants, staff, serviceAccounts, directory, notes, statistics, secondFactors, passwordHistory, devices,
                ipRules);
    }

    public Stores withAuditLog(AuditLog value) {
        return new Stores(users, sessions, codes, counters, value, archive, apiKeys, meters, subscriptions, usage,
                tenants, staff, serviceAccounts, directory, notes, statistics, secondFactors, passwordHistory, devices,
                ipRules);
    }

    public Stores withApiKeys(ApiKeyStore value) {
        return new Stores(users, sessions, codes, counters, auditLog, archive, value, meters, subscriptions, usage,
                tenants, staff, serviceAccounts, directory, notes, statistics, secondFactors, passwordHistory, devices,
                ipRules);
    }
}

package dev.tollgate.adapter.memory;

import dev.tollgate.adapter.memory.account.InMemoryAccountArchive;
import dev.tollgate.adapter.memory.admin.InMemoryStaffNotes;
import dev.tollgate.adapter.memory.admin.InMemoryStatisticsStore;
import dev.tollgate.adapter.memory.admin.InMemoryUserDirectory;
import dev.tollgate.adapter.memory.audit.InMemoryAuditLog;
import dev.tollgate.adapter.memory.code.InMemoryOneTimeCodeStore;
import dev.tollgate.adapter.memory.key.InMemoryApiKeyStore;
import dev.tollgate.adapter.memory.limit.InMemoryWindowCounters;
import dev.tollgate.adapter.memory.metering.InMemoryMeterLedger;
import dev.tollgate.adapter.memory.metering.InMemorySubscriptionStore;
import dev.tollgate.adapter.memory.metering.InMemoryUsageLog;
import dev.tollgate.adapter.memory.mfa.InMemorySecondFactorStore;
import dev.tollgate.adapter.memory.network.InMemoryIpRuleStore;
import dev.tollgate.adapter.memory.password.InMemoryPasswordHistory;
import dev.tollgate.adapter.memory.session.InMemoryKnownDevices;
import dev.tollgate.adapter.memory.session.InMemorySessionStore;
import dev.tollgate.adapter.memory.staff.InMemoryServiceAccountStore;
import dev.tollgate.adapter.memory.staff.InMemoryStaffStore;
import dev.tollgate.adapter.memory.tenant.InMemoryTenantStore;
import dev.tollgate.adapter.memory.user.InMemoryUserStore;
import dev.tollgate.port.spi.Stores;

/**
 * One fresh in-memory store for each store port, for wiring Tollgate up in tests and demos:
 * {@code InMemoryStores stores = InMemoryStores.create();}. The stores share nothing; each
 * call to {@link #create()} makes a new, empty set.
 */
public final class InMemoryStores {

    private final InMemoryUserStore userStore = new InMemoryUserStore();
    private final InMemorySessionStore sessionStore = new InMemorySessionStore();
    private final InMemoryOneTimeCodeStore oneTimeCodeStore = new InMemoryOneTimeCodeStore();
    private final InMemoryWindowCounters windowCounters = new InMemoryWindowCounters();
    private final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    private final InMemoryAccountArchive accountArchive = new InMemoryAccountArchive();
    private final InMemoryApiKeyStore apiKeyStore = new InMemoryApiKeyStore();
    private final InMemoryMeterLedger meterLedger = new InMemoryMeterLedger();
    private final InMemorySubscriptionStore subscriptionStore = new InMemorySubscriptionStore();
    private final InMemoryUsageLog usageLog = new InMemoryUsageLog();
    private final InMemoryTenantStore tenantStore = new InMemoryTenantStore();
    private final InMemoryStaffStore staffStore = new InMemoryStaffStore();
    private final InMemoryServiceAccountStore serviceAccountStore = new InMemoryServiceAccountStore();
    private final InMemoryUserDirectory userDirectory =
            new InMemoryUserDirectory(userStore, subscriptionStore, staffStore);
    private final InMemoryStaffNotes staffNotes = new InMemoryStaffNotes();
    private final InMemoryStatisticsStore statisticsStore =
            new InMemoryStatisticsStore(userStore, subscriptionStore, usageLog);
    private final InMemorySecondFactorStore secondFactorStore = new InMemorySecondFactorStore();
    private final InMemoryPasswordHistory passwordHistory = new InMemoryPasswordHistory();
    private final InMemoryKnownDevices knownDevices = new InMemoryKnownDevices();
    private final InMemoryIpRuleStore ipRuleStore = new InMemoryIpRuleStore();

    private InMemoryStores() {
    }

    /** A new, empty store of each kind. */
    public static InMemoryStores create() {
        return new InMemoryStores();
    }

    public InMemoryUserStore userStore() {
        return userStore;
    }

    public InMemorySessionStore sessionStore() {
        return sessionStore;
    }

    public InMemoryOneTimeCodeStore oneTimeCodeStore() {
        return oneTimeCodeStore;
    }

    public InMemoryWindowCounters windowCounters() {
        return windowCounters;
    }

    public InMemoryAuditLog auditLog() {
        return auditLog;
    }

    public InMemoryAccountArchive accountArchive() {
        return accountArchive;
    }

    public InMemoryApiKeyStore apiKeyStore() {
        return apiKeyStore;
    }

    public InMemoryMeterLedger meterLedger() {
        return meterLedger;
    }

    public InMemorySubscriptionStore subscriptionStore() {
        return subscriptionStore;
    }

    public InMemoryUsageLog usageLog() {
        return usageLog;
    }

    public InMemorySecondFactorStore secondFactorStore() {
        return secondFactorStore;
    }

    public InMemoryPasswordHistory passwordHistory() {
        return passwordHistory;
    }

    public InMemoryKnownDevices knownDevices() {
        return knownDevices;
    }

    public InMemoryIpRuleStore ipRuleStore() {
        return ipRuleStore;
    }

    /** These stores as the set the builder takes: {@code Tollgate.builder().stores(memory.asStores())}. */
    public Stores asStores() {
        return new Stores(userStore, sessionStore, oneTimeCodeStore, windowCounters, auditLog, accountArchive,
                apiKeyStore, meterLedger, subscriptionStore, usageLog, tenantStore, staffStore, serviceAccountStore,
                userDirectory, staffNotes, statisticsStore, secondFactorStore, passwordHistory, knownDevices,
                ipRuleStore);
    }
}

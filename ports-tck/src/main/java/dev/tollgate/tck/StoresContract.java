package dev.tollgate.tck;

import dev.tollgate.port.spi.Stores;
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
import dev.tollgate.tck.account.AccountArchiveContract;
import dev.tollgate.tck.admin.StaffNotesContract;
import dev.tollgate.tck.admin.StatisticsStoreContract;
import dev.tollgate.tck.admin.UserDirectoryContract;
import dev.tollgate.tck.audit.AuditLogContract;
import dev.tollgate.tck.code.OneTimeCodeStoreContract;
import dev.tollgate.tck.key.ApiKeyStoreContract;
import dev.tollgate.tck.limit.WindowCountersContract;
import dev.tollgate.tck.metering.CountedConsumptionContract;
import dev.tollgate.tck.metering.MeterLedgerContract;
import dev.tollgate.tck.metering.SubscriptionStoreContract;
import dev.tollgate.tck.metering.UsageLogContract;
import dev.tollgate.tck.mfa.SecondFactorStoreContract;
import dev.tollgate.tck.network.IpRuleStoreContract;
import dev.tollgate.tck.password.PasswordHistoryContract;
import dev.tollgate.tck.session.KnownDevicesContract;
import dev.tollgate.tck.session.SessionStoreContract;
import dev.tollgate.tck.staff.ServiceAccountStoreContract;
import dev.tollgate.tck.staff.StaffStoreContract;
import dev.tollgate.tck.tenant.TenantStoreContract;
import dev.tollgate.tck.user.UserStoreContract;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every store port's contract, run against one implementation of {@link Stores}: a store
 * adapter proves itself with one test class that answers {@link #newStores}:
 *
 * <pre>{@code
 * class MyStoresContractTest extends StoresContract {
 *     @Override
 *     protected Stores newStores(Closer closer) {
 *         MyDatabase database = closer.register(MyDatabase.createFresh());
 *         return database.stores();
 *     }
 * }
 * }</pre>
 *
 * <p>Each port's contract is a {@link Nested} class here and gets stores of its own: the hook is
 * called once per contract, before its first test, and what it registers with the
 * {@link Closer} is closed after that contract's last test. So each contract may run on a
 * database of its own, while its tests share it (as they would share a production database:
 * every test works with fresh tenants, ids and names and never assumes the store is empty).
 * Only the port a contract is about is used from the stores it gets, and the stores that port
 * reads: the directory and statistics contracts write users, subscriptions, staff and usage.
 *
 * <p>A store adapter that implements only some ports extends the per-port contracts instead
 * ({@code UserStoreContract} and the others), each with its own hook.
 */
@ExtendWith(StoresContract.StoresPerContract.class)
public abstract class StoresContract {

    /** The stores of the contract whose test runs now; set before each test of a nested contract. */
    private Stores current;

    /**
     * Fresh stores of the implementation under test, for one port's contract. Resources the
     * stores need (a database, a directory) are registered with {@code closer} and closed, last
     * registered first, after that contract's tests.
     */
    protected abstract Stores newStores(Closer closer);

    /** The stores of the running contract. */
    protected final Stores stores() {
        if (current == null) {
            throw new IllegalStateException("stores are opened only for the tests of a nested contract");
        }
        return current;
    }

    /** Closes what a contract's stores needed, after the contract's tests. */
    public interface Closer {

        /** Closes {@code resource} after the running contract's last test; answers it. */
        <C extends AutoCloseable> C register(C resource);
    }

    @Nested
    class UserStoreTest extends UserStoreContract {
        @Override
        protected UserStore userStore() {
            return stores().users();
        }
    }

    @Nested
    class SessionStoreTest extends SessionStoreContract {
        @Override
        protected SessionStore sessionStore() {
            return stores().sessions();
        }
    }

    @Nested
    class OneTimeCodeStoreTest extends OneTimeCodeStoreContract {
        @Override
        protected OneTimeCodeStore oneTimeCodeStore() {
            return stores().codes();
        }
    }

    @Nested
    class WindowCountersTest extends WindowCountersContract {
        @Override
        protected WindowCounters windowCounters() {
            return stores().counters();
        }
    }

    @Nested
    class AuditLogTest extends AuditLogContract {
        @Override
        protected AuditLog auditLog() {
            return stores().auditLog();
        }
    }

    @Nested
    class AccountArchiveTest extends AccountArchiveContract {
        @Override
        protected AccountArchive accountArchive() {
            return stores().archive();
        }
    }

    @Nested
    class ApiKeyStoreTest extends ApiKeyStoreContract {
        @Override
        protected ApiKeyStore apiKeyStore() {
            return stores().apiKeys();
        }
    }

    @Nested
    class MeterLedgerTest extends MeterLedgerContract {
        @Override
        protected MeterLedger meterLedger() {
            return stores().meters();
        }
    }

    @Nested
    class CountedConsumptionTest extends CountedConsumptionContract {
        @Override
        protected MeterLedger meterLedger() {
            return stores().meters();
        }

        @Override
        protected WindowCounters windowCounters() {
            return stores().counters();
        }
    }

    @Nested
    class SubscriptionStoreTest extends SubscriptionStoreContract {
        @Override
        protected SubscriptionStore subscriptionStore() {
            return stores().subscriptions();
        }
    }

    @Nested
    class UsageLogTest extends UsageLogContract {
        @Override
        protected UsageLog usageLog() {
            return stores().usage();
        }
    }

    @Nested
    class TenantStoreTest extends TenantStoreContract {
        @Override
        protected TenantStore tenantStore() {
            return stores().tenants();
        }
    }

    @Nested
    class StaffStoreTest extends StaffStoreContract {
        @Override
        protected StaffStore staffStore() {
            return stores().staff();
        }
    }

    @Nested
    class ServiceAccountStoreTest extends ServiceAccountStoreContract {
        @Override
        protected ServiceAccountStore serviceAccountStore() {
            return stores().serviceAccounts();
        }
    }

    @Nested
    class UserDirectoryTest extends UserDirectoryContract {
        @Override
        protected UserDirectory userDirectory() {
            return stores().directory();
        }

        @Override
        protected UserStore userStore() {
            return stores().users();
        }

        @Override
        protected SubscriptionStore subscriptionStore() {
            return stores().subscriptions();
        }

        @Override
        protected StaffStore staffStore() {
            return stores().staff();
        }
    }

    @Nested
    class StaffNotesTest extends StaffNotesContract {
        @Override
        protected StaffNotes staffNotes() {
            return stores().notes();
        }
    }

    @Nested
    class StatisticsStoreTest extends StatisticsStoreContract {
        @Override
        protected StatisticsStore statisticsStore() {
            return stores().statistics();
        }

        @Override
        protected UserStore userStore() {
            return stores().users();
        }

        @Override
        protected SubscriptionStore subscriptionStore() {
            return stores().subscriptions();
        }

        @Override
        protected UsageLog usageLog() {
            return stores().usage();
        }
    }

    @Nested
    class SecondFactorStoreTest extends SecondFactorStoreContract {
        @Override
        protected SecondFactorStore secondFactorStore() {
            return stores().secondFactors();
        }
    }

    @Nested
    class PasswordHistoryTest extends PasswordHistoryContract {
        @Override
        protected PasswordHistory passwordHistory() {
            return stores().passwordHistory();
        }
    }

    @Nested
    class KnownDevicesTest extends KnownDevicesContract {
        @Override
        protected KnownDevices knownDevices() {
            return stores().devices();
        }
    }

    @Nested
    class IpRuleStoreTest extends IpRuleStoreContract {
        @Override
        protected IpRuleStore ipRuleStore() {
            return stores().ipRules();
        }
    }

    /**
     * Opens a nested contract's stores before its first test (through the hook of the test's
     * outermost instance, the store's own subclass) and closes what they registered after its
     * last. The opened stores live in the nested class's extension context, so contracts never
     * share them.
     */
    static final class StoresPerContract implements BeforeEachCallback, AfterAllCallback {

        private static final ExtensionContext.Namespace NAMESPACE =
                ExtensionContext.Namespace.create(StoresPerContract.class);

        @Override
        public void beforeEach(ExtensionContext test) {
            if (test.getRequiredTestClass().getEnclosingClass() != StoresContract.class) {
                return;
            }
            StoresContract contract = (StoresContract) test.getRequiredTestInstances().getAllInstances().get(0);
            ExtensionContext.Store nestedClass = classOf(test).getStore(NAMESPACE);
            OpenedStores opened = nestedClass.get(OpenedStores.class, OpenedStores.class);
            if (opened == null) {
                opened = OpenedStores.open(contract);
                nestedClass.put(OpenedStores.class, opened);
            }
            contract.current = opened.stores;
        }

        /** The context of the class a test (or a repetition or parameterized invocation of it) belongs to. */
        private static ExtensionContext classOf(ExtensionContext test) {
            ExtensionContext context = test;
            while (context.getTestMethod().isPresent()) {
                context = context.getParent().orElseThrow();
            }
            return context;
        }

        @Override
        public void afterAll(ExtensionContext testClass) throws Exception {
            OpenedStores opened = testClass.getStore(NAMESPACE).remove(OpenedStores.class, OpenedStores.class);
            if (opened != null) {
                opened.close();
            }
        }
    }

    /** One contract's stores and what closes after it. */
    private static final class OpenedStores implements Closer {

        private final Deque<AutoCloseable> resources = new ArrayDeque<>();
        private Stores stores;

        /** Asks {@code contract} for fresh stores; closes what it registered if it fails. */
        static OpenedStores open(StoresContract contract) {
            OpenedStores opened = new OpenedStores();
            try {
                opened.stores = Objects.requireNonNull(contract.newStores(opened), "newStores answered null");
                return opened;
            } catch (RuntimeException | Error e) {
                try {
                    opened.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }

        @Override
        public <C extends AutoCloseable> C register(C resource) {
            resources.push(Objects.requireNonNull(resource, "resource"));
            return resource;
        }

        void close() throws Exception {
            Exception failure = null;
            while (!resources.isEmpty()) {
                try {
                    resources.pop().close();
                } catch (Exception e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}

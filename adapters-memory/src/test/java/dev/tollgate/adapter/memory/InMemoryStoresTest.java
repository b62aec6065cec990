package dev.tollgate.adapter.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InMemoryStoresTest {

    @Test
    void create_makesAFreshStoreOfEachKind_everyTime() {
        InMemoryStores first = InMemoryStores.create();
        InMemoryStores second = InMemoryStores.create();

        assertThat(first.userStore()).isNotNull().isNotSameAs(second.userStore());
        assertThat(first.sessionStore()).isNotNull().isNotSameAs(second.sessionStore());
        assertThat(first.oneTimeCodeStore()).isNotNull().isNotSameAs(second.oneTimeCodeStore());
        assertThat(first.windowCounters()).isNotNull().isNotSameAs(second.windowCounters());
        assertThat(first.auditLog()).isNotNull().isNotSameAs(second.auditLog());
        assertThat(first.accountArchive()).isNotNull().isNotSameAs(second.accountArchive());
        assertThat(first.apiKeyStore()).isNotNull().isNotSameAs(second.apiKeyStore());
        assertThat(first.meterLedger()).isNotNull().isNotSameAs(second.meterLedger());
        assertThat(first.subscriptionStore()).isNotNull().isNotSameAs(second.subscriptionStore());
        assertThat(first.usageLog()).isNotNull().isNotSameAs(second.usageLog());
        assertThat(first.secondFactorStore()).isNotNull().isNotSameAs(second.secondFactorStore());
        assertThat(first.passwordHistory()).isNotNull().isNotSameAs(second.passwordHistory());
        assertThat(first.knownDevices()).isNotNull().isNotSameAs(second.knownDevices());
        assertThat(first.ipRuleStore()).isNotNull().isNotSameAs(second.ipRuleStore());
        assertThat(first.userStore()).isSameAs(first.userStore());
    }
}

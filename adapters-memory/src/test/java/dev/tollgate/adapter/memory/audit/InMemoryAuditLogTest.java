package dev.tollgate.adapter.memory.audit;

import dev.tollgate.port.spi.audit.AuditLog;
import dev.tollgate.tck.audit.AuditLogContract;

class InMemoryAuditLogTest extends AuditLogContract {

    /** One store for every test, as a database would be: the contract must not assume an empty store. */
    private static final InMemoryAuditLog STORE = new InMemoryAuditLog();

    @Override
    protected AuditLog auditLog() {
        return STORE;
    }
}

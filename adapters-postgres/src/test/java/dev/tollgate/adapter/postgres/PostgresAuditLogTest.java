package dev.tollgate.adapter.postgres;

import dev.tollgate.port.spi.audit.AuditLog;
import dev.tollgate.tck.audit.AuditLogContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresAuditLogTest extends AuditLogContract {

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Override
    protected AuditLog auditLog() {
        return DATABASE.stores().auditLog();
    }
}

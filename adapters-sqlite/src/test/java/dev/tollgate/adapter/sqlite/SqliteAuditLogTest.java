package dev.tollgate.adapter.sqlite;

import dev.tollgate.port.spi.audit.AuditLog;
import dev.tollgate.tck.audit.AuditLogContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteAuditLogTest extends AuditLogContract {

    @RegisterExtension
    static final SqliteTestDatabase DATABASE = new SqliteTestDatabase();

    @Override
    protected AuditLog auditLog() {
        return DATABASE.stores().auditLog();
    }
}

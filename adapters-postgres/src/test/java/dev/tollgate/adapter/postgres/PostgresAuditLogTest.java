package dev.tollgate.adapter.postgres;

import dev.tollgate.port.spi.audit.AuditLog;
import dev.tollgate.tck.audit.AuditLogContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresAuditLogTest extends AuditLogContract {

    private static PostgresTestDatabase database;

    @BeforeAll
    static void openDatabase() {
        database = new PostgresTestDatabase();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Override
    protected AuditLog auditLog() {
        return database.database.stores().auditLog();
    }
}

package dev.tollgate.adapter.sqlite;

import dev.tollgate.port.spi.audit.AuditLog;
import dev.tollgate.tck.audit.AuditLogContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class SqliteAuditLogTest extends AuditLogContract {

    private static SqliteTestDatabase database;

    @BeforeAll
    static void openDatabase() {
        database = new SqliteTestDatabase();
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

package dev.tollgate.adapter.mongo.audit;

import com.mongodb.client.MongoDatabase;
import java.util.Objects;

/** PLACEHOLDER: replaced by the real store. */
public final class MongoAuditLog implements dev.tollgate.port.spi.audit.AuditLog {

    private final MongoDatabase database;

    public MongoAuditLog(MongoDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public void append(dev.tollgate.port.spi.audit.AuditEvent arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public java.util.List<dev.tollgate.port.spi.audit.AuditEvent> findBySubject(dev.tollgate.port.TenantId arg0, dev.tollgate.port.UserId arg1, int arg2) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public java.util.List<dev.tollgate.port.spi.audit.AuditEvent> search(dev.tollgate.port.spi.audit.AuditFilter arg0, java.util.UUID arg1, int arg2) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }
}

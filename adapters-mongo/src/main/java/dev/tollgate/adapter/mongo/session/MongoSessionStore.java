package dev.tollgate.adapter.mongo.session;

import com.mongodb.client.MongoDatabase;
import java.util.Objects;

/** PLACEHOLDER: replaced by the real store. */
public final class MongoSessionStore implements dev.tollgate.port.spi.session.SessionStore {

    private final MongoDatabase database;

    public MongoSessionStore(MongoDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public void create(dev.tollgate.port.spi.session.SessionRecord arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public java.util.Optional<dev.tollgate.port.spi.session.SessionRecord> findByAccessDigest(dev.tollgate.port.TenantId arg0, java.lang.String arg1) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.spi.session.RotationResult rotate(dev.tollgate.port.TenantId arg0, java.lang.String arg1, dev.tollgate.port.spi.session.Rotation arg2, java.time.Instant arg3) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public void touch(dev.tollgate.port.UserRef arg0, dev.tollgate.port.SessionId arg1, java.time.Instant arg2) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.Change revoke(dev.tollgate.port.UserRef arg0, dev.tollgate.port.SessionId arg1, java.time.Instant arg2) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public int revokeAll(dev.tollgate.port.UserRef arg0, java.time.Instant arg1) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public int revokeAllExcept(dev.tollgate.port.UserRef arg0, dev.tollgate.port.SessionId arg1, java.time.Instant arg2) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public java.util.List<dev.tollgate.port.spi.session.SessionRecord> listLive(dev.tollgate.port.UserRef arg0, java.time.Instant arg1) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public int deleteAll(dev.tollgate.port.UserRef arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }
}

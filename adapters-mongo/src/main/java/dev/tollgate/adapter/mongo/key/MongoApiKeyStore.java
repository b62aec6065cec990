package dev.tollgate.adapter.mongo.key;

import com.mongodb.client.MongoDatabase;
import java.util.Objects;

/** PLACEHOLDER: replaced by the real store. */
public final class MongoApiKeyStore implements dev.tollgate.port.spi.key.ApiKeyStore {

    private final MongoDatabase database;

    public MongoApiKeyStore(MongoDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public void create(dev.tollgate.port.spi.key.ApiKeyRecord arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public java.util.Optional<dev.tollgate.port.spi.key.ApiKeyRecord> findByDigest(dev.tollgate.port.TenantId arg0, java.lang.String arg1) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public java.util.Optional<dev.tollgate.port.spi.key.ApiKeyRecord> find(dev.tollgate.port.UserRef arg0, dev.tollgate.port.ApiKeyId arg1) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public java.util.List<dev.tollgate.port.spi.key.ApiKeyRecord> list(dev.tollgate.port.UserRef arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.Change revoke(dev.tollgate.port.UserRef arg0, dev.tollgate.port.ApiKeyId arg1, java.time.Instant arg2) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.Change replaceSecret(dev.tollgate.port.UserRef arg0, dev.tollgate.port.ApiKeyId arg1, java.lang.String arg2, java.lang.String arg3, java.lang.String arg4, java.lang.String arg5) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public int deleteAll(dev.tollgate.port.UserRef arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }
}

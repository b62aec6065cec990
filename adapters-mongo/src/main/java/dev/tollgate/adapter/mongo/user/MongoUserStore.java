package dev.tollgate.adapter.mongo.user;

import com.mongodb.client.MongoDatabase;
import java.util.Objects;

/** PLACEHOLDER: replaced by the real store. */
public final class MongoUserStore implements dev.tollgate.port.spi.user.UserStore {

    private final MongoDatabase database;

    public MongoUserStore(MongoDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public dev.tollgate.port.spi.user.InsertResult insert(dev.tollgate.port.spi.user.UserRecord arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public java.util.Optional<dev.tollgate.port.spi.user.UserRecord> findById(dev.tollgate.port.UserRef arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public java.util.Optional<dev.tollgate.port.spi.user.UserRecord> findByUsername(dev.tollgate.port.TenantId arg0, dev.tollgate.port.Username arg1) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public java.util.Optional<dev.tollgate.port.spi.user.UserRecord> findByEmail(dev.tollgate.port.TenantId arg0, dev.tollgate.port.Email arg1) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.spi.user.FailedLogin recordFailedLogin(dev.tollgate.port.UserRef arg0, dev.tollgate.port.spi.user.LockoutRule arg1, java.time.Instant arg2) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.spi.user.SuccessfulLogin recordSuccessfulLogin(dev.tollgate.port.UserRef arg0, java.time.Instant arg1) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.Change replacePasswordHash(dev.tollgate.port.UserRef arg0, java.lang.String arg1, java.lang.String arg2, java.time.Instant arg3) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.Change resetPasswordHash(dev.tollgate.port.UserRef arg0, java.lang.String arg1, java.time.Instant arg2) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.Change unlock(dev.tollgate.port.UserRef arg0, java.time.Instant arg1) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.Change updateProfile(dev.tollgate.port.UserRef arg0, dev.tollgate.port.Profile arg1, java.time.Instant arg2, java.time.Instant arg3) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.Change markEmailVerified(dev.tollgate.port.UserRef arg0, dev.tollgate.port.Email arg1, java.time.Instant arg2) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.Change setPendingEmail(dev.tollgate.port.UserRef arg0, dev.tollgate.port.Email arg1, java.time.Instant arg2) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.spi.user.EmailChangeResult confirmPendingEmail(dev.tollgate.port.UserRef arg0, dev.tollgate.port.Email arg1, java.time.Instant arg2) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.Change clearPendingEmail(dev.tollgate.port.UserRef arg0, dev.tollgate.port.Email arg1, java.time.Instant arg2) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.Change changeStatus(dev.tollgate.port.UserRef arg0, dev.tollgate.port.AccountStatus arg1, dev.tollgate.port.AccountStatus arg2, java.lang.String arg3, java.time.Instant arg4) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.Change delete(dev.tollgate.port.UserRef arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }
}

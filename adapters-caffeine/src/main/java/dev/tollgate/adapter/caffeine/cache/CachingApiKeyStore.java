package dev.tollgate.adapter.caffeine.cache;

import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.Change;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.cache.Invalidation;
import dev.tollgate.port.spi.key.ApiKeyRecord;
import dev.tollgate.port.spi.key.ApiKeyStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Keys by digest from memory; every change invalidates its owner. */
final class CachingApiKeyStore implements ApiKeyStore {

    private final ApiKeyStore store;
    private final Invalidations invalidations;
    private final HeldLookup<DigestOf, ApiKeyRecord> byDigest;

    CachingApiKeyStore(ApiKeyStore store, Invalidations invalidations, HeldLookup.Settings settings) {
        this.store = Objects.requireNonNull(store, "store");
        this.invalidations = invalidations;
        this.byDigest = settings.lookup(invalidations, (digest, key) -> key.user());
    }

    @Override
    public void create(ApiKeyRecord key) {
        try {
            store.create(key);
        } finally {
            invalidations.changed(Invalidation.of(key.user()));
        }
    }

    @Override
    public Optional<ApiKeyRecord> findByDigest(TenantId tenant, String digest) {
        return byDigest.find(new DigestOf(tenant, digest), () -> store.findByDigest(tenant, digest));
    }

    @Override
    public Optional<ApiKeyRecord> find(UserRef user, ApiKeyId key) {
        return store.find(user, key);
    }

    @Override
    public List<ApiKeyRecord> list(UserRef user) {
        return store.list(user);
    }

    @Override
    public Change revoke(UserRef user, ApiKeyId key, Instant at) {
        try {
            return store.revoke(user, key, at);
        } finally {
            invalidations.changed(Invalidation.of(user));
        }
    }

    @Override
    public Change replaceSecret(UserRef user, ApiKeyId key, String expectedDigest, String newDigest,
            String newDisplayPrefix, String newSealedSecret) {
        try {
            return store.replaceSecret(user, key, expectedDigest, newDigest, newDisplayPrefix, newSealedSecret);
        } finally {
            invalidations.changed(Invalidation.of(user));
        }
    }

    @Override
    public Change restrictAddresses(UserRef user, ApiKeyId key, List<String> allowedIps) {
        try {
            return store.restrictAddresses(user, key, allowedIps);
        } finally {
            invalidations.changed(Invalidation.of(user));
        }
    }

    @Override
    public int deleteAll(UserRef user) {
        try {
            return store.deleteAll(user);
        } finally {
            invalidations.changed(Invalidation.of(user));
        }
    }

    /** A digest is unique within its tenant only. */
    private record DigestOf(TenantId tenant, String digest) {
    }
}

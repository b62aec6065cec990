package dev.tollgate.adapter.memory.key;

import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.Change;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.key.ApiKeyRecord;
import dev.tollgate.port.spi.key.ApiKeyStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link ApiKeyStore} in memory. One lock guards the keys and their digest index, which is
 * per tenant: a digest is found only in the tenant of its key.
 */
public final class InMemoryApiKeyStore implements ApiKeyStore {

    /** A digest within its tenant. */
    private record DigestKey(TenantId tenant, String digest) {
    }

    private final Object lock = new Object();
    private final Map<ApiKeyId, ApiKeyRecord> keys = new HashMap<>();
    private final Map<DigestKey, ApiKeyId> byDigest = new HashMap<>();

    @Override
    public void create(ApiKeyRecord key) {
        Objects.requireNonNull(key, "key");
        synchronized (lock) {
            DigestKey digest = new DigestKey(key.user().tenant(), key.digest());
            if (keys.containsKey(key.id()) || byDigest.containsKey(digest)) {
                throw new IllegalArgumentException("api key " + key.id() + " or its digest exists already");
            }
            keys.put(key.id(), key);
            byDigest.put(digest, key.id());
        }
    }

    @Override
    public Optional<ApiKeyRecord> findByDigest(TenantId tenant, String digest) {
        Objects.requireNonNull(tenant, "tenant");
        synchronized (lock) {
            return Optional.ofNullable(byDigest.get(new DigestKey(tenant, digest))).map(keys::get);
        }
    }

    @Override
    public Optional<ApiKeyRecord> find(UserRef user, ApiKeyId key) {
        synchronized (lock) {
            return Optional.ofNullable(keys.get(key)).filter(record -> record.user().equals(user));
        }
    }

    @Override
    public List<ApiKeyRecord> list(UserRef user) {
        synchronized (lock) {
            return keys.values().stream()
                    .filter(record -> record.user().equals(user))
                    .sorted(Comparator.comparing(ApiKeyRecord::createdAt)
                            .thenComparing(record -> record.id().value().toString()).reversed())
                    .toList();
        }
    }

    @Override
    public Change revoke(UserRef user, ApiKeyId key, Instant at) {
        synchronized (lock) {
            ApiKeyRecord current = keys.get(key);
            if (current == null || !current.user().equals(user) || current.revoked()) {
                return Change.noMatch();
            }
            keys.put(key, new ApiKeyRecord(current.id(), current.user(), current.name(), current.digest(),
                    current.displayPrefix(), current.sealedSecret(), current.primary(), current.createdAt(),
                    current.expiresAt(), at, current.allowedIps()));
            return Change.applied();
        }
    }

    @Override
    public Change replaceSecret(UserRef user, ApiKeyId key, String expectedDigest, String newDigest,
            String newDisplayPrefix, String newSealedSecret) {
        synchronized (lock) {
            ApiKeyRecord current = keys.get(key);
            if (current == null || !current.user().equals(user) || current.revoked()
                    || !current.digest().equals(expectedDigest)
                    || byDigest.containsKey(new DigestKey(user.tenant(), newDigest))) {
                return Change.noMatch();
            }
            byDigest.remove(new DigestKey(user.tenant(), current.digest()));
            byDigest.put(new DigestKey(user.tenant(), newDigest), key);
            keys.put(key, new ApiKeyRecord(current.id(), current.user(), current.name(), newDigest, newDisplayPrefix,
                    newSealedSecret, current.primary(), current.createdAt(), current.expiresAt(), null,
                    current.allowedIps()));
            return Change.applied();
        }
    }

    @Override
    public Change restrictAddresses(UserRef user, ApiKeyId key, List<String> allowedIps) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(key, "key");
        List<String> ranges = List.copyOf(Objects.requireNonNull(allowedIps, "allowedIps"));
        synchronized (lock) {
            ApiKeyRecord current = keys.get(key);
            if (current == null || !current.user().equals(user) || current.revoked()) {
                return Change.noMatch();
            }
            keys.put(key, new ApiKeyRecord(current.id(), current.user(), current.name(), current.digest(),
                    current.displayPrefix(), current.sealedSecret(), current.primary(), current.createdAt(),
                    current.expiresAt(), null, ranges));
            return Change.applied();
        }
    }

    @Override
    public int deleteAll(UserRef user) {
        synchronized (lock) {
            List<ApiKeyRecord> owned = keys.values().stream().filter(record -> record.user().equals(user)).toList();
            owned.forEach(record -> {
                keys.remove(record.id());
                byDigest.remove(new DigestKey(record.user().tenant(), record.digest()));
            });
            return owned.size();
        }
    }
}

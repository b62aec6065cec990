package dev.tollgate.port.spi.key;

import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.Change;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * API keys, looked up by digest within a tenant. Each method is one atomic operation. A key of
 * one tenant is invisible to every other tenant: no lookup of another tenant finds it, and no
 * operation of another tenant changes it.
 */
public interface ApiKeyStore {

    /** Stores a new key; its id is new, and its digest is new within its tenant. */
    void create(ApiKeyRecord key);

    /** The key of {@code tenant} whose current digest this is, revoked or not. */
    Optional<ApiKeyRecord> findByDigest(TenantId tenant, String digest);

    Optional<ApiKeyRecord> find(UserRef user, ApiKeyId key);

    /** The user's keys, revoked ones included, newest first. */
    List<ApiKeyRecord> list(UserRef user);

    /** Revokes the user's key if it is not revoked yet: {@code APPLIED} when it was live. */
    Change revoke(UserRef user, ApiKeyId key, Instant at);

    /**
     * Gives the user's live key a new secret, only if its digest is still {@code expectedDigest}
     * (compare-and-set): the old digest stops matching at once. {@code NO_MATCH} for a revoked
     * key, one of another user, or a digest that changed since.
     */
    Change replaceSecret(UserRef user, ApiKeyId key, String expectedDigest, String newDigest, String newDisplayPrefix,
            String newSealedSecret);

    /**
     * Replaces the address ranges the user's key works from ({@code allowedIps}, normalised CIDR
     * text; empty for anywhere), only while it is not revoked.
     */
    Change restrictAddresses(UserRef user, ApiKeyId key, List<String> allowedIps);

    /** Removes every key of the user; answers how many. */
    int deleteAll(UserRef user);
}

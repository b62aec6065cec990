package dev.tollgate.port.api.key;

import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.metering.VerifyApiKey;
import dev.tollgate.port.api.session.Principal;
import java.time.Instant;
import java.util.List;

/** A user's API keys: creating, listing, revoking, regenerating and revealing them. */
public interface ApiKeys {

    /**
     * A new key for the user, with an optional name (at most 100 characters) and expiry (in the
     * future). Refused with {@code VALIDATION_FAILED} or {@code USER_NOT_FOUND}.
     */
    Outcome<IssuedApiKey> create(UserRef user, String name, Instant expiresAt, RequestContext context);

    /**
     * As {@link #create(UserRef, String, Instant, RequestContext)}, working only from the client
     * addresses in {@code allowedIps} (IPv4 or IPv6 addresses or CIDR ranges, at most 32; empty or
     * null for anywhere): elsewhere it verifies as {@code KEY_IP_NOT_ALLOWED}.
     */
    Outcome<IssuedApiKey> create(UserRef user, String name, Instant expiresAt, List<String> allowedIps,
            RequestContext context);

    /**
     * Replaces the address ranges one of the user's live keys works from (empty for anywhere).
     * Refused with {@code VALIDATION_FAILED} (field {@code allowed_ips}) or {@code KEY_NOT_FOUND}.
     */
    Outcome<ApiKeyView> restrict(UserRef user, ApiKeyId key, List<String> allowedIps, RequestContext context);

    /** The user's keys, revoked ones included, newest first; never a secret. */
    List<ApiKeyView> list(UserRef user);

    /** The key registration created, or {@code KEY_NOT_FOUND} when the user has none live. */
    Outcome<ApiKeyView> primary(UserRef user);

    /** Revokes one of the user's keys at once; {@code KEY_NOT_FOUND} when not theirs or revoked. */
    Outcome<ApiKeyView> revoke(UserRef user, ApiKeyId key, RequestContext context);

    /**
     * Gives the key a new secret after checking the password; the old secret stops working at
     * once. Refused with {@code INVALID_CREDENTIALS} or {@code KEY_NOT_FOUND}.
     */
    Outcome<IssuedApiKey> regenerate(UserRef user, ApiKeyId key, String password, RequestContext context);

    /**
     * Shows a recoverable key's secret again after checking the password. Refused with
     * {@code INVALID_CREDENTIALS}, {@code KEY_NOT_FOUND} or, for a key stored only as a digest,
     * {@code KEY_NOT_RECOVERABLE}.
     */
    Outcome<IssuedApiKey> reveal(UserRef user, ApiKeyId key, String password, RequestContext context);

    /**
     * Who presents {@code key} as a bearer token, for the owner's own read routes: a principal
     * {@linkplain Principal#authenticatedBy() authenticated by} {@code API_KEY}. The key is judged
     * as {@link VerifyApiKey} judges it (shape and checksum, known in {@code tenant}, not revoked,
     * not expired, its owner active and, when the settings require it for keys, verified); any
     * failure is refused {@code INVALID_TOKEN}, whatever the reason. Nothing is consumed or
     * recorded: this is not a metered use of the key.
     */
    Outcome<Principal> authenticate(TenantId tenant, String key);
}

package dev.tollgate.adapter.http.internal;

import dev.tollgate.port.Permission;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.ServiceAccountId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.api.staff.ServiceAccounts;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a service is, for the routes services call: {@code Authorization: Bearer <token>} holding
 * the configured service token (the bootstrap service account, compared by SHA-256 digest in
 * constant time) or a service account's key ({@link ServiceAccounts#actorOf}). A missing,
 * malformed, unknown or revoked credential is {@code UNAUTHENTICATED}; an actor lacking the
 * route's permission is {@code PERMISSION_DENIED}.
 */
public final class ServiceAuthentication {

    private final byte[] digest;
    private final Actor bootstrap;
    private final ServiceAccounts accounts;
    private final Tenancy tenancy;

    /**
     * @param digest    the SHA-256 digest of the service token, as {@link #digestOf} makes it; null when there is none
     * @param bootstrap the id the service token acts as
     */
    public ServiceAuthentication(byte[] digest, ServiceAccountId bootstrap, ServiceAccounts accounts, Tenancy tenancy) {
        if (digest != null && digest.length != 32) {
            throw new IllegalArgumentException("a service token digest is 32 bytes (SHA-256)");
        }
        this.digest = digest == null ? null : digest.clone();
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.tenancy = Objects.requireNonNull(tenancy, "tenancy");
        this.bootstrap = new Actor(Actor.Kind.SERVICE, tenancy.defaultTenant(), null,
                Objects.requireNonNull(bootstrap, "bootstrap"), null, -1,
                EnumSet.of(Permission.KEYS_VERIFY, Permission.BILLING_WRITE), 0, false);
    }

    /** The SHA-256 digest of {@code token}'s UTF-8 bytes. */
    public static byte[] digestOf(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    /** The bootstrap service account, when {@code token} is the service token. */
    Optional<Actor> bootstrap(String token) {
        if (digest == null) {
            return Optional.empty();
        }
        return MessageDigest.isEqual(digestOf(token), digest) ? Optional.of(bootstrap) : Optional.empty();
    }

    /**
     * The service actor of the request, holding {@code permission}: done with the tenant it acts
     * in (the one the request names, which the actor must reach, else its own). Throws
     * {@link HttpFailure} {@code UNAUTHENTICATED} for no valid service credential.
     */
    public Outcome<TenantId> require(Context ctx, Permission permission, RequestContext origin) {
        String token = BearerAuthentication.bearerToken(ctx);
        Outcome<Actor> actor = bootstrap(token).map(Outcome::done).orElseGet(() -> accounts.actorOf(token));
        if (!actor.isDone() && actor.problem().code() == ErrorCode.INVALID_TOKEN) {
            throw new HttpFailure(TransportError.UNAUTHENTICATED, "A valid service token is required.");
        }
        // the core decides, and audits a refusal
        return actor.flatMap(service -> accounts.permit(service, permission,
                tenancy.named(ctx).orElse(service.tenant()), origin));
    }
}

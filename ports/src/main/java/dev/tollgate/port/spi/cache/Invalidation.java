package dev.tollgate.port.spi.cache;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What changed, as far as a process's caches care: everything of one user (its record, keys,
 * sessions, subscription), everything of one tenant, or everything (notices may have been
 * missed). It names no secret, so it may cross any channel; {@link #encode()} and
 * {@link #decode(String)} give it one wire form for every bus.
 */
public record Invalidation(Scope scope, Optional<TenantId> tenant, Optional<UserId> user) {

    /** How much a notice covers. */
    public enum Scope {
        /** Everything held of one user of one tenant. */
        USER,
        /** Everything held of one tenant and its users. */
        TENANT,
        /** Everything held: notices may have been missed. */
        EVERYTHING,
        /** The IP rules: every process reads them again. Covers no user. */
        NETWORK
    }

    private static final Invalidation EVERYTHING = new Invalidation(Scope.EVERYTHING, Optional.empty(), Optional.empty());
    private static final Invalidation NETWORK = new Invalidation(Scope.NETWORK, Optional.empty(), Optional.empty());

    public Invalidation {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(user, "user");
        boolean shaped = switch (scope) {
            case USER -> tenant.isPresent() && user.isPresent();
            case TENANT -> tenant.isPresent() && user.isEmpty();
            case EVERYTHING, NETWORK -> tenant.isEmpty() && user.isEmpty();
        };
        if (!shaped) {
            throw new IllegalArgumentException("a USER notice names a tenant and a user, a TENANT notice a tenant only, "
                    + "EVERYTHING and NETWORK neither");
        }
    }

    /** Everything held of {@code user}. */
    public static Invalidation of(UserRef user) {
        Objects.requireNonNull(user, "user");
        return new Invalidation(Scope.USER, Optional.of(user.tenant()), Optional.of(user.id()));
    }

    /** Everything held of {@code tenant} and its users. */
    public static Invalidation of(TenantId tenant) {
        return new Invalidation(Scope.TENANT, Optional.of(Objects.requireNonNull(tenant, "tenant")), Optional.empty());
    }

    /** Everything held. */
    public static Invalidation everything() {
        return EVERYTHING;
    }

    /** The IP rules changed. */
    public static Invalidation network() {
        return NETWORK;
    }

    /** The user named, for a {@link Scope#USER} notice. */
    public Optional<UserRef> userRef() {
        return user.map(id -> new UserRef(tenant.orElseThrow(), id));
    }

    /** Whether this notice covers what is held of {@code held}. */
    public boolean covers(UserRef held) {
        Objects.requireNonNull(held, "held");
        return switch (scope) {
            case USER -> tenant.orElseThrow().equals(held.tenant()) && user.orElseThrow().equals(held.id());
            case TENANT -> tenant.orElseThrow().equals(held.tenant());
            case EVERYTHING -> true;
            case NETWORK -> false;
        };
    }

    /**
     * The wire form: {@code u:<tenant>:<user uuid>}, {@code t:<tenant>}, {@code *} or {@code n} (the IP rules);
     * at most 104 ASCII characters.
     */
    public String encode() {
        return switch (scope) {
            case USER -> "u:" + tenant.orElseThrow().value() + ":" + user.orElseThrow().value();
            case TENANT -> "t:" + tenant.orElseThrow().value();
            case EVERYTHING -> "*";
            case NETWORK -> "n";
        };
    }

    /**
     * The notice of a wire form {@link #encode()} made.
     *
     * @throws IllegalArgumentException for anything else (a bus treats that as {@link #everything()})
     */
    public static Invalidation decode(String wire) {
        Objects.requireNonNull(wire, "wire");
        if (wire.equals("*")) {
            return EVERYTHING;
        }
        if (wire.equals("n")) {
            return NETWORK;
        }
        if (wire.startsWith("t:")) {
            return of(TenantId.of(wire.substring(2)));
        }
        int split = wire.lastIndexOf(':');
        if (wire.startsWith("u:") && split > 2) {
            return of(new UserRef(TenantId.of(wire.substring(2, split)),
                    new UserId(UUID.fromString(wire.substring(split + 1)))));
        }
        throw new IllegalArgumentException("not an invalidation notice");
    }
}

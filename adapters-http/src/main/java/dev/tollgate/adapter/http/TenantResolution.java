package dev.tollgate.adapter.http;

import dev.tollgate.port.TenantId;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How a request chooses its tenant. {@link Mode#HEADER} (the default) reads a header,
 * {@code Tollgate-Tenant} unless named otherwise; {@link Mode#HOST} maps the request's host name
 * (without port, ignoring case) to a tenant and ignores the header. A request that names no
 * tenant (no header, or a host the map lacks) is in {@link HttpSettings#tenant()}, the default
 * tenant. A header that is no tenant id is answered 422 {@code VALIDATION_FAILED} naming the
 * header; a well-formed id of no tenant is the use case's {@code TENANT_NOT_FOUND}.
 *
 * @param mode   where the tenant comes from
 * @param header the header read in {@link Mode#HEADER}; in {@link Mode#HOST} unused
 * @param hosts  host name (lower case, no port) to tenant, for {@link Mode#HOST}; empty otherwise
 */
public record TenantResolution(Mode mode, String header, Map<String, TenantId> hosts) {

    /** The header {@link #byHeader()} reads. */
    public static final String DEFAULT_HEADER = "Tollgate-Tenant";
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");

    /** Where a request's tenant comes from. */
    public enum Mode {
        /** A request header. */
        HEADER,
        /** The request's host name, through a map. */
        HOST
    }

    public TenantResolution {
        Objects.requireNonNull(mode, "tenant resolution mode");
        Objects.requireNonNull(header, "tenant resolution header");
        if (!HEADER_NAME.matcher(header).matches()) {
            throw new IllegalArgumentException("tenant resolution header must be 1-64 letters, digits and '-'");
        }
        Objects.requireNonNull(hosts, "tenant resolution hosts");
        Map<String, TenantId> normalised = new TreeMap<>();
        hosts.forEach((host, tenant) -> {
            Objects.requireNonNull(host, "tenant resolution host");
            Objects.requireNonNull(tenant, "tenant resolution tenant of " + host);
            String name = host.toLowerCase(Locale.ROOT);
            if (!HOST_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("tenant resolution host must be a host name without port: " + host);
            }
            if (normalised.put(name, tenant) != null) {
                throw new IllegalArgumentException("tenant resolution host named twice (ignoring case): " + host);
            }
        });
        hosts = Map.copyOf(normalised);
        if (mode == Mode.HEADER && !hosts.isEmpty()) {
            throw new IllegalArgumentException("tenant resolution hosts are only for the HOST mode");
        }
    }

    /** The {@code Tollgate-Tenant} header. */
    public static TenantResolution byHeader() {
        return byHeader(DEFAULT_HEADER);
    }

    /** The header {@code name}. */
    public static TenantResolution byHeader(String name) {
        return new TenantResolution(Mode.HEADER, name, Map.of());
    }

    /** The host name, through {@code hosts} (host name without port to tenant). */
    public static TenantResolution byHost(Map<String, TenantId> hosts) {
        return new TenantResolution(Mode.HOST, DEFAULT_HEADER, hosts);
    }

    /** The tenant mapped to {@code host} (a Host header, with or without port); empty when unmapped. */
    public Optional<TenantId> tenantOfHost(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            int end = name.indexOf(']');
            name = end < 0 ? name : name.substring(0, end + 1);
        } else if (name.indexOf(':') >= 0) {
            name = name.substring(0, name.indexOf(':'));
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return Optional.ofNullable(hosts.get(name));
    }
}

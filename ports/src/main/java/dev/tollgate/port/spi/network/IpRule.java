package dev.tollgate.port.spi.network;

import dev.tollgate.port.IpRuleId;
import dev.tollgate.port.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * An allow or deny rule for a range of client addresses, as stores persist it.
 *
 * @param tenant    the tenant the rule applies to; null for a global rule (every tenant)
 * @param cidr      the range in CIDR notation, normalised ({@code 203.0.113.0/24}, {@code 2001:db8::/32});
 *                  a single address has the full prefix length
 * @param reason    why the rule exists, as staff gave it, or {@code automatic}
 * @param automatic whether the automatic blocking made it
 * @param createdBy who made it (a staff user id, a service account, {@code automatic}), for the audit
 * @param expiresAt the rule stops applying at this instant; null for never
 */
public record IpRule(
        IpRuleId id,
        TenantId tenant,
        String cidr,
        Action action,
        String reason,
        boolean automatic,
        String createdBy,
        Instant createdAt,
        Instant expiresAt) {

    /** What a matching rule does to a request. */
    public enum Action {
        ALLOW,
        DENY
    }

    public IpRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cidr, "cidr");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        if (expiresAt != null && !expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("a rule expires after it is created");
        }
    }

    /** Whether the rule applies at {@code now}. */
    public boolean liveAt(Instant now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }
}

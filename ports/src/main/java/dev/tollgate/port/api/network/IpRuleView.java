package dev.tollgate.port.api.network;

import dev.tollgate.port.IpRuleId;
import dev.tollgate.port.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * An IP rule as staff see it.
 *
 * @param tenant    the tenant it applies to; null for every tenant
 * @param action    {@code allow} or {@code deny}
 * @param automatic whether the automatic blocking made it (its reason is then {@code automatic})
 * @param createdBy who made it: a staff user id, a service account id, {@code system} or {@code automatic}
 * @param expiresAt when it stops applying; null for never
 */
public record IpRuleView(IpRuleId id, TenantId tenant, String cidr, String action, String reason, boolean automatic,
        String createdBy, Instant createdAt, Instant expiresAt) {

    public IpRuleView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cidr, "cidr");
        Objects.requireNonNull(action, "action");
    }
}

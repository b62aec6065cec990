package dev.tollgate.port.api.network;

import dev.tollgate.port.TenantId;
import java.time.Instant;

/**
 * A rule staff ask for, checked by the use case ({@code VALIDATION_FAILED} names the field).
 *
 * @param tenant    the tenant it applies to; null for a global rule, which only an actor of every
 *                  tenant may make
 * @param cidr      an IPv4 or IPv6 address or CIDR range, such as {@code 203.0.113.0/24}; bits
 *                  below the prefix must be zero
 * @param action    {@code allow} or {@code deny}
 * @param reason    why, 1-500 characters; kept with the rule and in the audit
 * @param expiresAt when it stops applying (in the future); null for never
 */
public record NewIpRule(TenantId tenant, String cidr, String action, String reason, Instant expiresAt) {
}

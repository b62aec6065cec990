package dev.tollgate.port.api.network;

import dev.tollgate.port.IpRuleId;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.staff.Actor;
import java.util.List;

/**
 * Staff's IP rules ({@code network.manage}): allow and deny ranges, global or per tenant, and the
 * automatic blocks. Every change is audited and reaches every process within a second. Refused
 * with {@code PERMISSION_DENIED} when the actor may not manage rules of that tenant.
 */
public interface IpRules {

    /** Adds a rule. Refused with {@code VALIDATION_FAILED} for a malformed range, action, reason or expiry. */
    Outcome<IpRuleView> create(Actor actor, NewIpRule rule, RequestContext context);

    /**
     * The live rules the actor may see: of {@code tenant} and the global ones, or, for
     * {@code tenant} null, every rule of the tenants the actor acts in; oldest first.
     */
    Outcome<List<IpRuleView>> list(Actor actor, TenantId tenant);

    /** Removes a rule (an automatic block too); {@code IP_RULE_NOT_FOUND} when there is none the actor may see. */
    Outcome<IpRuleView> lift(Actor actor, IpRuleId rule, String reason, RequestContext context);
}

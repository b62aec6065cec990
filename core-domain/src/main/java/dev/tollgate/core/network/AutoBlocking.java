package dev.tollgate.core.network;

import dev.tollgate.core.address.IpRange;
import dev.tollgate.core.audit.Auditor;
import dev.tollgate.core.secret.TimeOrderedIds;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.IpRuleId;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.settings.NetworkSettings;
import dev.tollgate.port.settings.ThrottleSettings;
import dev.tollgate.port.spi.audit.AuditEvent;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.CounterKey;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.limit.WindowLimit;
import dev.tollgate.port.spi.network.IpRule;
import dev.tollgate.port.spi.network.IpRuleStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The automatic blocking: watches the audit events as the core writes them, and an address that
 * trips a throttle, locks an account or locks a second step {@code autoBlockAfter} times within
 * {@code autoBlockWindow} gets a global deny rule of its own address for {@code autoBlockFor},
 * with the reason {@code automatic}. The strikes are counted in the shared window counters, so
 * several processes count together. Off ({@code autoBlockAfter} 0) it does nothing.
 *
 * <p>Only addresses Tollgate saw itself count: the key verification throttle is left out, since
 * there the address is the {@code client_ip} a service names (or the service's own), and a
 * service could otherwise get any address, or itself, blocked. An address a live allow rule
 * covers (an office, a partner) is never blocked automatically. The rule's id is made from the
 * address and the strike window, so processes that block one address at once make one rule.
 */
public final class AutoBlocking implements Consumer<AuditEvent> {

    /** The reason and author of every automatic rule. */
    public static final String AUTOMATIC = "automatic";
    private static final Set<AuditType> STRIKES = EnumSet.of(AuditType.THROTTLED, AuditType.ACCOUNT_LOCKED,
            AuditType.MFA_LOCKED);
    /** The throttle whose address a caller names, not Tollgate: no strike. */
    private static final String CALLER_NAMED = ThrottleSettings.Action.KEY_VERIFICATION.name().toLowerCase(Locale.ROOT);

    private static final System.Logger LOG = System.getLogger(AutoBlocking.class.getName());

    private final NetworkSettings settings;
    private final WindowCounters counters;
    private final IpRuleStore rules;
    private final NetworkAccessService network;
    private final TimeOrderedIds ids;
    private final Clock clock;
    private final Auditor auditor;

    /** @param auditor an auditor that does not report back here (its own events are no strikes) */
    public AutoBlocking(NetworkSettings settings, WindowCounters counters, IpRuleStore rules, NetworkAccessService network,
            TimeOrderedIds ids, Clock clock, Auditor auditor) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.network = Objects.requireNonNull(network, "network");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    @Override
    public void accept(AuditEvent event) {
        if (!settings.autoBlocking() || !STRIKES.contains(event.type()) || event.ip() == null
                || CALLER_NAMED.equals(event.details().get("action"))) {
            return;
        }
        try {
            strike(event.tenant(), event.ip(), RequestContext.of(event.ip(), event.userAgent()));
        } catch (RuntimeException failed) {
            // the call that caused the strike has its own answer; a store hiccup here must not change it
            LOG.log(System.Logger.Level.WARNING, "an automatic block could not be counted or stored", failed);
        }
    }

    /** Counts one strike against {@code ip}; the strike that reaches the threshold blocks it. */
    void strike(TenantId tenant, String ip, RequestContext context) {
        Optional<byte[]> address = IpRange.address(ip);
        if (address.isEmpty()) {
            return;
        }
        IpRange single = new IpRange(address.get(), 128);
        Instant now = clock.instant();
        // the window grants autoBlockAfter - 1 strikes; the next is refused, and that one blocks
        Acquisition counted = counters.tryAcquire(CounterKey.of("autoblock:" + single.text()),
                WindowLimit.of(Math.max(1, settings.autoBlockAfter() - 1), settings.autoBlockWindow()), now);
        boolean reached = settings.autoBlockAfter() == 1 || !counted.isGranted();
        if (!reached || network.deniesGlobally(single) || network.allows(tenant, single)) {
            return;
        }
        // one id per address and strike window: processes blocking the address at once make one rule
        IpRuleId id = new IpRuleId(UUID.nameUUIDFromBytes(("automatic " + single.text() + " " + counted.resetsAt())
                .getBytes(StandardCharsets.UTF_8)));
        if (rules.find(id).isPresent()) {
            return;
        }
        IpRule block = new IpRule(id, null, single.text(), IpRule.Action.DENY, AUTOMATIC, true, AUTOMATIC, now,
                now.plus(settings.autoBlockFor()));
        // another process may store this very block between the look and the write: the store then refuses
        // the second (its id is taken), which accept() logs, and the one block stands
        rules.create(block);
        network.changed();
        auditor.event(AuditType.IP_AUTO_BLOCKED, tenant, null, context)
                .with(Map.of("rule", block.id().toString(), "cidr", block.cidr(),
                        "until", block.expiresAt().toString()))
                .succeeded();
    }
}

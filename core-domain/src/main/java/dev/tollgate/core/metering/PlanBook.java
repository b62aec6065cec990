package dev.tollgate.core.metering;

import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.metering.KeyVerification.MeterState;
import dev.tollgate.port.settings.Plan;
import dev.tollgate.port.settings.PlanSettings;
import dev.tollgate.port.settings.ServiceLevel;
import dev.tollgate.port.spi.metering.MeterBalance;
import dev.tollgate.port.spi.metering.MeterLedger;
import dev.tollgate.port.spi.metering.MeterName;
import dev.tollgate.port.spi.metering.PeriodAllowance;
import dev.tollgate.port.spi.metering.Subscription;
import dev.tollgate.port.spi.metering.SubscriptionStore;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a user's plan and per-user overrides give, and the balances of its meters: shared by
 * verify-and-consume and the usage report, so both read a user's plan the same way.
 */
public final class PlanBook {

    /** What a meter name must be, as a field error says it. */
    static final String METER_NAME_RULE = "must be 1 to 64 lower-case letters, digits and '_', starting with a letter";

    private final SubscriptionStore subscriptions;
    private final MeterLedger ledger;
    private final PlanSettings plans;
    private final AllowancePolicy allowances;
    private final Set<String> knownMeters;

    public PlanBook(SubscriptionStore subscriptions, MeterLedger ledger, PlanSettings plans) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.plans = Objects.requireNonNull(plans, "plans");
        this.allowances = new AllowancePolicy(plans.zone());
        this.knownMeters = plans.plans().values().stream().flatMap(plan -> plan.meters().keySet().stream())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** What the user's plan and overrides allow of {@code meter} at {@code now}, as the ledger receives it. */
    PeriodAllowance inForce(Entitled entitled, String meter, Instant now) {
        return allowances.inForce(allowance(entitled, meter), now);
    }

    /**
     * Whether some configured plan names {@code meter}. Only such meters are metered: a meter the
     * user's own plan lacks has no allowance (top-ups pay for it), one no plan names is a mistake.
     */
    boolean knows(String meter) {
        return knownMeters.contains(meter);
    }

    /** The user's plan with its overrides; the default plan without a subscription or when its plan is gone. */
    Entitled entitled(UserRef user) {
        Optional<Subscription> subscription = subscriptions.find(user);
        Plan plan = subscription.map(s -> plans.plans().get(s.plan())).orElse(null);
        if (plan == null) {
            plan = plans.plans().get(plans.defaultPlan());
        }
        Set<String> entitlements = new HashSet<>(plan.entitlements());
        subscription.ifPresent(s -> entitlements.addAll(s.extraEntitlements()));
        ServiceLevel level = subscription.map(Subscription::levelOverride).orElse(plan.level());
        return new Entitled(plan, Set.copyOf(entitlements), subscription.map(Subscription::allowanceOverrides)
                .orElse(Map.of()), subscription.map(Subscription::rateLimitOverride).orElse(null), level,
                subscription.map(Subscription::levelOverride).orElse(null));
    }

    /**
     * Each meter of the plan, plus {@code extra} when given, as of {@code now}; {@code known}
     * supplies a balance already read (the one a consumption answered), the ledger the others.
     */
    Map<String, MeterState> meters(UserRef user, Entitled entitled, String extra, MeterBalance known, Instant now) {
        Map<String, MeterState> meters = new LinkedHashMap<>();
        entitled.plan().meters().keySet().stream().sorted().forEach(meter -> meters.put(meter, null));
        if (extra != null) {
            meters.put(extra, null);
        }
        for (String meter : meters.keySet()) {
            MeterBalance balance = known != null && meter.equals(extra) ? known : null;
            if (balance == null) {
                balance = ledger.balance(user, MeterName.of(meter), inForce(entitled, meter, now));
            }
            meters.put(meter, meter(entitled, meter, balance, now));
        }
        return meters;
    }

    /** One meter's state from a balance already read: the allowance with overrides, and the next reset. */
    MeterState meter(Entitled entitled, String meter, MeterBalance balance, Instant now) {
        Plan.Allowance allowance = allowance(entitled, meter);
        return new MeterState(allowance.amount(), balance.allowanceLeft(), balance.topUpLeft(),
                allowances.nextReset(allowance.period(), now));
    }

    private Plan.Allowance allowance(Entitled entitled, String meter) {
        return allowances.allowance(entitled.plan(), entitled.allowanceOverrides(), meter);
    }

    /**
     * What a user's plan and overrides give.
     *
     * @param level         the level in force: the user's own, else the plan's
     * @param levelOverride the user's own level; null for none
     */
    record Entitled(Plan plan, Set<String> entitlements, Map<String, Long> allowanceOverrides,
            Integer rateLimitOverride, ServiceLevel level, ServiceLevel levelOverride) {
    }
}

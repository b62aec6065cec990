package dev.tollgate.core.metering;

import dev.tollgate.core.audit.ActedBy;
import dev.tollgate.core.audit.Auditor;
import dev.tollgate.core.user.User;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.metering.KeyVerification.MeterState;
import dev.tollgate.port.api.metering.PlanChange;
import dev.tollgate.port.api.metering.SubscriptionView;
import dev.tollgate.port.api.metering.Subscriptions;
import dev.tollgate.port.settings.Plan;
import dev.tollgate.port.settings.PlanSettings;
import dev.tollgate.port.spi.metering.Consumption;
import dev.tollgate.port.spi.metering.MeterBalance;
import dev.tollgate.port.spi.metering.MeterLedger;
import dev.tollgate.port.spi.metering.MeterName;
import dev.tollgate.port.spi.metering.PeriodAllowance;
import dev.tollgate.port.spi.metering.Subscription;
import dev.tollgate.port.spi.metering.SubscriptionStore;
import dev.tollgate.port.spi.user.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Putting users on plans and topping up their meters, through the plan book and the ledger. */
public final class SubscriptionService implements Subscriptions {

    /** How changes by the system (a billing integration) are audited: with no actor. */
    private static final ActedBy SYSTEM = new ActedBy(null, Map.of());

    private final UserStore users;
    private final SubscriptionStore subscriptions;
    private final MeterLedger ledger;
    private final PlanBook planBook;
    private final PlanSettings plans;
    private final Clock clock;
    private final Auditor auditor;

    public SubscriptionService(UserStore users, SubscriptionStore subscriptions, MeterLedger ledger, PlanBook planBook,
            PlanSettings plans, Clock clock, Auditor auditor) {
        this.users = Objects.requireNonNull(users, "users");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.planBook = Objects.requireNonNull(planBook, "planBook");
        this.plans = Objects.requireNonNull(plans, "plans");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    @Override
    public Outcome<SubscriptionView> view(UserRef user) {
        Objects.requireNonNull(user, "user");
        return User.load(users, user).map(found -> view(user, subscriptions.find(user)));
    }

    @Override
    public Outcome<SubscriptionView> change(UserRef user, PlanChange change, RequestContext context) {
        return change(user, change, context, SYSTEM);
    }

    /** {@link #change(UserRef, PlanChange, RequestContext)} by {@code by}, as its audit records. */
    public Outcome<SubscriptionView> change(UserRef user, PlanChange change, RequestContext context, ActedBy by) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(change, "change");
        Optional<Problem> invalid = check(change);
        Outcome<SubscriptionView> changed = invalid.isEmpty()
                ? User.load(users, user).map(found -> {
                    Subscription saved = new Subscription(user, change.plan(), change.allowanceOverrides(),
                            change.rateLimitOverride(), change.extraEntitlements(), clock.instant(),
                            change.levelOverride());
                    subscriptions.save(saved);
                    return view(user, Optional.of(saved));
                })
                : Outcome.refused(invalid.get());
        by.on(auditor.event(AuditType.PLAN_CHANGED, user.tenant(), user.id(), context),
                change.plan() == null ? Map.of() : Map.of("plan", change.plan())).outcome(changed);
        return changed;
    }

    /** Why {@code change} cannot be made whoever the user is, if it cannot: {@code VALIDATION_FAILED}. */
    public Optional<Problem> check(PlanChange change) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (change.plan() == null || !plans.plans().containsKey(change.plan())) {
            errors.add(new Problem.FieldError("plan", "must be one of " + plans.plans().keySet().stream().sorted()
                    .toList()));
        }
        change.allowanceOverrides().forEach((meter, amount) -> {
            if (!Plan.isMeterName(meter)) {
                errors.add(new Problem.FieldError("allowance_overrides",
                        "meter names are 1 to 64 lower-case letters, digits and '_', starting with a letter"));
            } else if (!planBook.knows(meter)) {
                errors.add(new Problem.FieldError("allowance_overrides." + meter, "no plan has this meter"));
            } else if (amount == null || amount < 0) {
                errors.add(new Problem.FieldError("allowance_overrides." + meter, "must not be negative"));
            }
        });
        if (change.rateLimitOverride() != null && change.rateLimitOverride() < 1) {
            errors.add(new Problem.FieldError("rate_limit_override", "must be at least 1"));
        }
        if (change.extraEntitlements().stream().anyMatch(name -> !Plan.isEntitlementName(name))) {
            errors.add(new Problem.FieldError("extra_entitlements",
                    "names are 1 to 64 lower-case letters, digits, '_' and '-', starting with a letter"));
        }
        return errors.isEmpty() ? Optional.empty() : Optional.of(new Problem.InvalidInput(errors));
    }

    /** The user's subscription as stored, if they have one. */
    public Optional<Subscription> subscription(UserRef user) {
        return subscriptions.find(user);
    }

    @Override
    public Outcome<MeterState> topUp(UserRef user, String meter, long amount, RequestContext context) {
        Objects.requireNonNull(user, "user");
        Outcome<MeterState> toppedUp = checkMeter(meter, amount).flatMap(ok -> User.load(users, user)).map(found -> {
            Instant now = clock.instant();
            PlanBook.Entitled entitled = planBook.entitled(user);
            MeterBalance after = ledger.topUp(user, MeterName.of(meter), amount, planBook.inForce(entitled, meter, now));
            return planBook.meter(entitled, meter, after, now);
        });
        auditor.event(AuditType.METER_TOPPED_UP, user.tenant(), user.id(), context).by(null)
                .with(meter == null ? Map.of() : Map.of("meter", meter, "amount", Long.toString(amount)))
                .outcome(toppedUp);
        return toppedUp;
    }

    /**
     * Staff move credits: a positive {@code amount} tops the meter up as {@link #topUp} does, a
     * negative one deducts from its top-up balance (never below zero: {@code INSUFFICIENT_CREDITS}),
     * audited as {@code CREDITS_ADJUSTED} by {@code by}. Refusals: {@code VALIDATION_FAILED} (a zero
     * or too big amount, a bad meter name), {@code UNKNOWN_METER}, {@code USER_NOT_FOUND}.
     */
    public Outcome<MeterState> adjust(UserRef user, String meter, long amount, RequestContext context, ActedBy by) {
        Objects.requireNonNull(user, "user");
        Outcome<MeterState> adjusted = (amount == 0
                ? Outcome.<Boolean>refused(Problem.InvalidInput.of("amount", "must not be zero"))
                : checkMeter(meter, amount == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(amount)))
                .flatMap(ok -> User.load(users, user)).flatMap(found -> {
                    Instant now = clock.instant();
                    PlanBook.Entitled entitled = planBook.entitled(user);
                    PeriodAllowance allowance = planBook.inForce(entitled, meter, now);
                    if (amount > 0) {
                        MeterBalance after = ledger.topUp(user, MeterName.of(meter), amount, allowance);
                        return Outcome.done(planBook.meter(entitled, meter, after, now));
                    }
                    Consumption deducted = ledger.deductTopUp(user, MeterName.of(meter), -amount, allowance);
                    return deducted.isTaken() ? Outcome.done(planBook.meter(entitled, meter, deducted.balance(), now))
                            : Outcome.refused(new Problem.InsufficientCredits(meter));
                });
        by.on(auditor.event(AuditType.CREDITS_ADJUSTED, user.tenant(), user.id(), context),
                meter == null ? Map.of("amount", Long.toString(amount))
                        : Map.of("meter", meter, "amount", Long.toString(amount))).outcome(adjusted);
        return adjusted;
    }

    private Outcome<Boolean> checkMeter(String meter, long amount) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!Plan.isMeterName(meter)) {
            errors.add(new Problem.FieldError("meter", PlanBook.METER_NAME_RULE));
        }
        if (amount < 1 || amount > MAX_TOP_UP) {
            errors.add(new Problem.FieldError("amount", "must be 1 to " + MAX_TOP_UP));
        }
        return !errors.isEmpty() ? Outcome.refused(new Problem.InvalidInput(errors))
                : !planBook.knows(meter) ? Outcome.refused(new Problem.UnknownMeter(meter))
                : Outcome.done(Boolean.TRUE);
    }

    private SubscriptionView view(UserRef user, Optional<Subscription> subscription) {
        PlanBook.Entitled entitled = planBook.entitled(user);
        Map<String, MeterState> meters = planBook.meters(user, entitled, null, null, clock.instant());
        return new SubscriptionView(user, entitled.plan().name(), subscription.isPresent(),
                entitled.allowanceOverrides(), entitled.rateLimitOverride(),
                subscription.map(Subscription::extraEntitlements).orElse(Set.of()), entitled.level(),
                entitled.entitlements(), meters, subscription.map(Subscription::updatedAt).orElse(null),
                entitled.levelOverride());
    }
}

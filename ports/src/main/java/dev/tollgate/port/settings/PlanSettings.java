package dev.tollgate.port.settings;

import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The plans users can be on, which one a user without a subscription is on, and the time zone
 * in which daily and monthly allowances start afresh.
 *
 * <p>{@link #DEFAULTS} are {@code free}, {@code basic}, {@code premium} and {@code enterprise},
 * each with the meters {@code credits} and {@code conversation_limit} per day and all five
 * entitlements {@code bpe}, {@code tot}, {@code bcot}, {@code hcot} and {@code react}, as the
 * predecessor gave every new user. {@code free} (the default) is what that predecessor's users
 * had: level {@code medium}, 10 credits and 20 conversations a day, 60 requests a minute per key;
 * the others give more of each (up to level {@code high}, 10,000 credits a day and 6,000
 * requests a minute for {@code enterprise}). They are a starting point: applications define
 * their own.
 */
public record PlanSettings(Map<String, Plan> plans, String defaultPlan, ZoneId zone) {

    /** The five access types the predecessor granted every user; every default plan grants them all. */
    private static final Set<String> ALL_ACCESS = Set.of("bpe", "tot", "bcot", "hcot", "react");

    public static final PlanSettings DEFAULTS = new PlanSettings(byName(List.of(
            plan("free", 10, 20, ALL_ACCESS, ServiceLevel.MEDIUM, 60),
            plan("basic", 100, 200, ALL_ACCESS, ServiceLevel.MEDIUM, 300),
            plan("premium", 1_000, 2_000, ALL_ACCESS, ServiceLevel.HIGH, 1_200),
            plan("enterprise", 10_000, 20_000, ALL_ACCESS, ServiceLevel.HIGH, 6_000))),
            "free", ZoneId.of("UTC"));

    public PlanSettings {
        plans = Map.copyOf(plans);
        Objects.requireNonNull(defaultPlan, "defaultPlan");
        Objects.requireNonNull(zone, "zone");
        if (!plans.containsKey(defaultPlan)) {
            throw new IllegalArgumentException("the default plan '" + defaultPlan + "' is not among the plans " + plans.keySet());
        }
        plans.forEach((name, plan) -> {
            if (!name.equals(plan.name())) {
                throw new IllegalArgumentException("plan '" + plan.name() + "' is listed as '" + name + "'");
            }
        });
    }

    /** The plans keyed by their names. */
    public static Map<String, Plan> byName(List<Plan> plans) {
        Map<String, Plan> named = new LinkedHashMap<>();
        for (Plan plan : plans) {
            if (named.put(plan.name(), plan) != null) {
                throw new IllegalArgumentException("plan '" + plan.name() + "' is defined twice");
            }
        }
        return named;
    }

    private static Plan plan(String name, long credits, long conversations, Set<String> entitlements,
            ServiceLevel level, int perMinute) {
        return new Plan(name, Map.of(
                "credits", new Plan.Allowance(credits, Plan.Period.DAILY),
                "conversation_limit", new Plan.Allowance(conversations, Plan.Period.DAILY)),
                entitlements, level, new Plan.RateLimit(perMinute, Duration.ofMinutes(1)));
    }
}

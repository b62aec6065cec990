package dev.tollgate.server;

import static dev.tollgate.server.StrictJson.child;
import static dev.tollgate.server.StrictJson.kind;
import static dev.tollgate.server.StrictJson.shown;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.port.settings.Plan;
import dev.tollgate.port.settings.PlanSettings;
import dev.tollgate.port.settings.ServiceLevel;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The plans of the standalone server, read from the JSON file {@code TOLLGATE_PLANS_FILE} names
 * (see {@code docs/plans.md}). The format is strict: every field is required, none other is
 * accepted, and each refusal is a {@link ConfigurationException} of one line naming the file
 * and the JSON path of the fault, such as {@code plans[1].meters.credits.amount}.
 */
final class PlansFile {

    static final String SETTING = "TOLLGATE_PLANS_FILE";

    private static final List<String> TOP_FIELDS = List.of("default_plan", "zone", "plans");
    private static final List<String> PLAN_FIELDS = List.of("name", "level", "meters", "entitlements", "rate_limit");
    private static final List<String> ALLOWANCE_FIELDS = List.of("amount", "period");
    private static final List<String> RATE_LIMIT_FIELDS = List.of("requests", "window");
    /** Only to try a name or a meter on its own, so that {@link Plan} stays the one judge of both. */
    private static final Plan.RateLimit ANY_LIMIT = new Plan.RateLimit(1, Duration.ofSeconds(1));

    private final Path file;

    private PlansFile(Path file) {
        this.file = file;
    }

    /** The plans {@code file} defines; any fault is a {@link ConfigurationException}. */
    static PlanSettings read(Path file) {
        PlansFile plans = new PlansFile(file);
        return plans.plans(StrictJson.read(file, plans::refused));
    }

    /** Jackson's reason, without the source description it puts in some messages. */
    private PlanSettings plans(JsonNode root) {
        if (root == null || root.isMissingNode()) {
            throw refused("is empty; it must hold a JSON object with " + String.join(", ", TOP_FIELDS));
        }
        if (!root.isObject()) {
            throw refused("must hold a JSON object with " + String.join(", ", TOP_FIELDS) + ", holds " + kind(root));
        }
        fields(root, "", TOP_FIELDS);
        String defaultPlan = text(root.get("default_plan"), "default_plan");
        ZoneId zone = zone(root.get("zone"));
        JsonNode list = root.get("plans");
        if (!list.isArray()) {
            throw refused("plans", "must be an array of plans, was " + kind(list));
        }
        if (list.isEmpty()) {
            throw refused("plans", "must hold at least one plan");
        }
        Map<String, Plan> plans = new LinkedHashMap<>();
        Map<String, String> definedAt = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "plans[" + i + "]";
            Plan plan = plan(list.get(i), path);
            String earlier = definedAt.putIfAbsent(plan.name(), path);
            if (earlier != null) {
                throw refused(path + ".name", "plan '" + plan.name() + "' is already defined by " + earlier);
            }
            plans.put(plan.name(), plan);
        }
        if (!plans.containsKey(defaultPlan)) {
            throw refused("default_plan", "'" + defaultPlan + "' is not among the plans ("
                    + String.join(", ", plans.keySet()) + ")");
        }
        return new PlanSettings(plans, defaultPlan, zone);
    }

    private ZoneId zone(JsonNode node) {
        String zone = text(node, "zone");
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw refused("zone", "must be a time zone such as UTC, Europe/Berlin or +02:00, was '" + zone + "'");
        }
    }

    private Plan plan(JsonNode node, String path) {
        fields(node, path, PLAN_FIELDS);
        String name = text(node.get("name"), path + ".name");
        checked(path + ".name", ", was '" + name + "'",
                () -> new Plan(name, Map.of(), Set.of(), ServiceLevel.MEDIUM, ANY_LIMIT));
        ServiceLevel level = choice(node.get("level"), path + ".level", ServiceLevel.class);
        Map<String, Plan.Allowance> meters = meters(node.get("meters"), name, path + ".meters");
        Set<String> entitlements = entitlements(node.get("entitlements"), path + ".entitlements");
        Plan.RateLimit rateLimit = rateLimit(node.get("rate_limit"), path + ".rate_limit");
        return new Plan(name, meters, entitlements, level, rateLimit);
    }

    private Map<String, Plan.Allowance> meters(JsonNode node, String plan, String path) {
        if (!node.isObject()) {
            throw refused(path, "must be an object of meter names to allowances, was " + kind(node));
        }
        Map<String, Plan.Allowance> meters = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> meter : node.properties()) {
            String at = child(path, meter.getKey());
            fields(meter.getValue(), at, ALLOWANCE_FIELDS);
            long amount = amount(meter.getValue().get("amount"), at + ".amount");
            Plan.Period period = choice(meter.getValue().get("period"), at + ".period", Plan.Period.class);
            Plan.Allowance allowance = new Plan.Allowance(amount, period);
            checked(at, "", () -> new Plan(plan, Map.of(meter.getKey(), allowance), Set.of(), ServiceLevel.MEDIUM,
                    ANY_LIMIT));
            meters.put(meter.getKey(), allowance);
        }
        return meters;
    }

    private Set<String> entitlements(JsonNode node, String path) {
        if (!node.isArray()) {
            throw refused(path, "must be an array of names, was " + kind(node));
        }
        Set<String> entitlements = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = path + "[" + i + "]";
            String entitlement = text(node.get(i), at);
            checked(at, "", () -> new Plan("check", Map.of(), Set.of(entitlement), ServiceLevel.MEDIUM, ANY_LIMIT));
            if (!entitlements.add(entitlement)) {
                throw refused(at, "'" + entitlement + "' is listed twice");
            }
        }
        return entitlements;
    }

    private Plan.RateLimit rateLimit(JsonNode node, String path) {
        fields(node, path, RATE_LIMIT_FIELDS);
        JsonNode requests = node.get("requests");
        if (!requests.isIntegralNumber() || !requests.canConvertToInt() || requests.intValue() < 1) {
            throw refused(path + ".requests", "must be a whole number from 1 to " + Integer.MAX_VALUE + ", was "
                    + shown(requests));
        }
        JsonNode window = node.get("window");
        if (!window.isTextual()) {
            throw refused(path + ".window", "must be a duration written as a string such as \"1m\", was "
                    + kind(window));
        }
        Duration duration = ServerConfiguration.parseDuration(prefix() + path + ".window", window.textValue());
        return new Plan.RateLimit(requests.intValue(), duration);
    }

    /** Refuses an object with a field not in {@code known}, or without one of them. */
    private void fields(JsonNode node, String path, List<String> known) {
        if (!node.isObject()) {
            throw refused(path, "must be an object with " + String.join(", ", known) + ", was " + kind(node));
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!known.contains(field.getKey())) {
                throw refused(child(path, field.getKey()), "unknown field (known: " + String.join(", ", known) + ")");
            }
        }
        for (String name : known) {
            if (!node.has(name)) {
                throw refused(child(path, name), "missing");
            }
        }
    }

    private String text(JsonNode node, String path) {
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw refused(path, "must be a non-empty string, was " + shown(node));
        }
        return node.textValue();
    }

    private long amount(JsonNode node, String path) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw refused(path, "must be a whole number from 0 to " + Long.MAX_VALUE + ", was " + shown(node));
        }
        if (node.longValue() < 0) {
            throw refused(path, "must not be negative, was " + node.longValue());
        }
        return node.longValue();
    }

    private <E extends Enum<E>> E choice(JsonNode node, String path, Class<E> type) {
        List<String> allowed = Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                .toList();
        int index = node.isTextual() ? allowed.indexOf(node.textValue()) : -1;
        if (index < 0) {
            throw refused(path, "must be one of " + String.join(", ", allowed) + ", was " + shown(node));
        }
        return type.getEnumConstants()[index];
    }

    /** Runs a check of {@link Plan}'s, reporting its refusal at {@code path}. */
    private void checked(String path, String suffix, Supplier<Plan> check) {
        try {
            check.get();
        } catch (IllegalArgumentException e) {
            throw refused(path, e.getMessage() + suffix);
        }
    }

    private String prefix() {
        return SETTING + ": " + file + ": ";
    }

    private ConfigurationException refused(String problem) {
        return new ConfigurationException(prefix() + problem);
    }

    private ConfigurationException refused(String path, String problem) {
        return refused(path + ": " + problem);
    }
}

package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.port.settings.Plan;
import dev.tollgate.port.settings.Plan.Allowance;
import dev.tollgate.port.settings.Plan.Period;
import dev.tollgate.port.settings.PlanSettings;
import dev.tollgate.port.settings.ServiceLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlansFileTest {

    private static final Path EXAMPLE = Path.of("..", "docs", "plans.example.json");

    /** Two plans, so that faults in the second show their index; each refusal below changes one thing. */
    private static final String VALID = """
            {
              "default_plan": "free",
              "zone": "UTC",
              "plans": [
                {"name": "free", "level": "medium",
                 "meters": {"credits": {"amount": 10, "period": "daily"}},
                 "entitlements": ["bpe"],
                 "rate_limit": {"requests": 60, "window": "1m"}},
                {"name": "pro", "level": "high",
                 "meters": {"credits": {"amount": 1000, "period": "monthly"}},
                 "entitlements": ["bpe", "tot"],
                 "rate_limit": {"requests": 600, "window": "1m"}}
              ]
            }
            """;

    @TempDir
    Path directory;

    @Test
    void theExampleFile_isExactlyTheBuiltInPlans() {
        assertThat(PlansFile.read(EXAMPLE)).isEqualTo(PlanSettings.DEFAULTS);
    }

    @Test
    void theBaseOfTheRefusalsBelow_isValid() {
        PlanSettings plans = PlansFile.read(file(VALID));

        assertThat(plans.plans()).containsOnlyKeys("free", "pro");
        assertThat(plans.plans().get("pro").meters()).containsEntry("credits", new Allowance(1000, Period.MONTHLY));
    }

    @Test
    void aCustomFile_withMonthlyMeters_aZone_andItsOwnDefaultPlan_isReadAsWritten() {
        Path file = file("""
                {
                  "default_plan": "starter",
                  "zone": "Europe/Berlin",
                  "plans": [
                    {"name": "starter", "level": "low",
                     "meters": {"tokens": {"amount": 50000, "period": "monthly"},
                                "exports": {"amount": 0, "period": "daily"}},
                     "entitlements": [],
                     "rate_limit": {"requests": 5, "window": "500ms"}},
                    {"name": "team-2", "level": "high",
                     "meters": {"tokens": {"amount": 9000000000, "period": "monthly"}},
                     "entitlements": ["export", "sso"],
                     "rate_limit": {"requests": 10000, "window": "PT1H"}}
                  ]
                }
                """);

        PlanSettings plans = PlansFile.read(file);

        assertThat(plans).isEqualTo(new PlanSettings(PlanSettings.byName(List.of(
                new Plan("starter", Map.of("tokens", new Allowance(50_000, Period.MONTHLY),
                        "exports", new Allowance(0, Period.DAILY)), Set.of(), ServiceLevel.LOW,
                        new Plan.RateLimit(5, Duration.ofMillis(500))),
                new Plan("team-2", Map.of("tokens", new Allowance(9_000_000_000L, Period.MONTHLY)),
                        Set.of("export", "sso"), ServiceLevel.HIGH, new Plan.RateLimit(10_000, Duration.ofHours(1))))),
                "starter", ZoneId.of("Europe/Berlin")));
    }

    @Test
    void anUnreadableFile_isRefusedNamingIt() {
        Path missing = directory.resolve("missing.json");
        assertRefused(missing, "TOLLGATE_PLANS_FILE: " + missing + ": no such file");
        assertRefused(directory, "TOLLGATE_PLANS_FILE: " + directory + ": is a directory, not a file");
    }

    @Test
    void anEmptyFile_orOneWithoutAnObject_isRefused() {
        assertRefused("", "is empty; it must hold a JSON object with default_plan, zone, plans");
        assertRefused("[]", "must hold a JSON object with default_plan, zone, plans, holds an array");
    }

    @Test
    void malformedJson_isRefusedWithLineAndColumn() {
        assertRefused("{\n  \"default_plan\": \"free\",\n}",
                "line 3, column 1: malformed JSON: Unexpected character ('}' (code 125)): "
                        + "was expecting double-quote to start field name");
        assertRefused("{\n  \"plans\": [\n    {\"name\": \"free\"}\n",
                "line 4, column 1: malformed JSON: Unexpected end-of-input: expected close marker for Array "
                        + "(opened at line 2, column 12)");
        assertRefused("{\"zone\": \"UTC\",\n \"zone\": \"CET\"}",
                "line 2, column 8: malformed JSON: Duplicate field 'zone'");
        assertRefused("{} {}", "line 1, column 4: malformed JSON: more content after the end of the top-level object");
    }

    @Test
    void anUnknownField_isRefused_asATypoMustNotPassSilently() {
        assertRefused(replacing("\"default_plan\"", "\"defaultPlan\""),
                "defaultPlan: unknown field (known: default_plan, zone, plans)");
        assertRefused(replacing("\"amount\": 1000", "\"amout\": 1000"),
                "plans[1].meters.credits.amout: unknown field (known: amount, period)");
        assertRefused(replacing("\"window\": \"1m\"}}\n  ]", "\"window\": \"1m\", \"burst\": 5}}\n  ]"),
                "plans[1].rate_limit.burst: unknown field (known: requests, window)");
        assertRefused(replacing("\"name\": \"pro\"", "\"name\": \"pro\", \"max users\": 3"),
                "plans[1][\"max users\"]: unknown field (known: name, level, meters, entitlements, rate_limit)");
    }

    @Test
    void aMissingField_isRefused() {
        assertRefused(replacing("  \"zone\": \"UTC\",\n", ""), "zone: missing");
        assertRefused(replacing("\"level\": \"high\",", ""), "plans[1].level: missing");
        assertRefused(replacing("\"amount\": 1000, ", ""), "plans[1].meters.credits.amount: missing");
        assertRefused(replacing("\"requests\": 600, ", ""), "plans[1].rate_limit.requests: missing");
    }

    @Test
    void aValueOfTheWrongType_isRefused() {
        assertRefused(replacing("\"default_plan\": \"free\"", "\"default_plan\": 1"),
                "default_plan: must be a non-empty string, was 1");
        assertRefused("{\"default_plan\": \"free\", \"zone\": \"UTC\", \"plans\": {\"free\": {}}}",
                "plans: must be an array of plans, was an object");
        assertRefused(replacing("\"requests\": 600", "\"requests\": \"600\""),
                "plans[1].rate_limit.requests: must be a whole number from 1 to 2147483647, was '600'");
        assertRefused(replacing("\"amount\": 1000", "\"amount\": 10.5"),
                "plans[1].meters.credits.amount: must be a whole number from 0 to 9223372036854775807, was 10.5");
        assertRefused(replacing("\"entitlements\": [\"bpe\", \"tot\"]", "\"entitlements\": \"bpe\""),
                "plans[1].entitlements: must be an array of names, was a string");
        assertRefused(replacing("\"entitlements\": [\"bpe\", \"tot\"]", "\"entitlements\": [\"bpe\", true]"),
                "plans[1].entitlements[1]: must be a non-empty string, was true");
        assertRefused(replacing("\"window\": \"1m\"}}\n  ]", "\"window\": 60}}\n  ]"),
                "plans[1].rate_limit.window: must be a duration written as a string such as \"1m\", was a number");
        assertRefused(replacing("\"level\": \"high\"", "\"level\": null"),
                "plans[1].level: must be one of low, medium, high, was null");
        assertRefused(replacing("\"meters\": {\"credits\": {\"amount\": 1000, \"period\": \"monthly\"}}", "\"meters\": []"),
                "plans[1].meters: must be an object of meter names to allowances, was an array");
        assertRefused(replacing("{\"amount\": 1000, \"period\": \"monthly\"}", "1000"),
                "plans[1].meters.credits: must be an object with amount, period, was a number");
    }

    @Test
    void aValueOutsideItsChoices_isRefused() {
        assertRefused(replacing("\"level\": \"high\"", "\"level\": \"gold\""),
                "plans[1].level: must be one of low, medium, high, was 'gold'");
        assertRefused(replacing("\"period\": \"monthly\"", "\"period\": \"weekly\""),
                "plans[1].meters.credits.period: must be one of daily, monthly, was 'weekly'");
        assertRefused(replacing("\"requests\": 600", "\"requests\": 0"),
                "plans[1].rate_limit.requests: must be a whole number from 1 to 2147483647, was 0");
        assertRefused(replacing("\"window\": \"1m\"}}\n  ]", "\"window\": \"1 minute\"}}\n  ]"),
                "plans[1].rate_limit.window: must be a positive duration such as 500ms, 30s, 15m, 24h, 30d or PT15M, "
                        + "was '1 minute'");
    }

    @Test
    void aNegativeAmount_isRefused() {
        assertRefused(replacing("\"amount\": 1000", "\"amount\": -1"),
                "plans[1].meters.credits.amount: must not be negative, was -1");
    }

    @Test
    void aPlanDefinedTwice_isRefused_asIsAnEntitlementListedTwice() {
        assertRefused(replacing("\"name\": \"pro\"", "\"name\": \"free\""),
                "plans[1].name: plan 'free' is already defined by plans[0]");
        assertRefused(replacing("[\"bpe\", \"tot\"]", "[\"bpe\", \"tot\", \"bpe\"]"),
                "plans[1].entitlements[2]: 'bpe' is listed twice");
    }

    @Test
    void badPlanAndMeterNames_areRefused() {
        assertRefused(replacing("\"name\": \"pro\"", "\"name\": \"Pro\""),
                "plans[1].name: plan names are 1-32 lower-case letters, digits, '_' and '-', was 'Pro'");
        assertRefused(replacing("\"name\": \"pro\"", "\"name\": \"\""),
                "plans[1].name: must be a non-empty string, was ''");
        assertRefused(replacing("{\"credits\": {\"amount\": 1000", "{\"Credits\": {\"amount\": 1000"),
                "plans[1].meters.Credits: meter names are 1-64 lower-case letters, digits and '_': Credits");
        assertRefused(replacing("[\"bpe\", \"tot\"]", "[\"bpe\", \"Single Sign-On\"]"),
                "plans[1].entitlements[1]: entitlement names are 1-64 lower-case letters, digits, '_' and '-': "
                        + "Single Sign-On");
    }

    @Test
    void aDefaultPlanThatIsNotAmongThePlans_isRefused() {
        assertRefused(replacing("\"default_plan\": \"free\"", "\"default_plan\": \"gold\""),
                "default_plan: 'gold' is not among the plans (free, pro)");
        assertRefused("{\"default_plan\": \"free\", \"zone\": \"UTC\", \"plans\": []}", "plans: must hold at least one plan");
    }

    @Test
    void aBadZone_isRefused() {
        assertRefused(replacing("\"zone\": \"UTC\"", "\"zone\": \"Mars/Olympus\""),
                "zone: must be a time zone such as UTC, Europe/Berlin or +02:00, was 'Mars/Olympus'");
    }

    @Test
    void theSetting_bringsTheFilesPlansIntoTheSettings_fromTheEnvironmentOrTheConfigFile() {
        Path file = file(VALID);
        PlanSettings expected = PlansFile.read(file);

        assertThat(ServerConfiguration.read(Map.of("TOLLGATE_PLANS_FILE", file.toString()), Map.of()).settings().plans())
                .isEqualTo(expected)
                .isNotEqualTo(PlanSettings.DEFAULTS);
        assertThat(ServerConfiguration.read(Map.of(), Map.of("TOLLGATE_PLANS_FILE", file.toString())).settings().plans())
                .isEqualTo(expected);
    }

    @Test
    void withoutTheSetting_theBuiltInPlansApply() {
        assertThat(ServerConfiguration.read(Map.of(), Map.of()).settings().plans()).isEqualTo(PlanSettings.DEFAULTS);
        assertThat(ServerConfiguration.read(Map.of("TOLLGATE_PLANS_FILE", ""), Map.of()).settings().plans())
                .isEqualTo(PlanSettings.DEFAULTS);
    }

    @Test
    void aBadPlansFile_stopsStartUp_withOneLine_andStatusTwo() {
        Path file = file(replacing("\"amount\": 1000", "\"amount\": -1"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        Map<String, String> environment = Map.of("TOLLGATE_PLANS_FILE", file.toString(),
                "TOLLGATE_STORE", "memory", "TOLLGATE_HTTP_PORT", "0");

        int status = TollgateServer.run(new String[0], environment,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(TollgateServer.USAGE_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("configuration error: TOLLGATE_PLANS_FILE: " + file
                + ": plans[1].meters.credits.amount: must not be negative, was -1" + System.lineSeparator());
    }

    /** {@link #VALID} with {@code target}, which must occur in it, replaced. */
    private static String replacing(String target, String replacement) {
        assertThat(VALID).contains(target);
        return VALID.replace(target, replacement);
    }

    private Path file(String json) {
        try {
            Path file = Files.createTempFile(directory, "plans", ".json");
            Files.writeString(file, json);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code json} in a file is refused with exactly {@code problem} after the setting and the file's name. */
    private void assertRefused(String json, String problem) {
        Path file = file(json);
        assertRefused(file, "TOLLGATE_PLANS_FILE: " + file + ": " + problem);
    }

    private static void assertRefused(Path file, String message) {
        assertThatThrownBy(() -> PlansFile.read(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(message)
                .hasMessageNotContaining("\n");
    }
}

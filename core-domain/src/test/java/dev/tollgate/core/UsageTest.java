package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.ORIGIN;
import static dev.tollgate.core.CoreFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Page;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.key.IssuedApiKey;
import dev.tollgate.port.api.metering.KeyCheck;
import dev.tollgate.port.api.metering.KeyVerification.Granted;
import dev.tollgate.port.api.metering.UsageEventView;
import dev.tollgate.port.api.metering.UsageReport;
import dev.tollgate.port.api.metering.UsageReports;
import dev.tollgate.port.api.registration.Registered;
import dev.tollgate.port.settings.PlanSettings;
import dev.tollgate.port.settings.ServiceLevel;
import dev.tollgate.port.spi.metering.DayRange;
import dev.tollgate.port.spi.metering.UsageEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Verify-and-consume calls become usage events, daily aggregates and the user's usage report. */
class UsageTest {

    private final CoreFixture fixture = new CoreFixture();

    @Test
    void everyCallOfAKnownKey_isRecorded_withItsOutcome_andUnknownKeysAreNot() {
        Registered alice = registeredVerified("alice");
        String key = alice.apiKey().secret();
        verify(KeyCheck.of(TenantId.DEFAULT, key).withMeter("credits", 4));
        verify(KeyCheck.of(TenantId.DEFAULT, key).withMeter("credits", 4));
        verify(KeyCheck.of(TenantId.DEFAULT, key).withMeter("credits", 4));
        verify(KeyCheck.of(TenantId.DEFAULT, key).withMeter("conversation_limit", 1));
        verify(KeyCheck.of(TenantId.DEFAULT, "tg_unknown"));

        fixture.usageSink.flush();

        UserRef user = alice.user().ref();
        assertThat(fixture.usage.recent(user, 10)).extracting(UsageEvent::meter, UsageEvent::cost, UsageEvent::outcome)
                .containsExactly(
                        tuple("conversation_limit", 1L, UsageEvent.GRANTED),
                        tuple("credits", 4L, ErrorCode.INSUFFICIENT_CREDITS.name()),
                        tuple("credits", 4L, UsageEvent.GRANTED),
                        tuple("credits", 4L, UsageEvent.GRANTED));
        assertThat(fixture.usage.recent(user, 10)).extracting(UsageEvent::key).containsOnly(alice.apiKey().key().id());
        assertThat(fixture.usageSink.written()).isEqualTo(4);
        assertThat(fixture.usageSink.dropped()).isZero();
    }

    @Test
    void theReport_showsThePlanAndMetersNow_andEachDayPerMeterAndKey() {
        Registered bob = registeredVerified("bob");
        UserRef user = bob.user().ref();
        IssuedApiKey second = fixture.core.apiKeys().create(user, "second", null, ORIGIN).orElseThrow();
        verify(KeyCheck.of(TenantId.DEFAULT, bob.apiKey().secret()).withMeter("credits", 3));
        fixture.clock.advance(Duration.ofDays(1));
        verify(KeyCheck.of(TenantId.DEFAULT, bob.apiKey().secret()).withMeter("credits", 2));
        verify(KeyCheck.of(TenantId.DEFAULT, second.secret()).withMeter("credits", 20));
        fixture.usageSink.flush();

        UsageReport report = fixture.core.usageReports().report(user, 7).orElseThrow();

        LocalDate today = LocalDate.of(2026, 1, 6);
        assertThat(report.plan()).isEqualTo("free");
        assertThat(report.level()).isEqualTo(ServiceLevel.MEDIUM);
        assertThat(report.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(report.from()).isEqualTo(today.minusDays(6));
        assertThat(report.to()).isEqualTo(today);
        assertThat(report.meters().get("credits").allowanceLeft()).isEqualTo(8);
        assertThat(report.meters().get("conversation_limit").allowanceLeft()).isEqualTo(20);
        ApiKeyId primary = bob.apiKey().key().id();
        UsageReport.Day[] expected = {
                new UsageReport.Day(today.minusDays(1), "credits", primary, 1, 1, 3),
                new UsageReport.Day(today, "credits", primary, 1, 1, 2),
                new UsageReport.Day(today, "credits", second.key().id(), 1, 0, 0)};
        assertThat(report.daily()).containsExactlyInAnyOrder(expected);
        assertThat(report.daily()).extracting(UsageReport.Day::day).isSorted();
        assertThat(report.daily()).filteredOn(day -> day.key().equals(second.key().id()))
                .singleElement().extracting(UsageReport.Day::refused).isEqualTo(1L);
    }

    @Test
    void theReport_coversOnlyTheDaysAskedFor() {
        Registered carol = registeredVerified("carol");
        verify(KeyCheck.of(TenantId.DEFAULT, carol.apiKey().secret()));
        fixture.clock.advance(Duration.ofDays(3));
        verify(KeyCheck.of(TenantId.DEFAULT, carol.apiKey().secret()));
        fixture.usageSink.flush();

        assertThat(fixture.core.usageReports().report(carol.user().ref(), 1).orElseThrow().daily()).hasSize(1);
        assertThat(fixture.core.usageReports().report(carol.user().ref(), 4).orElseThrow().daily()).hasSize(2);
    }

    @Test
    void theDaysOfTheReport_areThoseOfThePlansZone() {
        CoreFixture berlin = new CoreFixture(s -> s.withPlans(new PlanSettings(PlanSettings.DEFAULTS.plans(), "free",
                ZoneId.of("Europe/Berlin"))));
        Registered dave = berlin.register("dave");
        berlin.core.emailAddresses().verify(dave.user().ref(), berlin.lastCode("dave@example.com"), ORIGIN).orElseThrow();
        berlin.clock.set(Instant.parse("2026-01-05T23:30:00Z"));
        berlin.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, dave.apiKey().secret()));
        berlin.usageSink.flush();

        UsageReport report = berlin.core.usageReports().report(dave.user().ref(), 1).orElseThrow();

        assertThat(report.to()).isEqualTo(LocalDate.of(2026, 1, 6));
        assertThat(report.daily()).extracting(UsageReport.Day::day).containsExactly(LocalDate.of(2026, 1, 6));
    }

    @Test
    void theReport_refusesDaysOutOfRange_andAnUnknownUser() {
        UserRef user = registeredVerified("erin").user().ref();

        assertThat(fixture.core.usageReports().report(user, 0).problem()).isInstanceOf(Problem.InvalidInput.class);
        assertThat(fixture.core.usageReports().report(user, UsageReports.MAX_DAYS + 1).problem())
                .isInstanceOf(Problem.InvalidInput.class);
        assertThat(fixture.core.usageReports().report(user, UsageReports.MAX_DAYS).isDone()).isTrue();
        assertThat(fixture.core.usageReports().report(
                new UserRef(user.tenant(), new UserId(UUID.randomUUID())), 7).problem())
                .isInstanceOf(Problem.UserNotFound.class);
    }

    @Test
    void deletingTheAccount_removesItsUsage_queuedEventsIncluded() {
        Registered frank = registeredVerified("frank");
        verify(KeyCheck.of(TenantId.DEFAULT, frank.apiKey().secret()));
        fixture.usageSink.flush();
        verify(KeyCheck.of(TenantId.DEFAULT, frank.apiKey().secret()));

        fixture.core.accounts().delete(frank.user().ref(), PASSWORD, null, ORIGIN).orElseThrow();
        fixture.usageSink.flush();

        assertThat(fixture.usage.recent(frank.user().ref(), 10)).isEmpty();
        assertThat(fixture.usage.daily(frank.user().ref(), DayRange.of(LocalDate.MIN, LocalDate.MAX))).isEmpty();
        verify(KeyCheck.of(TenantId.DEFAULT, frank.apiKey().secret()));
        fixture.usageSink.flush();
        assertThat(fixture.usage.recent(frank.user().ref(), 10)).isEmpty();
    }

    @Test
    void afterClose_queuedEventsAreWritten_andNewOnesAreDroppedAndCounted() {
        Registered gina = registeredVerified("gina");
        verify(KeyCheck.of(TenantId.DEFAULT, gina.apiKey().secret()));

        fixture.usageSink.close();
        verify(KeyCheck.of(TenantId.DEFAULT, gina.apiKey().secret()));

        assertThat(fixture.usage.recent(gina.user().ref(), 10)).hasSize(1);
        assertThat(fixture.usageSink.dropped()).isEqualTo(1);
    }

    @Test
    void aCallsRequestIdAndTags_areKeptWithItsEvent_andItsOwnerPagesThroughTheCalls_newestFirst() {
        Registered hana = registeredVerified("hana");
        String key = hana.apiKey().secret();
        verify(KeyCheck.of(TenantId.DEFAULT, key).withRequestId("req-1").withTags(Map.of("model", "gpt-5", "tokens", "812")));
        fixture.clock.advance(Duration.ofSeconds(1));
        // three calls at one instant: the tie is broken by the store's order, the later first
        verify(KeyCheck.of(TenantId.DEFAULT, key).withRequestId("req-2"));
        verify(KeyCheck.of(TenantId.DEFAULT, key).withTags(Map.of("model", "日本語 🙂")));
        verify(KeyCheck.of(TenantId.DEFAULT, key).withMeter("credits", 50).withRequestId("req-4"));
        fixture.clock.advance(Duration.ofSeconds(1));
        verify(KeyCheck.of(TenantId.DEFAULT, key).withRequestId("req-5"));
        fixture.usageSink.flush();

        List<UsageEventView> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        while (true) {
            Page<UsageEventView> page = fixture.core.usageReports().events(hana.user().ref(), request).orElseThrow();
            seen.addAll(page.items());
            sizes.add(page.items().size());
            if (page.last()) {
                break;
            }
            request = request.after(page.nextCursor().orElseThrow());
        }

        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(seen).extracting(event -> event.requestId().orElse("-"))
                .containsExactly("req-5", "req-4", "-", "req-2", "req-1");
        assertThat(seen.get(1).outcome()).isEqualTo(ErrorCode.INSUFFICIENT_CREDITS.name());
        assertThat(seen.get(2).tags()).containsExactly(Map.entry("model", "日本語 🙂"));
        assertThat(seen.get(4).tags()).containsExactly(Map.entry("model", "gpt-5"), Map.entry("tokens", "812"));
        assertThat(seen.get(4).at()).isEqualTo(seen.get(3).at().minusSeconds(1));
        assertThat(seen).extracting(UsageEventView::key).containsOnly(hana.apiKey().key().id());
    }

    @Test
    void aRequestIdOrTagsBreakingARule_isRefusedNamingTheField_andNothingIsTakenOrRecorded() {
        Registered ivan = registeredVerified("ivan");
        KeyCheck check = KeyCheck.of(TenantId.DEFAULT, ivan.apiKey().secret());
        Map<String, String> nine = new HashMap<>();
        Map<String, String> heavy = new LinkedHashMap<>();
        for (int i = 0; i < 9; i++) {
            nine.put("t" + i, "v");
        }
        for (int i = 0; i < 8; i++) {
            heavy.put("t" + i, "€".repeat(128)); // 384 bytes each
        }
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("model", null);
        Map<String, String> nullName = new HashMap<>();
        nullName.put(null, "x");
        Map<KeyCheck, String> refusedBy = new LinkedHashMap<>();
        refusedBy.put(check.withRequestId(""), "request_id");
        refusedBy.put(check.withRequestId("has space"), "request_id");
        refusedBy.put(check.withRequestId("x".repeat(129)), "request_id");
        refusedBy.put(check.withRequestId("café"), "request_id");
        refusedBy.put(check.withRequestId("line\nbreak"), "request_id");
        refusedBy.put(check.withTags(nine), "tags");
        refusedBy.put(check.withTags(heavy), "tags");
        refusedBy.put(check.withTags(Map.of("Model", "x")), "tags");
        refusedBy.put(check.withTags(Map.of("1model", "x")), "tags");
        refusedBy.put(check.withTags(Map.of("m".repeat(33), "x")), "tags");
        refusedBy.put(check.withTags(nullName), "tags");
        refusedBy.put(check.withTags(Map.of("model", "")), "tags.model");
        refusedBy.put(check.withTags(Map.of("model", "x".repeat(129))), "tags.model");
        refusedBy.put(check.withTags(Map.of("model", "🙂".repeat(129))), "tags.model");
        refusedBy.put(check.withTags(Map.of("model", "a\u0000b")), "tags.model");
        refusedBy.put(check.withTags(Map.of("model", "tab\there")), "tags.model");
        refusedBy.put(check.withTags(Map.of("model", "lone \uD83D surrogate")), "tags.model");
        refusedBy.put(check.withTags(Map.of("model", "\uDE00 low first")), "tags.model");
        refusedBy.put(check.withTags(nullValue), "tags.model");
        long before = creditsLeft(ivan.user().ref());

        refusedBy.forEach((refused, field) -> assertThat(fixture.core.verification().verify(refused).problem())
                .as("%s", refused)
                .isInstanceOfSatisfying(Problem.InvalidInput.class,
                        invalid -> assertThat(invalid.errors()).singleElement()
                                .satisfies(error -> assertThat(error.field()).isEqualTo(field))));

        Outcome<Granted> atTheLimits = fixture.core.verification().verify(check.withRequestId("~".repeat(128))
                .withTags(Map.of("a", "🙂".repeat(128), "b.c-d_9" + "e".repeat(24), "x")));
        fixture.usageSink.flush();
        assertThat(atTheLimits.isDone()).as("%s", atTheLimits).isTrue();
        assertThat(creditsLeft(ivan.user().ref())).isEqualTo(before - 1);
        assertThat(fixture.usage.recent(ivan.user().ref(), 50)).singleElement()
                .satisfies(event -> assertThat(event.context().requestId()).contains("~".repeat(128)));
    }

    @Test
    void thePageOfCalls_refusesABadLimitOrCursor_andAnUnknownUser() {
        UserRef user = registeredVerified("judy").user().ref();
        String otherList = Base64.getUrlEncoder().withoutPadding().encodeToString("staff:1.2.3".getBytes());

        for (PageRequest bad : List.of(PageRequest.first(0), PageRequest.first(PageRequest.MAX_LIMIT + 1),
                PageRequest.first().after("not a cursor"), PageRequest.first().after(otherList),
                PageRequest.first().after(Base64.getUrlEncoder().encodeToString("usage-events:1.x.3".getBytes())),
                PageRequest.first().after(Base64.getUrlEncoder().encodeToString(
                        "usage-events:99999999999999999.0.3".getBytes())))) {
            assertThat(fixture.core.usageReports().events(user, bad).problem()).as("%s", bad)
                    .isInstanceOf(Problem.InvalidInput.class);
        }
        assertThat(fixture.core.usageReports().events(user, PageRequest.first(PageRequest.MAX_LIMIT)).orElseThrow()
                .items()).isEmpty();
        assertThat(fixture.core.usageReports().events(new UserRef(user.tenant(), new UserId(UUID.randomUUID())),
                PageRequest.first()).problem()).isInstanceOf(Problem.UserNotFound.class);
    }

    private long creditsLeft(UserRef user) {
        var meter = fixture.core.subscriptions().view(user).orElseThrow().meters().get("credits");
        return meter.allowanceLeft() + meter.topUpLeft();
    }

    private void verify(KeyCheck check) {
        fixture.core.verification().verify(check);
    }

    private Registered registeredVerified(String username) {
        Registered registered = fixture.register(username);
        fixture.core.emailAddresses().verify(registered.user().ref(), fixture.lastCode(username + "@example.com"), ORIGIN)
                .orElseThrow();
        return registered;
    }
}

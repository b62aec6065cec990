package dev.tollgate.adapter.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.tollgate.adapter.mongo.internal.Collections;
import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.Stores;
import dev.tollgate.port.spi.metering.DailyUsage;
import dev.tollgate.port.spi.metering.DayRange;
import dev.tollgate.port.spi.metering.UsageEvent;
import dev.tollgate.port.spi.staff.StaffChange;
import dev.tollgate.port.spi.staff.StaffRecord;
import dev.tollgate.testing.mongo.MongoTestServer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The states a crash can leave where one use case writes several documents (the README's
 * "Where several documents change"), made by hand as the crash would leave them, and what the
 * stores do with them: the staff guard only errs on the strict side; usage totals only
 * under-count, never count an event twice or count one that is not stored.
 */
class MongoCrashStatesTest {

    private static final String GUARDED = "super_admin";
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private final MongoStores mongo = MongoStores.open(MongoTestServer.emulatorUrl(), MongoTestServer.freshDatabase());
    private final Stores stores = mongo.stores();
    private final TenantId tenant = TenantId.of("crash-" + UUID.randomUUID().toString().substring(0, 8));

    @AfterEach
    void close() {
        mongo.close();
    }

    @Test
    void aHolderUncountedByACrashBeforeTheRoleChange_onlyMakesTheGuardStricter_untilTheirNextChange() {
        UserRef first = user();
        UserRef second = user();
        assertThat(stores.staff().grant(staff(first)).kind()).isEqualTo(StaffChange.Kind.APPLIED);
        assertThat(stores.staff().grant(staff(second)).kind()).isEqualTo(StaffChange.Kind.APPLIED);

        // a demotion of the second uncounted them, then the process died before their staff document changed
        mongo.database().getCollection("tg_staff_roles").updateOne(Filters.eq("_id", GUARDED), Updates.combine(
                Updates.set("members." + key(second) + ".in", false), Updates.inc("count", -1L)));

        assertThat(stores.staff().find(second).orElseThrow().role()).as("still holds the role").isEqualTo(GUARDED);
        assertThat(stores.staff().revoke(first, GUARDED, GUARDED).kind())
                .as("the guard counts one holder, so it keeps the first: stricter, never emptier")
                .isEqualTo(StaffChange.Kind.LAST_HOLDER);

        // the second's next change of their staff document counts them again
        assertThat(stores.staff().changeRole(second, GUARDED, GUARDED, null, NOW, GUARDED).kind())
                .isEqualTo(StaffChange.Kind.APPLIED);
        assertThat(stores.staff().revoke(first, GUARDED, GUARDED).kind()).isEqualTo(StaffChange.Kind.APPLIED);
        assertThat(stores.staff().revoke(second, GUARDED, GUARDED).kind())
                .as("the last holder is kept").isEqualTo(StaffChange.Kind.LAST_HOLDER);
    }

    @Test
    void eventsStoredWithoutTheirTotals_byACrashBetweenTheTwo_underCountThatDay_andLaterAppendsCountOnlyThemselves() {
        UserRef user = user();
        ApiKeyId key = new ApiKeyId(UUID.randomUUID());
        stores.usage().append(List.of(event(user, key, 3), event(user, key, 4)), ZoneOffset.UTC);
        // the crash: the events were inserted, the daily totals never written
        mongo.database().getCollection(Collections.USAGE_DAILY).deleteMany(Filters.eq(Collections.TENANT, tenant.value()));

        assertThat(stores.usage().recent(user, 10)).as("the events are kept").hasSize(2);
        assertThat(units(user)).as("their totals are missing: under-counted, not invented").isZero();

        stores.usage().append(List.of(event(user, key, 5)), ZoneOffset.UTC);

        assertThat(stores.usage().recent(user, 10)).hasSize(3);
        assertThat(units(user)).as("the next append counts itself, once").isEqualTo(5);
    }

    private UserRef user() {
        return new UserRef(tenant, new UserId(UUID.randomUUID()));
    }

    private static StaffRecord staff(UserRef user) {
        return new StaffRecord(user, GUARDED, NOW, null, NOW);
    }

    private static String key(UserRef user) {
        return user.tenant().value() + "/" + user.id().value();
    }

    private static UsageEvent event(UserRef user, ApiKeyId key, long cost) {
        return new UsageEvent(user, key, "credits", cost, UsageEvent.GRANTED, NOW);
    }

    private long units(UserRef user) {
        return stores.usage().daily(user, DayRange.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31))).stream()
                .mapToLong(DailyUsage::units).sum();
    }
}

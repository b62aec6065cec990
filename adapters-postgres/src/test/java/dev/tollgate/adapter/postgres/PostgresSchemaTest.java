package dev.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.adapter.sql.SchemaMigrations;
import dev.tollgate.adapter.sql.SqlDatabase;
import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.metering.Consumption;
import dev.tollgate.port.spi.metering.MeterBalance;
import dev.tollgate.port.spi.metering.MeterLedger;
import dev.tollgate.port.spi.metering.MeterName;
import dev.tollgate.port.spi.metering.PeriodAllowance;
import dev.tollgate.port.spi.tenant.TenantStore;
import dev.tollgate.port.spi.user.InsertResult;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.tck.support.UserRecords;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What opening does to a PostgreSQL database: migrate once, keep data, refuse a newer schema, index every lookup. */
class PostgresSchemaTest {

    /** {@code CREATE [UNIQUE] INDEX name ON schema.table USING btree (columns)}, as pg_indexes shows it. */
    private static final Pattern INDEX = Pattern.compile("CREATE (UNIQUE )?INDEX \\S+ ON \\S+ USING btree \\((.*)\\)");

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Test
    void opening_a_migrated_database_again_changes_nothing_and_keeps_its_data() throws SQLException {
        UserRecord user = UserRecords.aUser().build();
        assertThat(DATABASE.stores().users().insert(user)).isEqualTo(InsertResult.inserted());
        List<String> historyBefore = history();

        try (SqlDatabase reopened = DATABASE.open()) {
            assertThat(reopened.schemaVersion()).isEqualTo(DATABASE.database.schemaVersion()).isEqualTo("12");
            assertThat(reopened.stores().users().findById(user.ref())).contains(user);
        }
        assertThat(history()).isEqualTo(historyBefore).hasSize(12);
    }

    @Test
    void the_history_table_is_tollgates_own() throws SQLException {
        assertThat(tables()).contains(SchemaMigrations.HISTORY_TABLE).doesNotContain("flyway_schema_history");
        assertThat(history()).containsExactly("1 true", "2 true", "3 true", "4 true", "5 true", "6 true", "7 true",
                "8 true", "9 true", "10 true", "11 true", "12 true");
    }

    @Test
    void a_database_migrated_by_a_newer_tollgate_is_refused() throws SQLException {
        try (PostgresTestDatabase newer = new PostgresTestDatabase()) {
            try (Connection connection = newer.connect();
                    PreparedStatement insert = connection.prepareStatement("INSERT INTO " + SchemaMigrations.HISTORY_TABLE
                            + " (installed_rank, version, description, type, script, checksum, installed_by, "
                            + "execution_time, success) VALUES (?, '999', 'from the future', 'SQL', "
                            + "'V999__from_the_future.sql', 1, current_user, 1, true)")) {
                insert.setInt(1, 99);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }

            assertThatThrownBy(newer::open)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("PostgreSQL")
                    .hasMessageContaining("999")
                    .hasMessageContaining("newer");
        }
    }

    @Test
    void a_meter_balance_written_before_schema_7_is_read_by_what_was_used_against_the_allowance_of_its_next_use()
            throws SQLException {
        Instant period = Instant.parse("2025-05-01T00:00:00Z");
        UserRef user = UserRecords.aUser().build().ref();
        String name = DATABASE.server.createDatabase();
        try {
            String url = DATABASE.server.url(name);
            migrateToBefore(url, "7");
            try (Connection connection = DATABASE.server.connect(name)) {
                insertOldBalance(connection, user, "credits", period, 8, 3);
                insertOldBalance(connection, user, "lapsed", period.minusSeconds(86_400), 0, 1);
                insertOldBalance(connection, user, "lowered", period, 50, 0);
            }

            try (SqlDatabase migrated = PostgresStores.open(url, DATABASE.server.user(), DATABASE.server.password())) {
                assertThat(migrated.schemaVersion()).isEqualTo("12");
                MeterLedger ledger = migrated.stores().meters();
                // written under an allowance of 10 with 8 left: 2 used, exact while the allowance is unchanged
                assertThat(ledger.balance(user, MeterName.of("credits"), PeriodAllowance.of(period, 10))).isEqualTo(new MeterBalance(period, 8, 3));
                assertThat(ledger.consume(user, MeterName.of("credits"), 1, PeriodAllowance.of(period, 10)))
                        .isEqualTo(Consumption.taken(new MeterBalance(period, 7, 3)));
                // its next use stored what was used, so from then on what is left follows the allowance
                assertThat(ledger.balance(user, MeterName.of("credits"), PeriodAllowance.of(period, 1000))).isEqualTo(new MeterBalance(period, 997, 3));
                // a row of an older period: nothing used in this one
                assertThat(ledger.balance(user, MeterName.of("lapsed"), PeriodAllowance.of(period, 10))).isEqualTo(new MeterBalance(period, 10, 1));
                // more left than the allowance now: nothing counts as used, never more than the allowance is left
                assertThat(ledger.consume(user, MeterName.of("lowered"), 4, PeriodAllowance.of(period, 10)))
                        .isEqualTo(Consumption.taken(new MeterBalance(period, 6, 0)));
            }
            try (Connection connection = DATABASE.server.connect(name); Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT meter, allowance_used FROM tg_meter_balances "
                            + "ORDER BY meter")) {
                List<String> used = new ArrayList<>();
                while (rows.next()) {
                    used.add(rows.getString("meter") + " " + rows.getObject("allowance_used"));
                }
                assertThat(used).containsExactly("credits 3", "lapsed null", "lowered 4");
            }
        } finally {
            DATABASE.server.dropDatabase(name);
        }
    }

    @Test
    void schema_8_adds_the_default_tenant_and_a_tenant_for_every_tenant_users_belong_to() throws SQLException {
        String name = DATABASE.server.createDatabase();
        try {
            String url = DATABASE.server.url(name);
            migrateToBefore(url, "8");
            try (Connection connection = DATABASE.server.connect(name)) {
                insertOldUser(connection, "acme", "ann");
                insertOldUser(connection, "acme", "bob");
                insertOldUser(connection, "default", "cid");
                insertOldUser(connection, "zeta_2", "dan");
            }

            try (SqlDatabase migrated = PostgresStores.open(url, DATABASE.server.user(), DATABASE.server.password())) {
                TenantStore tenants = migrated.stores().tenants();
                assertThat(tenants.list(null, 10)).extracting(tenant -> tenant.id().value() + " " + tenant.name() + " "
                        + tenant.status()).containsExactly("acme acme ACTIVE", "default Default ACTIVE",
                        "zeta_2 zeta_2 ACTIVE");
                assertThat(tenants.find(TenantId.DEFAULT)).hasValueSatisfying(tenant ->
                        assertThat(tenant.createdAt()).isAfter(Instant.parse("2025-01-01T00:00:00Z")));
            }
        } finally {
            DATABASE.server.dropDatabase(name);
        }
    }

    @Test
    void keys_and_sessions_written_before_schema_12_work_from_anywhere_and_name_no_device() throws SQLException {
        UserRef user = UserRecords.aUser().build().ref();
        UUID key = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        String name = DATABASE.server.createDatabase();
        try {
            String url = DATABASE.server.url(name);
            migrateToBefore(url, "12");
            try (Connection connection = DATABASE.server.connect(name); Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO tg_api_keys (id, tenant_id, user_id, digest, display_prefix, "
                        + "is_primary, created_at) VALUES ('" + key + "', '" + user.tenant().value() + "', '"
                        + user.id().value() + "', 'key-digest', 'tg_abcdef', 1, now())");
                statement.executeUpdate("INSERT INTO tg_sessions (id, tenant_id, user_id, access_digest, refresh_digest, "
                        + "created_at, last_used_at, access_expires_at, refresh_expires_at) VALUES ('" + session + "', '"
                        + user.tenant().value() + "', '" + user.id().value() + "', 'access-digest', 'refresh-digest', "
                        + "now(), now(), now(), now())");
            }

            try (SqlDatabase migrated = PostgresStores.open(url, DATABASE.server.user(), DATABASE.server.password())) {
                assertThat(migrated.schemaVersion()).isEqualTo("12");
                assertThat(migrated.stores().apiKeys().find(user, new ApiKeyId(key)))
                        .hasValueSatisfying(found -> assertThat(found.allowedIps()).isEmpty());
                assertThat(migrated.stores().sessions().findByAccessDigest(user.tenant(), "access-digest"))
                        .hasValueSatisfying(found -> assertThat(found.device()).isNull());
            }
        } finally {
            DATABASE.server.dropDatabase(name);
        }
    }

    /** A user row as schema 7 held it, with nothing but what it requires. */
    private static void insertOldUser(Connection connection, String tenant, String username) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO tg_users (id, tenant_id, username, "
                + "username_canonical, email, password_hash, status, hobbies, account_type, failed_logins, created_at, "
                + "updated_at) VALUES (?, ?, ?, ?, ?, 'hash', 'ACTIVE', '', 'PERSONAL', 0, now(), now())")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, tenant);
            insert.setString(3, username);
            insert.setString(4, username);
            insert.setString(5, username + "@example.com");
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    /** Migrates to the newest schema before {@code version}, as an older Tollgate did. */
    private static void migrateToBefore(String url, String version) {
        Flyway all = Flyway.configure().dataSource(url, DATABASE.server.user(), DATABASE.server.password())
                .locations("classpath:db/tollgate/postgres").table(SchemaMigrations.HISTORY_TABLE).load();
        MigrationVersion before = Arrays.stream(all.info().all()).map(MigrationInfo::getVersion)
                .filter(known -> known.compareTo(MigrationVersion.fromVersion(version)) < 0)
                .max(Comparator.naturalOrder()).orElseThrow();
        Flyway.configure().configuration(all.getConfiguration()).target(before).load().migrate();
    }

    private static void insertOldBalance(Connection connection, UserRef user, String meter, Instant periodStart,
            long allowanceLeft, long topUpLeft) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO tg_meter_balances (tenant_id, user_id, "
                + "meter, period_start, allowance_left, top_up_left) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, user.tenant().value());
            insert.setObject(2, user.id().value());
            insert.setString(3, meter);
            insert.setObject(4, OffsetDateTime.ofInstant(periodStart, ZoneOffset.UTC));
            insert.setLong(5, allowanceLeft);
            insert.setLong(6, topUpLeft);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void a_url_of_another_database_is_refused() {
        assertThatThrownBy(() -> PostgresStores.open("jdbc:mysql://127.0.0.1:3306/tollgate", "root", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql:");
        assertThatThrownBy(() -> PostgresStores.open("postgresql://127.0.0.1/tollgate", null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void every_lookup_of_the_stores_has_an_index() throws SQLException {
        List<String> indexes = indexes();

        assertThat(indexes).contains(
                "tg_users UNIQUE (id)",
                "tg_users UNIQUE (tenant_id, username_canonical)",
                "tg_users UNIQUE (tenant_id, email)",
                "tg_users (tenant_id, created_at, id)",
                "tg_users (tenant_id, username_canonical, id)",
                "tg_users (tenant_id, last_login_at, id)",
                "tg_users (tenant_id, lower(name))",
                "tg_sessions UNIQUE (id)",
                "tg_sessions UNIQUE (tenant_id, access_digest)",
                "tg_sessions UNIQUE (tenant_id, refresh_digest)",
                "tg_spent_refresh_digests UNIQUE (tenant_id, digest)",
                "tg_spent_refresh_digests (session_id)",
                "tg_one_time_codes UNIQUE (tenant_id, user_id, purpose)",
                "tg_window_counters UNIQUE (counter_key)",
                "tg_audit_events (tenant_id, subject_id, id)",
                "tg_audit_events (tenant_id, id)",
                "tg_audit_events (tenant_id, actor_id, id)",
                "tg_audit_events (tenant_id, type, id)",
                "tg_archived_accounts UNIQUE (tenant_id, user_id)",
                "tg_api_keys UNIQUE (tenant_id, digest)",
                "tg_api_keys (tenant_id, user_id, created_at)",
                "tg_meter_balances UNIQUE (tenant_id, user_id, meter)",
                "tg_subscriptions UNIQUE (tenant_id, user_id)",
                "tg_usage_events UNIQUE (id)",
                "tg_usage_events (tenant_id, user_id, occurred_at, id)",
                "tg_usage_events (tenant_id, occurred_at)",
                "tg_usage_daily UNIQUE (tenant_id, user_id, day, key_id, meter)",
                "tg_usage_daily (tenant_id, day)",
                "tg_tenants UNIQUE (id)",
                "tg_staff UNIQUE (tenant_id, user_id)",
                "tg_staff UNIQUE (user_id)",
                "tg_staff (role)",
                "tg_service_accounts UNIQUE (id)",
                "tg_service_accounts UNIQUE (key_digest)",
                "tg_service_accounts (tenant_id, id)",
                "tg_meter_leases UNIQUE (tenant_id, user_id, meter, holder, generation)",
                "tg_meter_leases (expires_at)",
                "tg_window_leases UNIQUE (counter_key, holder, generation)",
                "tg_window_leases (expires_at)",
                "tg_totp_factors UNIQUE (tenant_id, user_id)",
                "tg_recovery_codes UNIQUE (tenant_id, user_id, digest)",
                "tg_password_history UNIQUE (id)",
                "tg_password_history (tenant_id, user_id, set_at)",
                "tg_known_devices UNIQUE (tenant_id, user_id, device_digest)",
                "tg_ip_rules UNIQUE (id)",
                "tg_ip_rules (expires_at)");
        // listing a user's sessions (newest first) and revoking them all
        assertThat(indexes).anySatisfy(index -> assertThat(index).startsWith("tg_sessions (tenant_id, user_id"));
    }

    /** Every index of the database as {@code table [UNIQUE ](columns)}. */
    private static List<String> indexes() throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection connection = DATABASE.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT tablename, indexdef FROM pg_indexes "
                        + "WHERE schemaname = 'public' ORDER BY tablename, indexname")) {
            while (rows.next()) {
                Matcher index = INDEX.matcher(rows.getString("indexdef"));
                assertThat(index.matches()).as(rows.getString("indexdef")).isTrue();
                found.add(rows.getString("tablename") + (index.group(1) == null ? " " : " UNIQUE ")
                        + "(" + index.group(2) + ")");
            }
        }
        return found;
    }

    private static List<String> tables() throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection connection = DATABASE.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
            while (rows.next()) {
                found.add(rows.getString(1));
            }
        }
        return found;
    }

    /** The history's rows as {@code version success}, in order. */
    private static List<String> history() throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection connection = DATABASE.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version, success FROM "
                        + SchemaMigrations.HISTORY_TABLE + " ORDER BY installed_rank")) {
            while (rows.next()) {
                found.add(rows.getString("version") + " " + rows.getBoolean("success"));
            }
        }
        return found;
    }
}

package dev.tollgate.adapter.sqlite;

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
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.tck.support.UserRecords;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSchemaTest {

    @TempDir
    Path directory;

    @Test
    void openingAMigratedDatabaseAgain_changesNothing_andKeepsTheData() {
        UserRecord user = UserRecords.aUser().build();
        try (SqlDatabase first = SqliteStores.inDirectory(directory)) {
            first.stores().users().insert(user);
            assertThat(first.schemaVersion()).isEqualTo("12");
        }

        try (SqlDatabase second = SqliteStores.inDirectory(directory)) {
            assertThat(second.schemaVersion()).isEqualTo("12");
            assertThat(second.stores().users().findById(user.ref())).contains(user);
        }
    }

    @Test
    void aDatabaseMigratedByANewerTollgate_isRefused_sayingSo() throws SQLException {
        SqliteStores.inDirectory(directory).close();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO " + SchemaMigrations.HISTORY_TABLE + " (installed_rank, version, "
                    + "description, type, script, checksum, installed_by, installed_on, execution_time, success) "
                    + "VALUES (99, '999', 'from the future', 'SQL', 'V999__future.sql', 0, 'test', "
                    + "'2030-01-01 00:00:00', 1, 1)");
        }

        assertThatThrownBy(() -> SqliteStores.inDirectory(directory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schema is at version 999, newer than the newest this Tollgate knows (12)");
    }

    @Test
    void aMeterBalanceWrittenBeforeSchema7_isReadByWhatWasUsed_againstTheAllowanceOfItsNextUse() throws SQLException {
        Instant period = Instant.parse("2025-05-01T00:00:00Z");
        UserRef user = UserRecords.aUser().build().ref();
        migrateToBefore("7");
        try (Connection connection = connect()) {
            insertOldBalance(connection, user, "credits", period, 8, 3);
            insertOldBalance(connection, user, "lapsed", period.minusSeconds(86_400), 0, 1);
            insertOldBalance(connection, user, "lowered", period, 50, 0);
        }

        try (SqlDatabase migrated = SqliteStores.inDirectory(directory)) {
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
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT meter, allowance_used FROM tg_meter_balances "
                        + "ORDER BY meter")) {
            List<String> used = new ArrayList<>();
            while (rows.next()) {
                used.add(rows.getString("meter") + " " + rows.getObject("allowance_used"));
            }
            assertThat(used).containsExactly("credits 3", "lapsed null", "lowered 4");
        }
    }

    @Test
    void schema8_addsTheDefaultTenant_andATenantForEveryTenantUsersBelongTo() throws SQLException {
        migrateToBefore("8");
        try (Connection connection = connect()) {
            insertOldUser(connection, "acme", "ann");
            insertOldUser(connection, "acme", "bob");
            insertOldUser(connection, "default", "cid");
            insertOldUser(connection, "zeta_2", "dan");
        }

        try (SqlDatabase migrated = SqliteStores.inDirectory(directory)) {
            TenantStore tenants = migrated.stores().tenants();
            assertThat(tenants.list(null, 10)).extracting(tenant -> tenant.id().value() + " " + tenant.name() + " "
                    + tenant.status()).containsExactly("acme acme ACTIVE", "default Default ACTIVE", "zeta_2 zeta_2 ACTIVE");
            assertThat(tenants.find(TenantId.DEFAULT)).hasValueSatisfying(tenant ->
                    assertThat(tenant.createdAt()).isAfter(Instant.parse("2025-01-01T00:00:00Z")));
        }
    }

    @Test
    void keysAndSessionsWrittenBeforeSchema12_workFromAnywhere_andNameNoDevice() throws SQLException {
        UserRef user = UserRecords.aUser().build().ref();
        UUID key = UUID.randomUUID();
        migrateToBefore("12");
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO tg_api_keys (id, tenant_id, user_id, digest, display_prefix, "
                    + "is_primary, created_at) VALUES ('" + key + "', '" + user.tenant().value() + "', '"
                    + user.id().value() + "', 'key-digest', 'tg_abcdef', 1, 0)");
            statement.executeUpdate("INSERT INTO tg_sessions (id, tenant_id, user_id, access_digest, refresh_digest, "
                    + "created_at, last_used_at, access_expires_at, refresh_expires_at) VALUES ('" + UUID.randomUUID()
                    + "', '" + user.tenant().value() + "', '" + user.id().value() + "', 'access-digest', "
                    + "'refresh-digest', 0, 0, 0, 0)");
        }

        try (SqlDatabase migrated = SqliteStores.inDirectory(directory)) {
            assertThat(migrated.schemaVersion()).isEqualTo("12");
            assertThat(migrated.stores().apiKeys().find(user, new ApiKeyId(key)))
                    .hasValueSatisfying(found -> assertThat(found.allowedIps()).isEmpty());
            assertThat(migrated.stores().sessions().findByAccessDigest(user.tenant(), "access-digest"))
                    .hasValueSatisfying(found -> assertThat(found.device()).isNull());
        }
    }

    /** A user row as schema 7 held it, with nothing but what it requires. */
    private static void insertOldUser(Connection connection, String tenant, String username) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO tg_users (id, tenant_id, username, "
                + "username_canonical, email, password_hash, status, hobbies, account_type, failed_logins, created_at, "
                + "updated_at) VALUES (?, ?, ?, ?, ?, 'hash', 'ACTIVE', '', 'PERSONAL', 0, 0, 0)")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, tenant);
            insert.setString(3, username);
            insert.setString(4, username);
            insert.setString(5, username + "@example.com");
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    /** Migrates to the newest schema before {@code version}, as an older Tollgate did. */
    private void migrateToBefore(String version) {
        Flyway all = Flyway.configure()
                .dataSource("jdbc:sqlite:" + directory.resolve(SqliteStores.FILE_NAME), null, null)
                .locations("classpath:db/tollgate/sqlite").table(SchemaMigrations.HISTORY_TABLE).load();
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
            insert.setString(2, user.id().value().toString());
            insert.setString(3, meter);
            insert.setLong(4, periodStart.getEpochSecond() * 1_000_000L);
            insert.setLong(5, allowanceLeft);
            insert.setLong(6, topUpLeft);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void theDatabase_runsInWalMode() throws SQLException {
        SqliteStores.inDirectory(directory).close();

        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
            assertThat(mode.next()).isTrue();
            assertThat(mode.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void everyLookupOfTheCore_hasAnIndex() throws SQLException {
        SqliteStores.inDirectory(directory).close();

        try (Connection connection = connect()) {
            assertThat(indexedColumns(connection, "tg_users"))
                    .contains("tenant_id,username_canonical UNIQUE", "tenant_id,email UNIQUE", "tenant_id,created_at,id",
                            "tenant_id,username_canonical,id", "tenant_id,last_login_at,id",
                            "id UNIQUE");
            assertThat(indexedColumns(connection, "tg_sessions"))
                    .contains("tenant_id,access_digest UNIQUE", "tenant_id,refresh_digest UNIQUE", "tenant_id,user_id,created_at");
            assertThat(indexedColumns(connection, "tg_spent_refresh_digests"))
                    .contains("tenant_id,digest UNIQUE", "session_id");
            assertThat(indexedColumns(connection, "tg_one_time_codes")).contains("tenant_id,user_id,purpose UNIQUE");
            assertThat(indexedColumns(connection, "tg_window_counters")).contains("counter_key UNIQUE");
            assertThat(indexedColumns(connection, "tg_audit_events"))
                    .contains("tenant_id,subject_id,id", "tenant_id,id", "tenant_id,actor_id,id", "tenant_id,type,id");
            assertThat(indexedColumns(connection, "tg_archived_accounts")).contains("tenant_id,user_id UNIQUE");
            assertThat(indexedColumns(connection, "tg_api_keys"))
                    .contains("tenant_id,digest UNIQUE", "tenant_id,user_id,created_at", "id UNIQUE");
            assertThat(indexedColumns(connection, "tg_meter_balances")).contains("tenant_id,user_id,meter UNIQUE");
            assertThat(indexedColumns(connection, "tg_subscriptions")).contains("tenant_id,user_id UNIQUE");
            assertThat(indexedColumns(connection, "tg_usage_events"))
                    .contains("tenant_id,user_id,occurred_at,id", "tenant_id,occurred_at");
            assertThat(indexedColumns(connection, "tg_usage_daily"))
                    .contains("tenant_id,user_id,day,key_id,meter UNIQUE", "tenant_id,day");
            assertThat(indexedColumns(connection, "tg_tenants")).contains("id UNIQUE");
            assertThat(indexedColumns(connection, "tg_staff")).contains("tenant_id,user_id UNIQUE", "user_id UNIQUE", "role");
            assertThat(indexedColumns(connection, "tg_service_accounts"))
                    .contains("id UNIQUE", "key_digest UNIQUE", "tenant_id,id");
            assertThat(indexedColumns(connection, "tg_totp_factors")).contains("tenant_id,user_id UNIQUE");
            assertThat(indexedColumns(connection, "tg_recovery_codes")).contains("tenant_id,user_id,digest UNIQUE");
            assertThat(indexedColumns(connection, "tg_password_history")).contains("tenant_id,user_id,set_at");
            assertThat(indexedColumns(connection, "tg_known_devices")).contains("tenant_id,user_id,device_digest UNIQUE");
            assertThat(indexedColumns(connection, "tg_ip_rules")).contains("id UNIQUE", "expires_at");
        }
    }

    @Test
    void inMemoryAndForeignUrls_areRefused() {
        assertThatThrownBy(() -> SqliteStores.open("jdbc:sqlite::memory:", SqliteStores.DEFAULT_POOL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in-memory");
        assertThatThrownBy(() -> SqliteStores.open("jdbc:postgresql://localhost/x", SqliteStores.DEFAULT_POOL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:sqlite:");
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + directory.resolve(SqliteStores.FILE_NAME));
    }

    private static List<String> indexedColumns(Connection connection, String table) throws SQLException {
        List<String> indexes = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet list = statement.executeQuery("PRAGMA index_list('" + table + "')")) {
            List<String[]> found = new ArrayList<>();
            while (list.next()) {
                found.add(new String[] {list.getString("name"), list.getInt("unique") == 1 ? " UNIQUE" : ""});
            }
            for (String[] index : found) {
                List<String> columns = new ArrayList<>();
                try (Statement info = connection.createStatement();
                        ResultSet column = info.executeQuery("PRAGMA index_info('" + index[0] + "')")) {
                    while (column.next()) {
                        columns.add(column.getString("name"));
                    }
                }
                indexes.add(String.join(",", columns) + index[1]);
            }
        }
        return indexes;
    }
}

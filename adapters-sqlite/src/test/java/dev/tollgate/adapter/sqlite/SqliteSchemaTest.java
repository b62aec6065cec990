package dev.tollgate.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.adapter.sql.SchemaMigrations;
import dev.tollgate.adapter.sql.SqlDatabase;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.tck.support.UserRecords;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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
            assertThat(first.schemaVersion()).isEqualTo("6");
        }

        try (SqlDatabase second = SqliteStores.inDirectory(directory)) {
            assertThat(second.schemaVersion()).isEqualTo("6");
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
                .hasMessageContaining("schema is at version 999, newer than the newest this Tollgate knows (6)");
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
                    .contains("tenant_id,username_canonical UNIQUE", "tenant_id,email UNIQUE", "tenant_id,created_at",
                            "id UNIQUE");
            assertThat(indexedColumns(connection, "tg_sessions"))
                    .contains("access_digest UNIQUE", "refresh_digest UNIQUE", "tenant_id,user_id,created_at");
            assertThat(indexedColumns(connection, "tg_spent_refresh_digests")).contains("digest UNIQUE", "session_id");
            assertThat(indexedColumns(connection, "tg_one_time_codes")).contains("tenant_id,user_id,purpose UNIQUE");
            assertThat(indexedColumns(connection, "tg_window_counters")).contains("counter_key UNIQUE");
            assertThat(indexedColumns(connection, "tg_audit_events")).contains("tenant_id,subject_id,id");
            assertThat(indexedColumns(connection, "tg_archived_accounts")).contains("tenant_id,user_id UNIQUE");
            assertThat(indexedColumns(connection, "tg_api_keys"))
                    .contains("digest UNIQUE", "tenant_id,user_id,created_at", "id UNIQUE");
            assertThat(indexedColumns(connection, "tg_meter_balances")).contains("tenant_id,user_id,meter UNIQUE");
            assertThat(indexedColumns(connection, "tg_subscriptions")).contains("tenant_id,user_id UNIQUE");
            assertThat(indexedColumns(connection, "tg_usage_events"))
                    .contains("tenant_id,user_id,occurred_at", "occurred_at");
            assertThat(indexedColumns(connection, "tg_usage_daily"))
                    .contains("tenant_id,user_id,day,key_id,meter UNIQUE");
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

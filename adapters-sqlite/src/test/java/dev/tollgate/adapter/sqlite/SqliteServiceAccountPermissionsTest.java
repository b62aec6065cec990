package dev.tollgate.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.sql.SqlDatabase;
import dev.tollgate.port.Permission;
import dev.tollgate.port.ServiceAccountId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.spi.staff.ServiceAccountRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the SQL store keeps a service account's permissions (shared by both databases): their
 * dotted names, sorted and joined by commas; a name it does not know, as a newer Tollgate may
 * have written, is left out, so the account never gains a permission by a rename.
 */
class SqliteServiceAccountPermissionsTest {

    private static final Instant T0 = Instant.parse("2025-08-06T05:15:00.987Z");

    @TempDir
    Path directory;

    @Test
    void permissions_areStoredAsSortedDottedNames_andUnknownNamesAreLeftOutOnReading() throws SQLException {
        ServiceAccountRecord account = new ServiceAccountRecord(new ServiceAccountId(UUID.randomUUID()),
                TenantId.DEFAULT, "billing", Set.of(Permission.USERS_READ, Permission.BILLING_WRITE,
                Permission.KEYS_VERIFY), "digest-" + UUID.randomUUID(), "tgs_ab12", T0, null, null);
        try (SqlDatabase database = SqliteStores.inDirectory(directory)) {
            database.stores().serviceAccounts().insert(account);
        }

        try (Connection connection = connect()) {
            assertThat(permissionsColumn(connection, account)).isEqualTo("billing.write,keys.verify,users.read");
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE tg_service_accounts SET permissions = ? WHERE id = ?")) {
                update.setString(1, "billing.write,reports.export, keys.verify,,users.read_all");
                update.setString(2, account.id().toString());
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
        }

        try (SqlDatabase database = SqliteStores.inDirectory(directory)) {
            assertThat(database.stores().serviceAccounts().findById(TenantId.DEFAULT, account.id()))
                    .hasValueSatisfying(found -> assertThat(found.permissions())
                            .containsExactlyInAnyOrder(Permission.BILLING_WRITE, Permission.KEYS_VERIFY));
        }
    }

    private static String permissionsColumn(Connection connection, ServiceAccountRecord account) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT permissions FROM tg_service_accounts WHERE id = ?")) {
            select.setString(1, account.id().toString());
            try (var row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + directory.resolve(SqliteStores.FILE_NAME));
    }
}

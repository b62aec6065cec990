package dev.tollgate.adapter.sql.session;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.session.KnownDevice;
import dev.tollgate.port.spi.session.KnownDevices;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * Known devices in {@code tg_known_devices}, one row per user and device digest. A sighting
 * inserts the row unless it exists ({@code ON CONFLICT DO NOTHING}): the one insert that made
 * it is the sighting that met the device first, however many race; every other sighting then
 * updates the newest sighting's time, address and user agent.
 */
public final class SqlKnownDevices implements KnownDevices {

    private static final String COLUMNS = "tenant_id, user_id, device_digest, first_seen_at, last_seen_at, ip, "
            + "user_agent";
    private static final String OF_USER = " WHERE tenant_id = :tenant AND user_id = :user";

    private final Database database;
    private final SqlDialect dialect;

    public SqlKnownDevices(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
    }

    @Override
    public Sighting sighted(KnownDevice device) {
        Objects.requireNonNull(device, "device");
        return database.call("record device sighting", handle -> {
            // a device forgotten between the two statements sends the sighting round again
            for (int round = 0; round < 3; round++) {
                int inserted = handle.createUpdate("INSERT INTO tg_known_devices (" + COLUMNS + ") VALUES (:tenant, "
                                + ":user, :digest, :firstSeenAt, :lastSeenAt, :ip, :userAgent) ON CONFLICT DO NOTHING")
                        .bind("tenant", device.user().tenant().value())
                        .bind("user", dialect.uuid(device.user().id().value()))
                        .bind("digest", device.deviceDigest())
                        .bind("firstSeenAt", dialect.instant(device.firstSeenAt()))
                        .bind("lastSeenAt", dialect.instant(device.lastSeenAt()))
                        .bind("ip", device.ip())
                        .bind("userAgent", device.userAgent())
                        .execute();
                if (inserted == 1) {
                    return Sighting.NEW;
                }
                int updated = handle.createUpdate("UPDATE tg_known_devices SET last_seen_at = :lastSeenAt, ip = :ip, "
                                + "user_agent = :userAgent" + OF_USER + " AND device_digest = :digest")
                        .bind("lastSeenAt", dialect.instant(device.lastSeenAt()))
                        .bind("ip", device.ip())
                        .bind("userAgent", device.userAgent())
                        .bind("tenant", device.user().tenant().value())
                        .bind("user", dialect.uuid(device.user().id().value()))
                        .bind("digest", device.deviceDigest())
                        .execute();
                if (updated == 1) {
                    return Sighting.KNOWN;
                }
            }
            throw new IllegalStateException("sighting of a device of " + device.user().id()
                    + " could not be recorded: the device keeps being forgotten");
        });
    }

    @Override
    public List<KnownDevice> list(UserRef user) {
        Objects.requireNonNull(user, "user");
        return database.call("list devices", handle -> handle.createQuery("SELECT " + COLUMNS + " FROM tg_known_devices"
                        + OF_USER + " ORDER BY last_seen_at DESC, device_digest")
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .map((row, context) -> read(row))
                .list());
    }

    @Override
    public int deleteAll(UserRef user) {
        Objects.requireNonNull(user, "user");
        return database.call("forget devices", handle -> handle.createUpdate("DELETE FROM tg_known_devices" + OF_USER)
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .execute());
    }

    private KnownDevice read(ResultSet row) throws SQLException {
        return new KnownDevice(
                new UserRef(TenantId.of(row.getString("tenant_id")), new UserId(dialect.uuid(row, "user_id"))),
                row.getString("device_digest"),
                dialect.instant(row, "first_seen_at"),
                dialect.instant(row, "last_seen_at"),
                row.getString("ip"),
                row.getString("user_agent"));
    }
}

package dev.tollgate.adapter.sqlite;

import dev.tollgate.port.spi.metering.MeterLedger;
import dev.tollgate.tck.metering.MeterLedgerContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteMeterLedgerTest extends MeterLedgerContract {

    @RegisterExtension
    static final SqliteTestDatabase DATABASE = new SqliteTestDatabase();

    @Override
    protected MeterLedger meterLedger() {
        return DATABASE.stores().meters();
    }
}

package dev.tollgate.adapter.postgres;

import dev.tollgate.port.spi.metering.MeterLedger;
import dev.tollgate.tck.metering.MeterLedgerContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresMeterLedgerTest extends MeterLedgerContract {

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Override
    protected MeterLedger meterLedger() {
        return DATABASE.stores().meters();
    }
}

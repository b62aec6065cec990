package dev.tollgate.adapter.memory.metering;

import dev.tollgate.port.spi.metering.MeterLedger;
import dev.tollgate.tck.metering.MeterLedgerContract;

class InMemoryMeterLedgerTest extends MeterLedgerContract {

    private static final InMemoryMeterLedger LEDGER = new InMemoryMeterLedger();

    @Override
    protected MeterLedger meterLedger() {
        return LEDGER;
    }
}

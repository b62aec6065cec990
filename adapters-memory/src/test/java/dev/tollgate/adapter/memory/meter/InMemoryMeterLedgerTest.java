package dev.tollgate.adapter.memory.meter;

import dev.tollgate.port.spi.meter.MeterLedger;
import dev.tollgate.tck.meter.MeterLedgerContract;

class InMemoryMeterLedgerTest extends MeterLedgerContract {

    private static final InMemoryMeterLedger LEDGER = new InMemoryMeterLedger();

    @Override
    protected MeterLedger meterLedger() {
        return LEDGER;
    }
}

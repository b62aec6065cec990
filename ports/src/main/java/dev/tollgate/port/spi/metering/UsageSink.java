package dev.tollgate.port.spi.metering;

/**
 * Where verify-and-consume hands the usage event of each call of a known key. A sink writes
 * the events to the {@link UsageLog} off the caller's path (a queue and a writer of batches, as
 * an adapter provides), so recording never waits for the store; a sink that cannot take an
 * event drops it and counts the drop, never blocking and never failing the call.
 */
public interface UsageSink {

    /** Takes {@code event} for writing; never blocks on the store. */
    void record(UsageEvent event);

    /**
     * Writes every event taken before this call, on the caller's thread, before it returns:
     * deleting an account calls it so that none of its events is written after its usage was
     * removed.
     */
    void flush();
}

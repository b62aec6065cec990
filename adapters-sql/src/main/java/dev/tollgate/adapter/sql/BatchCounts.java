package dev.tollgate.adapter.sql;

/**
 * How one of the SQL stores' group commits has run: concurrent calls decided together, one
 * transaction per batch.
 *
 * @param batches  batches decided so far (each one committed transaction, or one failed)
 * @param calls    calls decided so far; {@code calls / batches} is the mean batch size
 * @param waiting  calls waiting for a batch now
 */
public record BatchCounts(long batches, long calls, int waiting) {
}

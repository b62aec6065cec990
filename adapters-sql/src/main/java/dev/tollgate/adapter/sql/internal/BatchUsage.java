package dev.tollgate.adapter.sql.internal;

/**
 * How one batched operation (a group commit) has run: concurrent calls decided together in
 * one transaction per batch.
 *
 * @param batches  transactions run so far
 * @param requests calls decided so far; {@code requests / batches} is the mean batch size
 * @param waiting  calls waiting for a batch now
 */
public record BatchUsage(long batches, long requests, int waiting) {
}

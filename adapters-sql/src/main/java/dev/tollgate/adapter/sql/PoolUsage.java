package dev.tollgate.adapter.sql;

/**
 * How busy a connection pool is at one moment.
 *
 * @param active  connections lent out
 * @param idle    connections open and free
 * @param waiting calls waiting for a connection
 * @param maximum the pool's limit
 */
public record PoolUsage(int active, int idle, int waiting, int maximum) {
}

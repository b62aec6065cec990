/**
 * Cache invalidation across processes: the notices a process publishes when it changes what
 * others may hold in memory, and the bus that carries them.
 */
package dev.tollgate.port.spi.cache;

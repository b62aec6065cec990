/**
 * The reference implementation of Tollgate's SPI, held in memory: one store per port, each
 * making every operation atomic with a single lock, plus mailers for tests and local
 * development. Nothing survives the JVM; use it for tests, demos and embedders' own tests.
 * {@link dev.tollgate.adapter.memory.InMemoryStores} creates one of each store.
 */
package dev.tollgate.adapter.memory;

/** Rules for client addresses: allow and deny ranges, global or per tenant, as stores keep them. */
package dev.tollgate.port.spi.network;

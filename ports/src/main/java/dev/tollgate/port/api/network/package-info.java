/** IP rules: staff's allow and deny ranges, automatic blocks, and judging a client address. */
package dev.tollgate.port.api.network;

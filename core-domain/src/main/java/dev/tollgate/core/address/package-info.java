/**
 * Client addresses and CIDR ranges, parsed strictly and without DNS: shared by the IP rules, the
 * ranges a key is restricted to and the verification that judges them.
 */
package dev.tollgate.core.address;

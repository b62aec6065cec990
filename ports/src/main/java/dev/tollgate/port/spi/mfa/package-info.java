/** Second factors: TOTP factors and recovery codes as stores keep them, the TOTP algorithm and QR codes. */
package dev.tollgate.port.spi.mfa;

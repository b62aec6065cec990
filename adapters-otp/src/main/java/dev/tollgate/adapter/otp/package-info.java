/**
 * The TOTP algorithm of RFC 6238 with java-otp:
 * {@link dev.tollgate.adapter.otp.JavaOtpTotpAlgorithm}.
 */
package dev.tollgate.adapter.otp;

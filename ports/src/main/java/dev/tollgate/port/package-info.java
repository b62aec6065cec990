/**
 * Tollgate's published language: the value types every side shares.
 *
 * <p>Sub-packages {@code api.*} hold the driving side (use cases with their commands and
 * results) and {@code spi.*} the driven side (stores, mailer, hasher, random source) that
 * adapters implement. Nothing here depends on anything but the JDK.
 */
package dev.tollgate.port;

/**
 * Tollgate's rules: the aggregates, named policies and services that implement the API ports
 * by calling the SPI ports. Depends on the JDK and {@code ports} only; {@link dev.tollgate.core.CoreServices}
 * builds every service from a {@link dev.tollgate.core.CoreDependencies}.
 */
package dev.tollgate.core;

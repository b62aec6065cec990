/**
 * JMH benchmarks of the real core ({@link dev.tollgate.core.CoreServices}) over each store:
 * registrations, logins and session-token lookups per second, and their latency. The password
 * hasher is the cheap test hasher, so the store is what is measured. Run them from the shaded
 * jar: {@code java -jar benchmarks/target/benchmarks.jar}; see {@code BENCHMARKS.md}.
 */
package dev.tollgate.benchmarks;

/**
 * The driven side: what Tollgate needs from the outside world. A store adapter implements the
 * store ports of every sub-package and proves itself with the {@code ports-tck} contract
 * tests. Operations that must be atomic (unique inserts, conditional updates, attempt
 * counting, token rotation) are single port methods; implementations make each one atomic
 * against concurrent callers, including other processes sharing the database.
 *
 * <p>Every store is partitioned by tenant: each lookup names its tenant (a
 * {@link dev.tollgate.port.TenantId}, or a {@link dev.tollgate.port.UserRef} that carries
 * one), and a record of one tenant is never found, counted or changed by an operation of
 * another, even where both hold the same digest, username or address. Servers of different
 * tenants may share one database.
 *
 * <p>Every method may throw {@link dev.tollgate.port.StoreUnavailableException} (stores) or
 * {@link dev.tollgate.port.spi.mail.MailDeliveryException} (mailer) for infrastructure
 * failures, and a store may throw {@link dev.tollgate.port.StoreRejectedInputException} when
 * it refuses a value it was given; no driver exception crosses a port.
 */
package dev.tollgate.port.spi;

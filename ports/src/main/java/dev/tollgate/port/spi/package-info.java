/**
 * The driven side: what Tollgate needs from the outside world. A store adapter implements the
 * store ports of every sub-package and proves itself with the {@code ports-tck} contract
 * tests. Operations that must be atomic (unique inserts, conditional updates, attempt
 * counting, token rotation) are single port methods; implementations make each one atomic
 * against concurrent callers, including other processes sharing the database.
 *
 * <p>Every method may throw {@link dev.tollgate.port.StoreUnavailableException} (stores) or
 * {@link dev.tollgate.port.spi.mail.MailDeliveryException} (mailer) for infrastructure
 * failures; no driver exception crosses a port.
 */
package dev.tollgate.port.spi;

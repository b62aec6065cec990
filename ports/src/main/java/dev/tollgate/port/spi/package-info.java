/**
 * The driven side: what Tollgate needs from the outside world. A store adapter implements the
 * store ports of every sub-package and proves itself with the {@code ports-tck} contract
 * tests. Operations that must be atomic (unique inserts, conditional updates, attempt
 * counting, token rotation) are single port methods; implementations make each one atomic
 * against concurrent callers, including other processes sharing the database.
 *
 * <p>Not a store: the {@link dev.tollgate.port.spi.metering.UsageSink}, to which
 * verify-and-consume hands its usage events, writes them to the store's
 * {@link dev.tollgate.port.spi.metering.UsageLog} off the caller's path.
 *
 * <p>Every store is partitioned by tenant: each lookup names its tenant (a
 * {@link dev.tollgate.port.TenantId}, or a {@link dev.tollgate.port.UserRef} that carries
 * one), and a record of one tenant is never found, counted or changed by an operation of
 * another, even where both hold the same digest, username or address. Servers of different
 * tenants may share one database.
 *
 * <p><b>Answers take one shape.</b> A write whose outcome the caller branches on answers a
 * record named for what it did, with a nested {@code Kind} enum naming every outcome, one
 * static factory per outcome, and only the data that outcome carries, checked in the record's
 * constructor (so a {@code LOCKED_NOW} {@link dev.tollgate.port.spi.user.FailedLogin} without
 * its {@code lockedUntil} cannot exist): {@link dev.tollgate.port.spi.user.InsertResult},
 * {@link dev.tollgate.port.spi.user.FailedLogin},
 * {@link dev.tollgate.port.spi.user.SuccessfulLogin},
 * {@link dev.tollgate.port.spi.user.EmailChangeResult},
 * {@link dev.tollgate.port.spi.code.AttemptResult},
 * {@link dev.tollgate.port.spi.session.RotationResult},
 * {@link dev.tollgate.port.spi.limit.Acquisition} and
 * {@link dev.tollgate.port.spi.metering.Consumption}. A write that can only change the one record
 * it names or find none to change (a compare-and-set, a revocation, a removal) answers the
 * shared {@link dev.tollgate.port.Change}: {@code APPLIED} or {@code NO_MATCH}. A write that
 * cannot be refused answers nothing ({@code void}) or the state it leaves
 * ({@link dev.tollgate.port.spi.metering.MeterBalance}); a removal of all of a user's records
 * answers how many it removed. Callers switch on {@code kind()}; a predicate such as
 * {@code isApplied()} reads the one outcome a caller usually asks about.
 *
 * <p><b>Arguments are values.</b> What every store would otherwise check by hand is a value type
 * of the port that checks itself when it is made ({@link dev.tollgate.port.spi.metering.MeterName},
 * {@link dev.tollgate.port.spi.metering.PeriodAllowance},
 * {@link dev.tollgate.port.spi.metering.UsageDay}, {@link dev.tollgate.port.spi.metering.DayRange},
 * {@link dev.tollgate.port.spi.limit.CounterKey}, {@link dev.tollgate.port.spi.limit.WindowLimit},
 * {@link dev.tollgate.port.spi.user.LockoutRule}), so a store receives only valid ones. Rules the
 * core decides (how long a lock lasts, which period an allowance is of) reach a store as such a
 * value, the decision made, never as a row of primitives to combine.
 *
 * <p>Every method may throw {@link dev.tollgate.port.StoreUnavailableException} (stores) or
 * {@link dev.tollgate.port.spi.mail.MailDeliveryException} (mailer) for infrastructure
 * failures, and a store may throw {@link dev.tollgate.port.StoreRejectedInputException} when
 * it refuses a value it was given; no driver exception crosses a port.
 */
package dev.tollgate.port.spi;

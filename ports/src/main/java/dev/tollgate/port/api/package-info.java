/**
 * The driving side: what an application asks of Tollgate. Every use case answers an
 * {@link dev.tollgate.port.api.Outcome}: the value asked for, or a {@link dev.tollgate.port.api.Problem}
 * with a stable {@link dev.tollgate.port.api.ErrorCode}.
 */
package dev.tollgate.port.api;

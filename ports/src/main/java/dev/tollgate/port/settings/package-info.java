/**
 * The rules Tollgate enforces, as one immutable {@link dev.tollgate.port.settings.TollgateSettings}
 * with a sensible default for each. Every record validates in its constructor, so settings that
 * exist are consistent; the {@code with...} methods return changed copies.
 */
package dev.tollgate.port.settings;

/**
 * How the SQL stores lease blocks of busy balances and rate-limit windows to a process
 * ({@link dev.tollgate.adapter.sql.lease.LeaseSettings}); a package of its own that depends on
 * nothing else of the SQL adapter, so every part of it may name the settings.
 */
package dev.tollgate.adapter.sql.lease;

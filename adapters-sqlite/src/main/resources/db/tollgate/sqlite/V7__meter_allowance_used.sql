-- Tollgate schema 7: a meter balance remembers what was USED of the period's allowance, so what
-- is left follows the allowance in force (a plan change, an operator's new amount or a per-user
-- override within the period): left = max(0, allowance - allowance_used).
--
-- Rows written before this version have only allowance_left (what was left of the allowance
-- then in force). Their allowance_used stays NULL here: the allowance lives in the plan
-- settings, not in the database, so the use cannot be computed now. The store counts such a
-- row's use as max(0, allowance - allowance_left) against the allowance named by its next
-- operation (exact while the user's plan and its amount are unchanged since the row was
-- written) and stores that use with the operation, so every row it writes has allowance_used.
-- A row of an older period has nothing used in the current one either way. allowance_left is
-- kept, written as left after each operation, for people reading the table; the store reads it
-- only from rows whose allowance_used is NULL.

ALTER TABLE tg_meter_balances ADD COLUMN allowance_used INTEGER CHECK (allowance_used >= 0);

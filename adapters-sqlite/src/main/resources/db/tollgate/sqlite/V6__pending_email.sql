-- Tollgate schema 6: a change of address is pending until the code mailed to the new address is
-- entered. The pending address is not unique and reserves nothing; confirming moves it into
-- email in one UPDATE, where the unique index (tenant_id, email) decides.

ALTER TABLE tg_users ADD COLUMN pending_email TEXT;

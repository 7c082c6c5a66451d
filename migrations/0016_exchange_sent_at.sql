-- When the sender wrote each imported file, as its signed header says (only for a file
-- whose header its sender signed): how current an agency's data is, even when the file
-- carried nothing new. NULL for exports and for files no sender signed.
ALTER TABLE sync_exchanges ADD COLUMN sent_at TEXT;

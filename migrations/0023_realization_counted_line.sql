-- Realization lines (0021), made cheap enough for a 100k-row SIPD import (issue 18). The
-- projection looked up each new entry's line before inserting it, stored each entry's
-- 88-character version key, and indexed the line as text (~80 bytes a row). Now:
-- - a line is indexed by a 16-byte key (the first half of the SHA-256 of the agency and
--   the line), as entry ids are derived;
-- - one counted entry per line is a unique partial index, so the insert itself says
--   whether a line is new (nearly always); only when it is not are the two entries
--   compared, by their events' clocks in the log.
DROP INDEX realizations_by_line;
ALTER TABLE budget_realizations DROP COLUMN version_key;
ALTER TABLE budget_realizations DROP COLUMN line;
ALTER TABLE budget_realizations ADD COLUMN line_key BLOB;
CREATE UNIQUE INDEX realizations_counted_line ON budget_realizations (line_key)
    WHERE line_key IS NOT NULL AND counted = 1;

-- A corrected line (issue 18): SIPD may correct the amount of an SP2D line, and an LRA
-- the realisasi of an account in a period. An imported entry names the line of its file
-- it is the amount of; of the entries of one line only the last signed counts, so a
-- corrected file imported after the first replaces the amount instead of adding to it.

-- NULL: an entry of no line (typed in, imported before lines were kept, or a row with
-- neither an SP2D number nor an account). Prefixed with the agency, as `entry_id` is.
ALTER TABLE budget_realizations ADD COLUMN line TEXT;
-- The signing order of the entry's event: the later of two entries of a line counts.
ALTER TABLE budget_realizations ADD COLUMN version_key TEXT NOT NULL DEFAULT '';
-- 0: a later entry of the same line corrected this one, which no longer counts. A flag,
-- not a pointer to the correction, so the projection is the same whatever order the
-- entries of a line arrive in.
ALTER TABLE budget_realizations ADD COLUMN counted INTEGER NOT NULL DEFAULT 1;

CREATE INDEX realizations_by_line ON budget_realizations (line) WHERE line IS NOT NULL;

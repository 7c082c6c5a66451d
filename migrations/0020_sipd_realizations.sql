-- SIPD realisasi (issue 18, item 1): an entry's SP2D type and jenis belanja, the
-- advances kept apart from what counts, the realized sums per jenis, and the column
-- mapping last used for each import source.

-- NULL: an entry that named no type (typed in, from an LRA, or recorded before types):
-- it counts as realized, as every entry did before.
ALTER TABLE budget_realizations ADD COLUMN sp2d_type TEXT;
-- NULL: no jenis belanja known.
ALTER TABLE budget_realizations ADD COLUMN jenis TEXT;

-- UP, GU and TU SP2D: cash advanced to an agency's treasurer, not spending.
ALTER TABLE budget_monthly ADD COLUMN advance_sen INTEGER NOT NULL DEFAULT 0;

-- What counts (`budget_monthly.realized_sen`) split by jenis belanja; '' for entries
-- that named none, so the split adds up to the realized sum.
CREATE TABLE budget_realized_jenis (
    agency_code  TEXT NOT NULL,
    fiscal_year  INTEGER NOT NULL,
    month        INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    jenis        TEXT NOT NULL,
    realized_sen INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (fiscal_year, agency_code, month, jenis)
) WITHOUT ROWID;

-- The column mapping last used for each realization source: the next file from it is
-- read the same way.
CREATE TABLE budget_import_sources (
    source      TEXT PRIMARY KEY NOT NULL,
    mapping     TEXT NOT NULL,  -- JSON: [[header, column], ...]
    version_key TEXT NOT NULL
) WITHOUT ROWID;

-- The same for anggaran kas files (their columns are the months).
CREATE TABLE budget_plan_import_sources (
    source      TEXT PRIMARY KEY NOT NULL,
    mapping     TEXT NOT NULL,  -- JSON: [[header, column], ...]
    version_key TEXT NOT NULL
) WITHOUT ROWID;

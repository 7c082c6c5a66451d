-- Budget absorption: each agency's ceiling (pagu) per fiscal year with its revisions,
-- the monthly disbursement plan, realization entries and physical progress. All
-- projections of the event log; `budget_monthly` keeps per-month sums so summaries
-- read a few hundred rows, never a million entries.

CREATE TABLE budget_ceilings (
    event_id     TEXT PRIMARY KEY NOT NULL,
    agency_code  TEXT NOT NULL,
    fiscal_year  INTEGER NOT NULL,
    stage        TEXT NOT NULL CHECK (stage IN ('murni', 'perubahan', 'pergeseran')),
    amount_sen   INTEGER NOT NULL,
    effective_on TEXT NOT NULL,
    reason       TEXT NOT NULL,
    author       TEXT NOT NULL,
    version_key  TEXT NOT NULL
);
-- The ceiling in force on a day: the latest effective on or before it (then the latest signed).
CREATE INDEX ceilings_in_force ON budget_ceilings (agency_code, fiscal_year, effective_on, version_key);

CREATE TABLE budget_ceiling_lines (
    event_id     TEXT NOT NULL,
    position     INTEGER NOT NULL,
    program      TEXT NOT NULL,
    kegiatan     TEXT NOT NULL,
    sub_kegiatan TEXT NOT NULL,
    amount_sen   INTEGER NOT NULL,
    PRIMARY KEY (event_id, position)
) WITHOUT ROWID;

CREATE TABLE budget_realizations (
    entry_id    TEXT PRIMARY KEY NOT NULL,
    agency_code TEXT NOT NULL,
    fiscal_year INTEGER NOT NULL,
    realized_on TEXT NOT NULL,
    amount_sen  INTEGER NOT NULL,
    reference   TEXT NOT NULL,
    note        TEXT NOT NULL,
    event_id    TEXT NOT NULL
);
CREATE INDEX realizations_by_agency ON budget_realizations (agency_code, fiscal_year, realized_on);

-- Per agency, year and month: the plan (last writer wins), the realized sum, and the
-- physical progress reported (last writer wins).
CREATE TABLE budget_monthly (
    agency_code      TEXT NOT NULL,
    fiscal_year      INTEGER NOT NULL,
    month            INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    plan_sen         INTEGER NOT NULL DEFAULT 0,
    plan_version     TEXT NOT NULL DEFAULT '',
    realized_sen     INTEGER NOT NULL DEFAULT 0,
    entries          INTEGER NOT NULL DEFAULT 0,
    physical         INTEGER,                  -- ten-thousandths of a percent point
    physical_version TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (fiscal_year, agency_code, month)
) WITHOUT ROWID;

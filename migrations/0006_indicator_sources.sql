-- An indicator may take its realized value from other records instead of progress
-- reports: "serapan anggaran" (budget absorption) from the agency's budget of a year.
ALTER TABLE indicators ADD COLUMN source_kind TEXT;
ALTER TABLE indicators ADD COLUMN source_year INTEGER;
CREATE INDEX indicators_by_source ON indicators (source_kind, agency_code, source_year)
    WHERE source_kind IS NOT NULL;

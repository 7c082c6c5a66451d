-- Agencies as master data a regency keeps itself: the SIPD kode SKPD, the head's rank,
-- whether the agency still receives instructions, and every name it has had, so an
-- instruction shows the name it was issued under. All projections of the log.
ALTER TABLE agencies ADD COLUMN sipd_code TEXT;
ALTER TABLE agencies ADD COLUMN head_rank TEXT;
ALTER TABLE agencies ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
ALTER TABLE agencies ADD COLUMN active_version TEXT;

-- One row per name an agency has had, keyed by the version of the event that gave it.
CREATE TABLE agency_names (
    code          TEXT NOT NULL,
    since_version TEXT NOT NULL,
    name          TEXT NOT NULL,
    short_name    TEXT NOT NULL,
    PRIMARY KEY (code, since_version)
) WITHOUT ROWID;

-- The version of the event that issued an instruction: which agency names it was issued under.
ALTER TABLE instructions ADD COLUMN issued_version TEXT;

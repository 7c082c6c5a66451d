-- Events stamped further ahead of this laptop's clock than the allowed skew: kept here,
-- out of the log, so they move no clock and win no "latest value", until this laptop's
-- clock reaches them; then they are imported like any other file. Bookkeeping, not a
-- projection: a rebuild leaves it alone.
CREATE TABLE sync_quarantine (
    event_id    BLOB PRIMARY KEY NOT NULL,
    author      BLOB NOT NULL,
    seq         INTEGER NOT NULL,
    hlc_wall    INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    body        BLOB NOT NULL,
    signature   BLOB NOT NULL,
    sender      TEXT,            -- hex key of the laptop whose signed file brought it, if known
    received_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sync_quarantine_by_time ON sync_quarantine (hlc_wall);

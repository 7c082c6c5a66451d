-- Bundle files whose every event is in the log, by the checksum of their bytes: the same
-- file again (a watched folder's file come another way, a file imported twice) is known
-- without being unpacked. Not a projection: what this laptop has read, like
-- sync_exchanges. `sender` is the key of a sender whose signed header was believed.
CREATE TABLE sync_absorbed_files (
    checksum BLOB PRIMARY KEY,
    sender TEXT,
    producer TEXT NOT NULL,
    events INTEGER NOT NULL,
    sent_at TEXT
) WITHOUT ROWID;

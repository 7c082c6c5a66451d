-- The signed event log is the source of truth; every other table is a projection of it
-- and can be dropped and replayed by `rebuild`.
CREATE TABLE events (
    -- sha256 of `body`, the exact canonical bytes the author signed.
    id          BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 32),
    -- ed25519 public key of the authoring device.
    author      BLOB NOT NULL CHECK (length(author) = 32),
    -- per-author sequence number, 1, 2, 3... without gaps.
    seq         INTEGER NOT NULL CHECK (seq > 0),
    -- hybrid logical clock: wall milliseconds (UTC) and a logical counter.
    hlc_wall    INTEGER NOT NULL,
    hlc_counter INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    body        BLOB NOT NULL,
    signature   BLOB NOT NULL CHECK (length(signature) = 64),
    UNIQUE (author, seq)
) WITHOUT ROWID;

CREATE INDEX events_by_clock ON events (hlc_wall, hlc_counter, author, seq);

-- Projection: devices and the role each one was enrolled with.
CREATE TABLE devices (
    device_id   TEXT PRIMARY KEY NOT NULL,   -- hex public key
    role        TEXT NOT NULL CHECK (role IN ('regent', 'secretary', 'agency_staff')),
    agency_code TEXT,
    user_name   TEXT NOT NULL,
    enrolled_by TEXT NOT NULL                 -- hex event id
);

-- Projection: the regency this installation serves (one row).
CREATE TABLE regency_profile (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    name           TEXT NOT NULL,
    address        TEXT NOT NULL,
    regent_name    TEXT NOT NULL,
    regent_title   TEXT NOT NULL,
    secretary_name TEXT NOT NULL,
    version_key    TEXT NOT NULL              -- last writer wins by (hlc, author)
);

-- Projection: perangkat daerah (dinas, badan, sekretariat, kecamatan...).
CREATE TABLE agencies (
    code         TEXT PRIMARY KEY NOT NULL,
    name         TEXT NOT NULL,
    short_name   TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('dinas', 'badan', 'sekretariat', 'kecamatan', 'lainnya')),
    head_name    TEXT,
    head_title   TEXT,
    head_nip     TEXT,
    name_version TEXT NOT NULL,               -- last writer wins by (hlc, author)
    head_version TEXT
);

-- Sync by export files: the trust root, grants and revocations, pending events, peers.

-- Projection: a device row now says whether the trust root granted it (`granted_by`, the
-- grant's event id) or it only claimed its role on first start (NULL), and which event's
-- version key put the row there (claims: earliest stands; grants: latest stands).
ALTER TABLE devices ADD COLUMN granted_by TEXT;
ALTER TABLE devices ADD COLUMN version_key TEXT;

-- Projection: revocations by the trust root; a device's events after `last_valid_seq`
-- are refused on import and left out of the projections.
CREATE TABLE device_revocations (
    device_id      TEXT NOT NULL,             -- hex public key of the revoked device
    revoked_by     TEXT NOT NULL,             -- hex event id of the revocation
    last_valid_seq INTEGER NOT NULL CHECK (last_valid_seq >= 0),
    reason         TEXT NOT NULL,
    PRIMARY KEY (device_id, revoked_by)
);

-- Bookkeeping (not a projection): the regency's trust root pinned on this database.
-- The Regent's setup pins its own device; another laptop pins the root when it imports
-- the root's answer to its enrolment request.
CREATE TABLE sync_trust (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    root      TEXT NOT NULL,                  -- hex public key
    pinned_at TEXT NOT NULL
);

-- Bookkeeping: stored events whose prerequisite (the request a decision names...) has
-- not arrived yet. They are in the log and relayed; this table only reports them.
CREATE TABLE sync_pending (
    event_id  BLOB PRIMARY KEY NOT NULL,
    kind      TEXT NOT NULL,
    waits_for TEXT NOT NULL                   -- e.g. "negotiation <id>"
) WITHOUT ROWID;

-- Bookkeeping: the highest gapless sequence number of each author a peer said it holds
-- (the version vector in the header of the peer's last bundle): the per-peer watermark.
CREATE TABLE sync_peers (
    peer   TEXT NOT NULL,                     -- hex public key of the peer device
    author BLOB NOT NULL,
    seq    INTEGER NOT NULL,
    PRIMARY KEY (peer, author)
) WITHOUT ROWID;

-- Bookkeeping: the history of exchanges, one row per export or import.
CREATE TABLE sync_exchanges (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    direction   TEXT NOT NULL CHECK (direction IN ('export', 'import')),
    peer        TEXT,                          -- hex key of the other device, when known
    file_name   TEXT NOT NULL,
    events      INTEGER NOT NULL,
    new_events  INTEGER NOT NULL,
    known       INTEGER NOT NULL,
    pending     INTEGER NOT NULL
);

-- Bookkeeping: what a person must look at: equivocating authors, far-future clocks.
CREATE TABLE sync_alerts (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    kind   TEXT NOT NULL CHECK (kind IN ('equivocation', 'far_future')),
    author TEXT NOT NULL,
    seq    INTEGER NOT NULL,
    detail TEXT NOT NULL
);

-- The enrolment chain (claims, grants, revocations) is read on every import and rebuild:
-- a partial index keeps that a lookup, at no cost to the other events' inserts.
CREATE INDEX events_enrolment ON events (kind, author, seq)
    WHERE kind IN ('device.enrolled', 'device.granted', 'device.revoked');

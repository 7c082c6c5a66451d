-- Dialog kinerja: agencies' requests to change an indicator's target or deadline, the
-- leadership's decisions on them, and the meetings (rapim) where decisions are taken.
-- All projections of the event log.

-- `indicators.target` and `indicators.deadline` now hold the *effective* values (what
-- achievement is measured against); the issued values are kept beside them.
ALTER TABLE indicators ADD COLUMN original_target INTEGER;
ALTER TABLE indicators ADD COLUMN original_deadline TEXT;
UPDATE indicators SET original_target = target, original_deadline = deadline;

CREATE TABLE negotiations (
    id                  TEXT PRIMARY KEY NOT NULL,
    indicator_id        TEXT NOT NULL,
    instruction_id      TEXT NOT NULL,
    agency_code         TEXT NOT NULL,
    direction           TEXT NOT NULL CHECK (direction IN ('lower', 'raise')),
    proposed_target     INTEGER,                 -- ten-thousandths; null: deadline only
    proposed_deadline   TEXT,
    target_when_asked   INTEGER NOT NULL,
    deadline_when_asked TEXT NOT NULL,
    justification       TEXT NOT NULL,
    requested_on        TEXT NOT NULL,
    requested_by        TEXT NOT NULL,           -- author device
    request_version     TEXT NOT NULL,           -- version key of the request event
    withdrawn_version   TEXT,                    -- version key of the earliest withdrawal
    withdraw_reason     TEXT,
    -- Derived from the facts above and the decisions below, never set directly:
    status              TEXT NOT NULL CHECK (status IN ('pending', 'withdrawn', 'approved', 'rejected', 'countered')),
    decision_event      TEXT                     -- the standing decision, if any
);
CREATE INDEX negotiations_by_status ON negotiations (status, agency_code, request_version);
CREATE INDEX negotiations_by_indicator ON negotiations (indicator_id, request_version);
CREATE INDEX negotiations_by_agency ON negotiations (agency_code, request_version);

CREATE TABLE negotiation_evidence (
    negotiation_id TEXT NOT NULL,
    sha256         TEXT NOT NULL,
    file_name      TEXT NOT NULL,
    size_bytes     INTEGER NOT NULL,
    PRIMARY KEY (negotiation_id, sha256)
) WITHOUT ROWID;

-- Every decision ever signed, including those that lost a race (conflicts) and those
-- later undone: nothing is deleted, the standing one is derived.
CREATE TABLE negotiation_decisions (
    event_id         TEXT PRIMARY KEY NOT NULL,
    negotiation_id   TEXT NOT NULL,
    version_key      TEXT NOT NULL,
    hlc_wall         INTEGER NOT NULL,
    author           TEXT NOT NULL,
    outcome          TEXT NOT NULL CHECK (outcome IN ('approve', 'reject', 'counter')),
    counter_target   INTEGER,
    counter_deadline TEXT,
    note             TEXT NOT NULL,
    meeting_id       TEXT,
    decided_on       TEXT NOT NULL
);
CREATE INDEX decisions_by_negotiation ON negotiation_decisions (negotiation_id, version_key);
CREATE INDEX decisions_by_meeting ON negotiation_decisions (meeting_id, version_key);

-- An undo names the decision it takes back; kept apart so an undo that arrives before
-- its decision (by another sync path) still applies once the decision comes.
CREATE TABLE decision_undos (
    decision_event TEXT PRIMARY KEY NOT NULL,
    event_id       TEXT NOT NULL,
    version_key    TEXT NOT NULL,
    hlc_wall       INTEGER NOT NULL,
    author         TEXT NOT NULL,
    reason         TEXT NOT NULL,
    meeting_id     TEXT
) WITHOUT ROWID;

CREATE TABLE meetings (
    id              TEXT PRIMARY KEY NOT NULL,
    title           TEXT NOT NULL,
    held_on         TEXT NOT NULL,               -- YYYY-MM-DD (WIB)
    place           TEXT NOT NULL,
    chair           TEXT NOT NULL,
    opened_by       TEXT NOT NULL,
    opened_at_ms    INTEGER NOT NULL,
    closed_at_ms    INTEGER,
    content_version TEXT NOT NULL
);
CREATE INDEX meetings_by_date ON meetings (held_on, opened_at_ms);

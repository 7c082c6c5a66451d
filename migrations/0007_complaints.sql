-- SP4N-LAPOR! complaints: the complaint as imported or typed in, the Secretary's office's
-- dispositions, the agencies' follow-up, and per-month counts for the summaries. All
-- projections of the event log.

-- One row per LAPOR! tracking id. `due_on` is the deadline of the stage now running
-- (verification, or the agency's follow-up), in working days; NULL when no clock runs
-- (on hold, closed). Overdue is derived from it and today, never stored.
CREATE TABLE complaints (
    tracking_id       TEXT PRIMARY KEY NOT NULL,
    received_on       TEXT NOT NULL,
    channel           TEXT NOT NULL,
    classification    TEXT NOT NULL CHECK (classification IN ('pengaduan', 'aspirasi', 'permintaan_informasi')),
    category          TEXT NOT NULL,
    summary           TEXT NOT NULL,
    kecamatan_code    TEXT,
    desa              TEXT NOT NULL,
    field_check       INTEGER NOT NULL DEFAULT 0,
    status            TEXT NOT NULL CHECK (status IN ('unverified', 'disposed', 'in_progress', 'completed',
                                                      'on_hold', 'out_of_scope', 'archived')),
    agency_code       TEXT,
    disposed_on       TEXT,
    first_followup_on TEXT,
    completed_on      TEXT,
    closed_on         TEXT,
    clock_from        TEXT,             -- the day the running stage's clock started
    due_on            TEXT,
    followups         INTEGER NOT NULL DEFAULT 0,
    dispositions      INTEGER NOT NULL DEFAULT 0,
    -- Events of this laptop's workflow applied to it: while 0, a re-import may still
    -- set the stage LAPOR! shows.
    workflow_events   INTEGER NOT NULL DEFAULT 0,
    record_version    TEXT NOT NULL,
    recorded_at_ms    INTEGER NOT NULL,
    updated_at_ms     INTEGER NOT NULL
) WITHOUT ROWID;  -- stored in tracking-id order: one B-tree to find and write a row, not two
-- Staff read their agency's complaints, newest first; lists by date (and by kecamatan,
-- a twenty-third of them, found by walking dates) read the date index. No more
-- indexes: each one is another B-tree every imported row is written into.
CREATE INDEX complaints_by_agency ON complaints (agency_code, received_on);
CREATE INDEX complaints_by_received ON complaints (received_on);
-- Complaints whose clock runs: the overdue list and counts read only these, and the
-- counts read nothing but this index (it holds every column they group and filter by).
CREATE INDEX complaints_running ON complaints (due_on, agency_code, kecamatan_code, received_on)
    WHERE due_on IS NOT NULL;

-- Every workflow event on a complaint, applied or not (a transition the state machine
-- refuses, arriving late by sync, is kept with applied = 0). Dispositions here are the
-- re-disposition history: who sent it where, and why.
CREATE TABLE complaint_history (
    event_id     TEXT PRIMARY KEY NOT NULL,
    tracking_id  TEXT NOT NULL,
    action       TEXT NOT NULL,
    on_day       TEXT NOT NULL,
    from_agency  TEXT,
    to_agency    TEXT,
    note         TEXT NOT NULL,
    author       TEXT NOT NULL,
    recorded_ms  INTEGER NOT NULL,
    applied      INTEGER NOT NULL
);
CREATE INDEX complaint_history_by_complaint ON complaint_history (tracking_id, recorded_ms);
-- Re-dispositions are few among many history rows: the rapim counts them from here.
CREATE INDEX complaint_redispositions ON complaint_history (tracking_id) WHERE action = 'redispose' AND applied = 1;

-- The agencies' follow-up entries, closure included (`completion` = 1, with its proof).
CREATE TABLE complaint_followups (
    event_id     TEXT PRIMARY KEY NOT NULL,
    tracking_id  TEXT NOT NULL,
    agency_code  TEXT NOT NULL,
    followed_on  TEXT NOT NULL,
    action_taken TEXT NOT NULL,
    evidence     TEXT NOT NULL,  -- JSON: [{kind?, sha256, fileName, sizeBytes}]
    completion   INTEGER NOT NULL
);
CREATE INDEX complaint_followups_by_complaint ON complaint_followups (tracking_id, followed_on);

-- Per group and month received: counts kept by the projection as complaints change,
-- so summaries read a few thousand rows, never a million complaints. `dimension` is
-- 'agency' (disposed to) or 'kecamatan' (where it happened); code '' means none yet.
CREATE TABLE complaint_stats (
    dimension     TEXT NOT NULL CHECK (dimension IN ('agency', 'kecamatan')),
    code          TEXT NOT NULL,
    month         TEXT NOT NULL,        -- YYYY-MM
    received      INTEGER NOT NULL DEFAULT 0,
    disposed      INTEGER NOT NULL DEFAULT 0,
    followed_up   INTEGER NOT NULL DEFAULT 0,
    completed     INTEGER NOT NULL DEFAULT 0,
    closed        INTEGER NOT NULL DEFAULT 0,
    responded     INTEGER NOT NULL DEFAULT 0,
    response_days INTEGER NOT NULL DEFAULT 0,  -- sum of calendar days, disposition to first follow-up
    PRIMARY KEY (dimension, code, month)
) WITHOUT ROWID;

-- The column mapping last used for each import source: the next file from it is read the same way.
CREATE TABLE complaint_import_sources (
    source      TEXT PRIMARY KEY NOT NULL,
    mapping     TEXT NOT NULL,  -- JSON: [[header, column], ...]
    version_key TEXT NOT NULL
) WITHOUT ROWID;

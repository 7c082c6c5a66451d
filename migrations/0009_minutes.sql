-- Minutes (notulen) of leadership meetings: the identity block on `meetings`, and one
-- table per kind of row the secretary writes. All projections of the event log.

ALTER TABLE meetings ADD COLUMN number TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN start_time TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN end_time TEXT NOT NULL DEFAULT '';
-- Officials as JSON ({name, title, rank, nip}); the chair's name stays in `chair`.
ALTER TABLE meetings ADD COLUMN chair_json TEXT;
ALTER TABLE meetings ADD COLUMN secretary_json TEXT;
ALTER TABLE meetings ADD COLUMN notulis_json TEXT;
ALTER TABLE meetings ADD COLUMN details_version TEXT;
-- Set once by `meeting.minutes_finalized` (the earliest stands): the frozen document.
ALTER TABLE meetings ADD COLUMN finalized_on TEXT;
ALTER TABLE meetings ADD COLUMN finalized_key TEXT;
ALTER TABLE meetings ADD COLUMN document_json TEXT;

CREATE TABLE meeting_attendees (
    meeting_id  TEXT NOT NULL,
    attendee_id TEXT NOT NULL,
    agency_code TEXT,
    name        TEXT NOT NULL,
    position    TEXT NOT NULL,
    presence    TEXT NOT NULL CHECK (presence IN ('present', 'represented', 'absent')),
    removed     INTEGER NOT NULL,
    created_key TEXT NOT NULL,                  -- first version key: the list's order
    version_key TEXT NOT NULL,
    PRIMARY KEY (meeting_id, attendee_id)
) WITHOUT ROWID;

CREATE TABLE meeting_agenda (
    meeting_id  TEXT NOT NULL,
    item_id     TEXT NOT NULL,
    position    INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    fiscal_year INTEGER,
    removed     INTEGER NOT NULL,
    version_key TEXT NOT NULL,
    PRIMARY KEY (meeting_id, item_id)
) WITHOUT ROWID;

CREATE TABLE meeting_notes (
    meeting_id  TEXT NOT NULL,
    item_id     TEXT NOT NULL,
    text        TEXT NOT NULL,
    version_key TEXT NOT NULL,
    PRIMARY KEY (meeting_id, item_id)
) WITHOUT ROWID;

CREATE TABLE meeting_decisions (
    meeting_id  TEXT NOT NULL,
    decision_id TEXT NOT NULL,
    item_id     TEXT,
    text        TEXT NOT NULL,
    link_kind   TEXT,                           -- 'negotiation' | 'instruction'
    link_id     TEXT,
    removed     INTEGER NOT NULL,
    created_key TEXT NOT NULL,
    version_key TEXT NOT NULL,
    PRIMARY KEY (meeting_id, decision_id)
) WITHOUT ROWID;

CREATE TABLE meeting_follow_ups (
    meeting_id     TEXT NOT NULL,
    follow_up_id   TEXT NOT NULL,
    item_id        TEXT,
    action         TEXT NOT NULL,
    agency_code    TEXT NOT NULL,
    deadline       TEXT NOT NULL,
    instruction_id TEXT,
    removed        INTEGER NOT NULL,
    created_key    TEXT NOT NULL,
    version_key    TEXT NOT NULL,
    PRIMARY KEY (meeting_id, follow_up_id)
) WITHOUT ROWID;

CREATE TABLE meeting_addenda (
    meeting_id  TEXT NOT NULL,
    addendum_id TEXT NOT NULL,
    text        TEXT NOT NULL,
    added_on    TEXT NOT NULL,
    author      TEXT NOT NULL,
    version_key TEXT NOT NULL,
    PRIMARY KEY (meeting_id, addendum_id)
) WITHOUT ROWID;

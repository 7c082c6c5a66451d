-- IKP instructions, their agencies and indicators, progress reports with evidence, and
-- each instruction's timeline. All projections of the event log.

CREATE TABLE instructions (
    id                   TEXT PRIMARY KEY NOT NULL,
    number               TEXT,                    -- null while a draft
    number_year          INTEGER,
    number_seq           INTEGER,
    title                TEXT NOT NULL,
    category             TEXT NOT NULL,
    background           TEXT NOT NULL,
    body                 TEXT NOT NULL,
    lead_agency          TEXT NOT NULL,
    status               TEXT NOT NULL,
    deadline             TEXT NOT NULL,           -- YYYY-MM-DD (WIB calendar day)
    issued_on            TEXT,
    closed_on            TEXT,
    achievement_permille INTEGER NOT NULL DEFAULT 0,
    search_text          TEXT NOT NULL,           -- lower-cased number, title and text
    content_version      TEXT NOT NULL            -- last writer wins for title/text/deadline
);
-- Covers what lists, the dashboard and the scorecard read of active instructions, so
-- they never touch the wide rows (background, text) of ten years of history.
CREATE INDEX instructions_by_status
    ON instructions (status, deadline, id, lead_agency, issued_on, achievement_permille, number, category, title);
CREATE INDEX instructions_by_deadline ON instructions (deadline);
CREATE INDEX instructions_by_category ON instructions (category, status);
-- Not unique: two leadership laptops issuing offline may pick the same number; sync
-- reports that as a conflict instead of failing the projection.
CREATE INDEX instructions_by_number ON instructions (number_year, number_seq);

CREATE TABLE instruction_agencies (
    instruction_id TEXT NOT NULL,
    agency_code    TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('lead', 'support')),
    PRIMARY KEY (instruction_id, agency_code)
) WITHOUT ROWID;
CREATE INDEX instruction_agencies_by_agency ON instruction_agencies (agency_code, instruction_id);

CREATE TABLE indicators (
    id                   TEXT PRIMARY KEY NOT NULL,
    instruction_id       TEXT NOT NULL,
    agency_code          TEXT NOT NULL,
    position             INTEGER NOT NULL,
    name                 TEXT NOT NULL,
    unit                 TEXT NOT NULL,
    baseline             INTEGER NOT NULL,        -- ten-thousandths (exact decimal)
    target               INTEGER NOT NULL,
    direction            TEXT NOT NULL CHECK (direction IN ('higher_is_better', 'lower_is_better')),
    deadline             TEXT NOT NULL,
    latest_value         INTEGER,
    latest_key           TEXT,                    -- reported_on + version key of the latest report
    last_reported_on     TEXT,
    achievement_permille INTEGER NOT NULL DEFAULT 0,
    achievement_note     TEXT NOT NULL DEFAULT 'no_report'
);
CREATE INDEX indicators_by_instruction
    ON indicators (instruction_id, position, agency_code, achievement_permille, last_reported_on);
CREATE INDEX indicators_by_agency ON indicators (agency_code, last_reported_on);

CREATE TABLE progress_reports (
    id             TEXT PRIMARY KEY NOT NULL,
    indicator_id   TEXT NOT NULL,
    instruction_id TEXT NOT NULL,
    agency_code    TEXT NOT NULL,
    value          INTEGER NOT NULL,
    reported_on    TEXT NOT NULL,
    note           TEXT NOT NULL,
    author         TEXT NOT NULL,
    event_id       TEXT NOT NULL
);
CREATE INDEX progress_by_indicator ON progress_reports (indicator_id, reported_on);

CREATE TABLE progress_evidence (
    progress_id TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    size_bytes  INTEGER NOT NULL,
    PRIMARY KEY (progress_id, sha256)
) WITHOUT ROWID;

CREATE TABLE instruction_timeline (
    event_id       TEXT PRIMARY KEY NOT NULL,
    instruction_id TEXT NOT NULL,
    hlc_wall       INTEGER NOT NULL,
    hlc_counter    INTEGER NOT NULL,
    author         TEXT NOT NULL,
    action         TEXT NOT NULL,
    detail         TEXT NOT NULL
);
CREATE INDEX timeline_by_instruction ON instruction_timeline (instruction_id, hlc_wall, hlc_counter);

-- The requests a meeting's dialog-kinerja agenda item puts before the chair (issue 16,
-- item 4): a JSON array of request ids the notulis ticked, or NULL for every request
-- waiting for a decision (what agendas meant before, and the default).
ALTER TABLE meeting_agenda ADD COLUMN requests TEXT;

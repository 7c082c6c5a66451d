-- LAPOR!'s own status of each complaint, as the newest imported export that carried a
-- status said it (issue 18, item 4): the status KemenPANRB and the Ombudsman read,
-- kept beside the local workflow's status rather than over it, so nothing local is lost
-- and a disagreement stays visible. (The projection applies events in clock order —
-- an import that arrives late rebuilds — so the newest file's status is the one kept.)
ALTER TABLE complaints ADD COLUMN lapor_status TEXT;

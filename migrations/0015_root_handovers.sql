-- Handovers of the trust root: the Regent's laptop names its successor's key (a new
-- Regent, a Pj. or Plt.). A projection of `root.handed_over` events.
CREATE TABLE root_handovers (
    predecessor TEXT NOT NULL,               -- hex key of the root that handed over
    seq         INTEGER NOT NULL,            -- its number of the handover event
    successor   TEXT NOT NULL,               -- hex key of the new root
    handed_at   TEXT NOT NULL,               -- UTC, RFC 3339
    reason      TEXT NOT NULL,
    PRIMARY KEY (predecessor, seq)
) WITHOUT ROWID;

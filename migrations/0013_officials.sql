-- The regency's leadership as master data: every appointment to a post (Bupati, Pj. or
-- Plt. Bupati, Wakil Bupati, Sekda, Asisten I-III), kept with the day it took effect.
-- A projection of `official.appointed` events.
CREATE TABLE officials (
    post        TEXT NOT NULL,
    since       TEXT NOT NULL,               -- YYYY-MM-DD
    designation TEXT NOT NULL,
    name        TEXT NOT NULL,
    nip         TEXT NOT NULL,
    rank        TEXT NOT NULL,
    version_key TEXT NOT NULL,               -- last writer wins per post and day
    PRIMARY KEY (post, since)
) WITHOUT ROWID;

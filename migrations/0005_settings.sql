-- Regency settings the leadership edits (the category list, the instruction number
-- format), and the bookkeeping that tells when projections need a rebuild.

-- One row per setting, value as JSON; last writer wins on the version key. A projection.
CREATE TABLE settings (
    key         TEXT PRIMARY KEY NOT NULL,
    value       TEXT NOT NULL,
    version_key TEXT NOT NULL
) WITHOUT ROWID;

-- Every category code ever named, with its latest label: an instruction keeps its code
-- when a category is removed, and the screens can still show what it was called.
CREATE TABLE category_labels (
    code        TEXT PRIMARY KEY NOT NULL,
    label       TEXT NOT NULL,
    version_key TEXT NOT NULL
) WITHOUT ROWID;

-- Not a projection: the format version of the projection tables, compared with the
-- build's `projection::PROJECTION_VERSION` at open. No row means "before versioning".
CREATE TABLE projection_meta (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);

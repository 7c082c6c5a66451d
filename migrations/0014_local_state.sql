-- What this laptop knows of itself and no other laptop needs: not a projection of the
-- log, never emptied by a rebuild. First use: a trust root key restored from a backup
-- onto a new laptop, which must not sign anything before it holds its own history
-- (its next number would repeat one it already used on the lost laptop).
CREATE TABLE local_state (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

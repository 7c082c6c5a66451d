-- The roles of a real Setda: besides the Regent, the Secretary and agency staff, the
-- Vice Regent, the Secretary's assistants, the Secretariat's operator, BPKD (finance)
-- and the SP4N-LAPOR! admin. SQLite cannot change a CHECK constraint in place, so the
-- projection table is made again with the same rows (it holds nothing the log does not).
CREATE TABLE devices_with_roles (
    device_id   TEXT PRIMARY KEY NOT NULL,   -- hex public key
    role        TEXT NOT NULL CHECK (role IN ('regent', 'secretary', 'vice_regent', 'assistant', 'operator',
                                              'finance', 'complaint_desk', 'agency_staff')),
    agency_code TEXT,
    user_name   TEXT NOT NULL,
    enrolled_by TEXT NOT NULL,                -- hex event id
    granted_by  TEXT,
    version_key TEXT
);

INSERT INTO devices_with_roles (device_id, role, agency_code, user_name, enrolled_by, granted_by, version_key)
    SELECT device_id, role, agency_code, user_name, enrolled_by, granted_by, version_key FROM devices;

DROP TABLE devices;

ALTER TABLE devices_with_roles RENAME TO devices;

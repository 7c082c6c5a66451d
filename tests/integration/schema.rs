use ikp_core::desk::{DB_FILE, KEY_FILE};
use ikp_core::store::{supported_version, Store};
use ikp_core::{CoreError, Desk};

#[test]
fn a_database_from_a_newer_app_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DB_FILE);
    let newer = supported_version() + 1;
    {
        let store = Store::open(&db).unwrap();
        store
            .conn()
            .execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, 'from_the_future', 'x')",
                [newer],
            )
            .unwrap();
    }
    let bytes_before = std::fs::read(&db).unwrap();

    let refused = Desk::open(dir.path()).err().expect("a newer schema must be refused");

    assert_eq!(refused, CoreError::DatabaseTooNew { found: newer, supported: supported_version() });
    assert!(refused.to_string().contains("update the app"), "{refused}");
    assert_eq!(std::fs::read(&db).unwrap(), bytes_before, "the file is byte-for-byte unchanged");
    assert!(!dir.path().join(KEY_FILE).exists(), "no device key is made for a refused database");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_with_a_storage_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DB_FILE);
    std::fs::write(&db, b"%PDF-1.7 this is not a database").unwrap();
    let refused = Desk::open(dir.path()).err().expect("refused");
    assert!(matches!(refused, CoreError::Storage { .. }), "{refused:?}");
    assert_eq!(std::fs::read(&db).unwrap(), b"%PDF-1.7 this is not a database");
}

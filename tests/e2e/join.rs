//! A new laptop joins a regency it knows nothing of: with no agency list it types its
//! agency in words; the Regent's laptop sees that, grants DP3A staff instead, and its
//! answer carries the regency's master data, so the new laptop opens on the real
//! regency — its name, kop and agencies — with no demo data anywhere.

use std::path::Path;
use std::sync::Arc;

use ikp_core::agency::ops::AgencyInput;
use ikp_core::agency::AgencyKind;
use ikp_core::clock::SystemClock;
use ikp_core::letterhead::LetterheadSet;
use ikp_core::principal::Role;
use ikp_core::{Desk, SetupInput};
use ikp_tests::app_session::{scenario, AppSession};

use crate::sync::kept;

const ADDRESS: &str = "Jl. Deltamas Boulevard, Desa Sukamahi, Cikarang Pusat 17530";

/// The Regent's laptop of a regency set up without demo data.
fn prepare_root(dir: &Path) -> ikp_core::identity::DeviceId {
    let mut regent = Desk::open_profile(dir, Some("bupati"), Arc::new(SystemClock)).unwrap();
    regent.setup_device(SetupInput { role: Role::Regent, agency_code: None, user_name: "Bupati".into() }).unwrap();
    let kop = LetterheadSet { address: ADDRESS.into(), signature_city: "Cikarang".into(), ..Default::default() };
    regent.settings().set_regency_identity("Pemerintah Kabupaten Bekasi", kop).unwrap();
    for (code, name) in [("DP3A", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak"), ("DINKES", "Dinas Kesehatan")]
    {
        regent
            .agencies()
            .add(AgencyInput {
                code: code.into(),
                name: name.into(),
                short_name: code.into(),
                kind: AgencyKind::Dinas,
                sipd_code: String::new(),
                head: None,
            })
            .unwrap();
    }
    regent.device_id()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_empty_laptop_joins_and_opens_on_the_real_regency() {
    scenario(joining_from_nothing()).await;
}

async fn joining_from_nothing() {
    let scratch = tempfile::tempdir().unwrap();
    let (root_dir, new_dir) = (scratch.path().join("bupati"), scratch.path().join("dp3a"));
    let root_id = prepare_root(&root_dir);

    // 1. The empty laptop: no agency list, so the agency is typed in words.
    let laptop = AppSession::start_in(&new_dir, "dp3a").await;
    laptop.click("[data-testid='role-agency_staff']").await;
    laptop.fill("[data-testid='setup-agency-typed']", "Dinas Pemberdayaan Perempuan").await;
    laptop.fill("[data-testid='setup-name']", "Rahmawati").await;
    laptop.screenshot("join-01-empty-laptop-types-its-agency").await;
    laptop.click("[data-testid='setup-submit']").await;
    laptop.click("[data-testid='nav-sync']").await;
    laptop.click("[data-testid='sync-save-request']").await;
    laptop.wait_for_css("[data-testid='sync-request-saved']").await;
    let request = kept(&laptop, "permintaan-pendaftaran", scratch.path());
    laptop.close().await;

    // 2. The root sees the words, chooses DP3A, approves and saves the answer.
    let root = AppSession::start_in_with_file(&root_dir, "bupati", Some(&request)).await;
    root.click("[data-testid='nav-sync']").await;
    root.click("[data-testid='sync-open-request']").await;
    let claimed = root.text_of("[data-testid='grant-claimed-agency']").await;
    assert!(claimed.contains("Dinas Pemberdayaan Perempuan"), "{claimed:?}");
    // The words are not an agency of the root's list: nothing is chosen for it, and an
    // approval without a choice is refused by name (before, the words were sent unseen).
    let chosen = root.wait_for_css("[data-testid='grant-agency']").await.prop("value").await.unwrap();
    assert_eq!(chosen.as_deref(), Some(""), "no agency is preselected for words");
    root.click("[data-testid='sync-approve']").await;
    let refusal = root.text_of("[data-testid='error']").await;
    assert_eq!(refusal, "Perangkat daerah wajib dipilih.");
    assert_eq!(root.count("[data-testid='sync-approved']").await, 0, "nothing was approved");
    root.set_value("[data-testid='grant-agency']", "DP3A").await;
    root.screenshot("join-02-root-chooses-the-agency").await;
    root.click("[data-testid='sync-approve']").await;
    let approved = root.text_of("[data-testid='sync-approved']").await;
    assert!(approved.contains("Rahmawati") && approved.contains("DP3A"), "{approved:?}");
    let answer = kept(&root, "jawaban-pendaftaran", scratch.path());

    // The root also keeps its key safe: sealed under a passphrase, saved to a file.
    const PASSPHRASE: &str = "lambang kabupaten bekasi";
    root.fill("[data-testid='root-backup-passphrase']", PASSPHRASE).await;
    root.fill("[data-testid='root-backup-repeat']", PASSPHRASE).await;
    root.click("[data-testid='root-backup-save']").await;
    root.wait_for_css("[data-testid='root-backup-saved']").await;
    let backup = std::fs::read(kept(&root, "cadangan-kunci-akar", scratch.path())).unwrap();
    assert_eq!(ikp_core::root_key::open(&backup, PASSPHRASE).unwrap().id(), root_id, "the backup holds the root's key");

    // A new Regent: the root hands over to the successor's key; a malformed key is named.
    let successor = ikp_core::identity::DeviceKey::from_secret([42; 32]).id();
    root.fill("[data-testid='hand-over-successor']", "bukan-kunci").await;
    root.click("[data-testid='hand-over-understood']").await;
    root.click("[data-testid='hand-over-submit']").await;
    root.wait_for_text("[data-testid='hand-over-form'] .field-error", |text| text.starts_with("Kunci perangkat")).await;
    root.fill("[data-testid='hand-over-successor']", &successor.to_hex()).await;
    root.fill("[data-testid='hand-over-reason']", "Pelantikan Bupati baru").await;
    root.click("[data-testid='hand-over-submit']").await;
    let now = root.text_of("[data-testid='sync-current-root']").await;
    assert!(now.contains(&ikp_core::sync::trust::fingerprint(successor)), "{now:?}");
    assert_eq!(root.count("[data-testid='hand-over-form']").await, 0, "this laptop is the root no more");
    root.screenshot("join-02b-root-handed-over").await;
    root.close().await;

    // 3. The new laptop imports the answer and opens on the real regency.
    let laptop = AppSession::start_in_with_file(&new_dir, "dp3a", Some(&answer)).await;
    laptop.click("[data-testid='nav-sync']").await;
    laptop.click("[data-testid='sync-import']").await;
    laptop.click("[data-testid='root-confirm-same']").await;
    laptop.wait_for_css("[data-testid='sync-enrolment'][data-standing='granted']").await;
    laptop.wait_for_text("[data-testid='frame-regency']", |text| text == "Pemerintah Kabupaten Bekasi").await;
    let user = laptop.wait_for_text("[data-testid='current-user']", |text| text.contains("DP3A")).await;
    assert!(user.contains("Rahmawati"), "{user:?}");
    laptop.click("[data-testid='nav-agencies']").await;
    laptop.wait_for_css("[data-testid='agency-row'][data-code='DINKES']").await;
    assert_eq!(laptop.count("[data-testid='agency-row']").await, 2);
    assert_eq!(laptop.count("[data-testid='agency-admin']").await, 0, "agency staff keep no master data");
    laptop.click("[data-testid='nav-settings']").await;
    let address = laptop.wait_for_css("[data-testid='regency-address']").await;
    let mut value = String::new();
    for _ in 0..50 {
        value = address.prop("value").await.unwrap().unwrap_or_default();
        if !value.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(value, ADDRESS, "the kop arrived with the answer");
    laptop.screenshot("join-03-opens-on-the-real-regency").await;
    laptop.close().await;
}

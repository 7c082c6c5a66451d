//! The SIPD realisasi import in the real app (issue 18, item 1): BPKD's SP2D list in
//! SIPD's column names, kode SKPD for agencies, a date header nobody recognises; the
//! mapping screen asks for it, the preview counts LS and GU/TU nihil only (the advances
//! shown apart), and DP3A's page splits what was realized by jenis belanja. SIPD's next
//! list corrects one line: the preview shows it before and after, and it replaces.

use std::path::Path;
use std::sync::Arc;

use chrono::Datelike;
use ikp_core::clock::SystemClock;
use ikp_core::principal::Role;
use ikp_core::{Desk, SetupInput};
use ikp_tests::app_session::{scenario, AppSession};

const DP3A_SKPD: &str = "2.08.2.14.0.00.01.0000";

/// The Secretary's profile, the demo, and DP3A's kode SKPD from SIPD's agency list.
fn prepare(data_dir: &Path) {
    let mut sekda = Desk::open_profile(data_dir, Some("sekda"), Arc::new(SystemClock)).unwrap();
    sekda
        .setup_device(SetupInput { role: Role::Secretary, agency_code: None, user_name: "Drs. Dedy Supriyadi".into() })
        .unwrap();
    sekda.demo().load().unwrap();
    let name = sekda.agencies().get("DP3A").unwrap().name;
    let list = format!("Kode;Kode SKPD;Nama SKPD\nDP3A;{DP3A_SKPD};{name}\n");
    sekda.agencies().import("skpd.csv", list.as_bytes(), &[]).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn bpkd_imports_an_sipd_sp2d_list_through_the_mapping_and_sees_the_jenis_split() {
    scenario(an_sipd_sp2d_list()).await;
}

async fn an_sipd_sp2d_list() {
    let scratch = tempfile::tempdir().unwrap();
    let data_dir = scratch.path().join("data");
    prepare(&data_dir);
    let year = ikp_tests::today_wib().year();
    let file = scratch.path().join("sp2d-sipd.csv");
    let rows = [
        ("0001/LS", "LS Gaji", "5.1.01.01.01.0001", "100.000.000"),
        ("0002/UP", "UP", "5.1.02.01.01.0024", "200.000.000"),
        ("0003/GU", "GU Nihil", "5.1.02.01.01.0026", "30.000.000"),
        ("0004/LS", "LS", "5.2.02.05.01.0001", "70.000.000"),
    ];
    let mut csv =
        String::from("No;Kode SKPD;Nama SKPD;Nomor SP2D;Tgl. Cair;Jenis SP2D;Kode Rekening;Uraian;Nilai SP2D\n");
    for (index, (number, kind, account, amount)) in rows.iter().enumerate() {
        csv.push_str(&format!(
            "{};{DP3A_SKPD};Dinas P3A;{number}/SP2D/{year};{year}-01-0{};{kind};{account};Belanja;{amount}\n",
            index + 1,
            index + 2
        ));
    }
    std::fs::write(&file, &csv).unwrap();
    // SIPD's next list corrects the belanja modal SP2D from 70 to 75 million.
    let corrected = scratch.path().join("sp2d-sipd-koreksi.csv");
    std::fs::write(
        &corrected,
        csv.replace("5.2.02.05.01.0001;Belanja;70.000.000", "5.2.02.05.01.0001;Belanja;75.000.000"),
    )
    .unwrap();
    let app = AppSession::start_in(&data_dir, "sekda").await;

    app.click("[data-testid='nav-budget']").await;
    app.wait_for_css("[data-testid='import-source']").await;
    app.wait_for_css("[data-testid='import-file']").await.send_keys(&file.display().to_string()).await.unwrap();
    // "Tgl. Cair" is SIPD's header nobody recognises: the mapping asks for the date.
    let missing = app.text_of("[data-testid='import-missing']").await;
    assert!(missing.contains("Tanggal"), "{missing:?}");
    assert_eq!(app.count("[data-testid='import-commit']").await, 0, "no import while a column is missing");
    app.set_value("[data-testid='import-columns-Tgl. Cair']", "date").await;
    let counted = app.wait_for_text("[data-testid='import-counted']", |text| text.contains("Rp200.000.000")).await;
    assert!(counted.contains("Rp200.000.000,00") || counted.contains("Rp200.000.000"), "{counted:?}");
    assert!(counted.contains("UP/GU/TU Rp200.000.000"), "the advance is shown apart: {counted:?}");
    let by_jenis = app.text_of("[data-testid='import-by-jenis']").await;
    assert!(by_jenis.contains("Belanja modal: Rp70.000.000"), "{by_jenis:?}");
    app.scroll_to("[data-testid='import-preview']").await;
    app.screenshot("budget-sipd-mapping").await;

    app.click("[data-testid='import-commit']").await;
    app.wait_for_css("[data-testid='import-done']").await;

    // The corrected list: the mapping is remembered, and the one corrected line is shown
    // before and after; importing it replaces the amount instead of adding to it.
    app.wait_for_css("[data-testid='import-file']").await.send_keys(&corrected.display().to_string()).await.unwrap();
    let notice = app.text_of("[data-testid='import-corrected']").await;
    assert!(notice.starts_with("1 baris mengoreksi"), "{notice:?}");
    let correction = app.text_of("[data-testid='import-corrections'] tbody tr").await;
    assert!(correction.contains("Rp70.000.000") && correction.contains("Rp75.000.000"), "{correction:?}");
    app.scroll_to("[data-testid='import-corrected']").await;
    app.screenshot("budget-sipd-correction").await;
    app.click("[data-testid='import-commit']").await;
    app.wait_for_text("[data-testid='import-done']", |text| text.contains("1 entri baru")).await;

    // DP3A's page: what was realized, split by jenis belanja; the advance apart.
    app.set_value("[data-testid='budget-scope']", "DP3A").await;
    let modal = app.text_of("[data-testid='agency-jenis-modal']").await;
    assert!(modal.starts_with("Belanja modal") && modal.contains("Rp75"), "corrected, not added: {modal:?}");
    let pegawai = app.text_of("[data-testid='agency-jenis-pegawai']").await;
    assert!(pegawai.contains("Rp100"), "{pegawai:?}");
    let advances = app.text_of("[data-testid='agency-advances']").await;
    assert!(advances.contains("Rp200.000.000"), "{advances:?}");
    app.scroll_to("[data-testid='agency-jenis']").await;
    app.screenshot("budget-sipd-jenis-split").await;
    app.close().await;
}

//! Rapat in the real app: the Secretary creates a meeting, pulls the pending requests
//! into the agenda, decides two of them in meeting mode opened from the meeting, notes
//! the discussion (autosaved), adds a follow-up, finalizes, and exports the notulen as
//! DOCX and PDF through the save path's test seam; both files are found and read.

use std::path::Path;
use std::sync::Arc;

use fantoccini::key::Key;
use ikp_core::clock::SystemClock;
use ikp_core::principal::Role;
use ikp_core::sync::export::ExportScope;
use ikp_core::{Desk, SetupInput};
use ikp_tests::app_session::{scenario, AppSession};

const NOTE: &str = "Pimpinan meminta BPBD menyiapkan posko siaga sebelum puncak musim hujan.";
const ACTION: &str = "Menyiapkan posko siaga banjir di kecamatan rawan";

pub(crate) fn prepare(data_dir: &Path) {
    let mut secretary = Desk::open_profile(data_dir, Some("sekda"), Arc::new(SystemClock)).unwrap();
    secretary
        .setup_device(SetupInput { role: Role::Secretary, agency_code: None, user_name: "Rina Marlina".into() })
        .unwrap();
    secretary.demo().load().unwrap();
    // Enrolled by the Regent's laptop, as a real Secretariat's is: a file for the agencies
    // is signed under the regency's trust root.
    let mut regent = Desk::open_profile(&data_dir.with_file_name("bupati"), None, Arc::new(SystemClock)).unwrap();
    regent.setup_device(SetupInput { role: Role::Regent, agency_code: None, user_name: "Bupati".into() }).unwrap();
    regent.sync().approve_enrolment(&secretary.sync().enrolment_request().unwrap(), None).unwrap();
    let (answer, _) = regent.sync().export_bundle(&ExportScope::Everything).unwrap();
    let root = regent.sync().trust_root().unwrap().expect("the Regent's laptop is the root");
    secretary.sync().import_bundle("jawaban.ikp", &answer, Some(&root)).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn secretary_writes_finalizes_and_exports_the_minutes() {
    scenario(a_rapim_written_up()).await;
}

async fn a_rapim_written_up() {
    let scratch = tempfile::tempdir().unwrap();
    let data_dir = scratch.path().join("data");
    prepare(&data_dir);
    let app = AppSession::start_in(&data_dir, "sekda").await;

    // 0. The letterhead logo is set in Settings: a file that is not a PNG is refused by
    // name, a PNG is shown and will head the notulen.
    let not_png = scratch.path().join("lambang.png");
    std::fs::write(&not_png, b"GIF89a not a png").unwrap();
    let png = scratch.path().join("lambang-kabupaten.png");
    std::fs::write(&png, include_bytes!("../../crates/ikp-core/src/demo/logo-demo.png")).unwrap();
    app.click("[data-testid='nav-settings']").await;
    app.wait_for_css("[data-testid='logo-preview']").await;
    let logo_file = "[data-testid='logo-file']";
    app.wait_for_css(logo_file).await.send_keys(&not_png.display().to_string()).await.unwrap();
    app.wait_for_text("[data-testid='error']", |text| text.starts_with("Logo")).await;
    app.wait_for_css(logo_file).await.send_keys(&png.display().to_string()).await.unwrap();
    app.wait_for_text("[data-testid='logo-card']", |text| text.contains("lambang-kabupaten.png")).await;

    // 1. A new meeting (the demo's past and upcoming ones are listed).
    app.click("[data-testid='nav-meetings']").await;
    app.wait_for_css("[data-testid='minutes-list'] [data-testid='minutes-meeting']").await;
    app.click("[data-testid='minutes-new']").await;
    app.fill("[data-testid='minutes-title']", "Rapat Pimpinan Uji").await;
    app.fill("[data-testid='minutes-place']", "Ruang Rapat Bupati, Cikarang Pusat").await;
    app.fill("[data-testid='notulis-name']", "Dedi Kurniawan, S.IP.").await;
    app.click("[data-testid='minutes-create']").await;
    app.wait_for_text("[data-testid='minutes-name']", |text| text == "Rapat Pimpinan Uji").await;

    // 2. The agenda builder pulls the pending requests in; an attendee is added.
    app.click("[data-testid='agenda-add-negotiations']").await;
    app.wait_for_css("[data-testid='agenda-item'][data-kind='negotiations']").await;
    // The button says the item is there and cannot pull it in twice.
    let pulled = app.wait_for_css("[data-testid='agenda-add-negotiations'][data-present='true']").await;
    assert!(!pulled.is_enabled().await.unwrap(), "a live item is on an agenda once");
    // Every waiting request is ticked by default; one is left for another meeting.
    app.click("[data-testid='agenda-requests-summary']").await;
    let waiting = app.count("[data-testid='agenda-request']").await;
    assert!(waiting >= 3, "the demo's requests wait: {waiting}");
    app.click("[data-testid='agenda-request']").await;
    let chosen = format!("Permohonan yang dibahas: {} dari {waiting} yang menunggu", waiting - 1);
    app.wait_for_text("[data-testid='agenda-requests-summary']", |text| text == chosen).await;
    app.screenshot("59-minutes-agenda-requests").await;
    app.click("[data-testid='agenda-add-complaints']").await;
    let complaints = "[data-testid='agenda-item'][data-kind='complaint_follow_ups'] .facts li";
    app.wait_for_text(complaints, |text| {
        text.starts_with("Pengaduan SP4N-LAPOR! Januari s.d.") && text.contains(" diterima,")
    })
    .await;
    // A mistaken item is removed again (its own event; the history keeps it).
    app.fill("[data-testid='agenda-free-title']", "Salah ketik").await;
    app.click("[data-testid='agenda-add-free']").await;
    app.wait_for_css("[data-testid='agenda-item'][data-kind='free']").await;
    app.click("[data-testid='agenda-item'][data-kind='free'] [data-testid='agenda-remove']").await;
    app.wait_until_gone("[data-testid='agenda-item'][data-kind='free']").await;
    // Choosing an agency fills its head in from the master data.
    app.set_value("[data-testid='attendee-agency']", "BPBD").await;
    assert_eq!(app.value_of("[data-testid='attendee-name']").await, "Ir. Bambang Hermawan, M.T.");
    assert_eq!(app.value_of("[data-testid='attendee-position']").await, "Kepala Pelaksana BPBD");
    app.click("[data-testid='attendee-add']").await;
    app.wait_for_text("[data-testid='minutes-attendee']", |text| text.starts_with("Ir. Bambang Hermawan, M.T.")).await;
    assert_eq!(app.value_of("[data-testid='attendee-agency']").await, "", "the form is ready for the next one");
    // The heads of the agencies whose requests wait, in one action; BPBD is not doubled.
    app.click("[data-testid='attendee-agenda-heads']").await;
    app.wait_for_text("[data-testid='minutes-attendee']:nth-child(2)", |text| !text.is_empty()).await;
    let bpbd_lines = app.count("[data-testid='minutes-attendee'][data-agency='BPBD']").await;
    assert_eq!(bpbd_lines, 1, "an agency already listed keeps its one line");

    // 3. Meeting mode from the meeting: reject one request, approve the next.
    app.click("[data-testid='minutes-open-meeting-mode']").await;
    app.wait_for_css("[data-testid='meeting-mode']").await;
    // The sitting takes the ticked requests only.
    app.wait_for_css(&format!("body[data-queue-ready='{}']", waiting - 1)).await;
    app.press(Key::Escape).await;
    app.type_keys("r").await;
    app.wait_for_css("[data-testid='sitting-decision'][data-outcome='reject']").await;
    app.type_keys("a").await;
    app.wait_for_css("[data-testid='sitting-decision'][data-outcome='approve']").await;
    assert_eq!(app.count("[data-testid='error']").await, 0, "no error shown in meeting mode");
    app.screenshot("60-minutes-meeting-mode").await;
    app.click("[data-testid='minutes-leave-meeting-mode']").await;
    app.wait_for_css("[data-testid='minutes-decision-row']").await;
    assert_eq!(app.count("[data-testid='minutes-decision-row']").await, 2);

    // 4. A note (autosaved) and a follow-up.
    app.click("[data-testid='agenda-note']").await;
    app.type_keys(NOTE).await;
    app.wait_for_css("[data-testid='note-state'][data-state='saved']").await;
    app.fill("[data-testid='follow-up-action']", ACTION).await;
    app.set_value("[data-testid='follow-up-agency']", "BPBD").await;
    // The deadline is the one proposed (a month after the meeting): no date to type.
    app.click("[data-testid='follow-up-add']").await;
    app.wait_for_text("[data-testid='minutes-follow-up']", |text| text.starts_with(ACTION)).await;

    // 5. Finalize: the page locks; only addenda remain.
    app.click("[data-testid='minutes-finalize']").await;
    app.click("[data-testid='minutes-finalize-confirm']").await;
    app.wait_for_css("[data-testid='minutes-frozen']").await;
    assert_eq!(app.count("[data-testid='follow-up-form']").await, 0, "no editing after finalize");
    assert!(app.wait_for_css("[data-testid='agenda-note']").await.attr("disabled").await.unwrap().is_some());
    assert_eq!(app.count("[data-testid='error']").await, 0, "no error shown along the way");
    app.screenshot("61-minutes-final").await;

    // "Salin ringkasan": the decisions as a WhatsApp message, on the clipboard.
    app.click("[data-testid='minutes-copy-summary']").await;
    app.wait_for_css("[data-testid='minutes-copy-summary-done']").await;
    let message = app.clipboard();
    assert!(message.starts_with("*Keputusan Rapat Pimpinan Uji*\n"), "{message}");
    assert!(message.contains("\n1. ") && message.contains("\n2. "), "both decisions numbered: {message}");
    assert!(message.contains("*Ditolak*") && message.contains("*Disetujui"), "outcomes in bold: {message}");
    assert!(message.contains(&format!("• BPBD: {ACTION}")), "the follow-up: {message}");

    // 6. Export both formats through the save path; find and check the files.
    app.click("[data-testid='minutes-export-docx']").await;
    app.wait_for_text("[data-testid='minutes-exported']", |text| text.contains(".docx")).await;
    app.click("[data-testid='minutes-export-pdf']").await;
    app.wait_for_text("[data-testid='minutes-exported']:last-of-type", |text| text.contains(".pdf")).await;
    // The decisions for the agencies, in a file named for what it holds.
    app.click("[data-testid='minutes-send-decisions']").await;
    let sent = app.text_of("[data-testid='minutes-decisions-sent']").await;
    assert!(sent.contains("keputusan-rapim-") && sent.contains(".ikp"), "{sent:?}");
    let files: Vec<_> = std::fs::read_dir(app.export_dir()).unwrap().map(|entry| entry.unwrap().path()).collect();
    let decisions = files.iter().find(|path| path.extension().is_some_and(|e| e == "ikp")).expect("a bundle was saved");
    assert!(decisions.file_name().unwrap().to_string_lossy().starts_with("keputusan-rapim-"));
    assert!(std::fs::read(decisions).unwrap().starts_with(b"IKPDESK\x1a"), "an IKP Desk bundle");
    let docx = files.iter().find(|path| path.extension().is_some_and(|e| e == "docx")).expect("a DOCX was saved");
    let pdf = files.iter().find(|path| path.extension().is_some_and(|e| e == "pdf")).expect("a PDF was saved");
    assert!(std::fs::read(docx).unwrap().starts_with(b"PK\x03\x04"));
    let pdf_bytes = std::fs::read(pdf).unwrap();
    assert!(pdf_bytes.starts_with(b"%PDF"));
    let images = std::process::Command::new("pdfimages").arg("-list").arg(pdf).output().expect("pdfimages runs");
    assert!(String::from_utf8_lossy(&images.stdout).lines().count() > 2, "the letterhead logo is in the PDF");
    let output = std::process::Command::new("pdftotext").arg(pdf).arg("-").output().expect("pdftotext runs");
    let text = String::from_utf8_lossy(&output.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "NOTULEN RAPAT",
        "Rapat Pimpinan Uji",
        "Ir. Bambang Hermawan, M.T.",
        "Ditolak",
        "Disetujui",
        // Decided by the chair, recorded by the Sekda at the laptop.
        "Dicatat oleh Rina Marlina",
        "Tindak lanjut pengaduan",
        ACTION,
    ] {
        assert!(text.contains(expected), "the exported PDF lacks {expected:?}: {text}");
    }
    app.screenshot("62-minutes-exported").await;
    println!("notulis' actions in the minutes scenario: {}", app.actions());
    app.close().await;
}

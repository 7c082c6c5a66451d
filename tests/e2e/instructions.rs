//! One IKP from issue to verification, by two people sharing one database: the Regent
//! issues an instruction with the keyboard only, DP3A's staff report progress with an
//! evidence file and report completion, and the Regent verifies it from the dashboard.

use std::path::Path;

use chrono::Months;
use fantoccini::key::Key;
use ikp_tests::app_session::{scenario, AppSession};
use rusqlite::{Connection, OptionalExtension};

/// Unique among the demo data, which has its own child-violence instruction for DP3A.
const TITLE: &str = "Pendampingan korban kekerasan anak di Desa Sukadanau";
const EVIDENCE_NAME: &str = "bukti-pendampingan-sukadanau.txt";
const EVIDENCE_BYTES: &[u8] = b"Berita acara pendampingan korban, Desa Sukadanau, Kecamatan Cikarang Barat.\n";
/// A category the Regent adds in Settings, and the code the core makes for it.
const NEW_CATEGORY: &str = "Perlindungan anak dan perempuan";
const NEW_CATEGORY_CODE: &str = "perlindungan_anak_dan_perempuan";
const NUMBER_TEMPLATE: &str = "{urut:3}/IKP-BKS/{bulan_romawi}/{tahun}";

fn open_read_only(data_dir: &Path) -> Connection {
    Connection::open_with_flags(data_dir.join("ikp.db"), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

/// The kinds of the events that mention `instruction_id`, in clock order, with their authors.
fn events_of(data_dir: &Path, instruction_id: &str) -> Vec<(String, String)> {
    let conn = open_read_only(data_dir);
    let mut statement = conn
        .prepare(
            "SELECT kind, hex(author) FROM events WHERE instr(CAST(body AS TEXT), ?1) > 0
             ORDER BY hlc_wall, hlc_counter",
        )
        .unwrap();
    let rows = statement.query_map([instruction_id], |row| Ok((row.get(0)?, row.get(1)?))).unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

fn count_events(data_dir: &Path) -> u32 {
    open_read_only(data_dir).query_row("SELECT count(*) FROM events", [], |row| row.get(0)).unwrap()
}

/// "29 Desember 2026": what the UI shows for a day.
fn indonesian_date(day: chrono::NaiveDate) -> String {
    const MONTHS: &str = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember";
    use chrono::Datelike;
    let month = MONTHS.split(' ').nth(day.month0() as usize).unwrap_or_default();
    format!("{} {month} {}", day.day(), day.year())
}

fn number(text: &str) -> u32 {
    text.trim().parse().unwrap_or_else(|_| panic!("not a count: {text:?}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn regent_issues_by_keyboard_agency_reports_with_evidence_and_regent_verifies() {
    scenario(an_instruction_from_issue_to_verification()).await;
}

async fn an_instruction_from_issue_to_verification() {
    let scratch = tempfile::tempdir().unwrap();
    let data_dir = scratch.path().join("data");
    let evidence_path = scratch.path().join(EVIDENCE_NAME);
    std::fs::write(&evidence_path, EVIDENCE_BYTES).unwrap();
    let today_wib = ikp_tests::today_wib();
    let default_deadline = indonesian_date(today_wib.checked_add_months(Months::new(1)).unwrap());

    // 1. The Regent sets up the laptop, loads the demo data and issues an IKP by keyboard.
    let app = AppSession::start_in(&data_dir, "bupati").await;
    app.click("[data-testid='role-regent']").await;
    app.wait_for_css("[data-testid='setup-name']").await.send_keys("H. Ahmad Suryana").await.unwrap();
    app.click("[data-testid='setup-submit']").await;
    app.click("[data-testid='load-demo']").await;
    app.wait_for_text("[data-testid='stat-active-value']", |text| text.parse::<u32>().is_ok_and(|n| n > 0)).await;
    let awaiting_before = number(&app.text_of("[data-testid='stat-awaiting-value']").await);
    app.screenshot("10-regent-dashboard").await;

    // The Regent adds a category and sets the regency's number format in Settings, by keyboard.
    app.click("[data-testid='nav-settings']").await;
    app.wait_for_css("[data-testid='category-row']").await;
    let before = app.count("[data-testid='category-row']").await;
    app.click("[data-testid='category-add']").await;
    app.expect_focus("category-label").await;
    app.type_keys(NEW_CATEGORY).await;
    app.click("[data-testid='categories-save']").await;
    app.wait_for_css("[data-testid='categories-saved']").await;
    app.wait_for_css(&format!("[data-testid='category-row'][data-code='{NEW_CATEGORY_CODE}']")).await;
    assert_eq!(app.count("[data-testid='category-row']").await, before + 1);
    let template = app.wait_for_css("[data-testid='number-template']").await;
    template.click().await.unwrap();
    app.chord(Key::Control, 'a').await;
    app.type_keys("{urut:3}/IKP-BKS/{bulan_romawi}/{thn}").await;
    let error = app.text_of("[data-testid='number-format-form'] [data-testid='field-error']").await;
    assert_eq!(error, "{thn} bukan penanda yang dikenal. Gunakan penanda dari daftar di bawah.");
    for _ in 0.."{thn}".len() {
        app.press(Key::Backspace).await;
    }
    app.type_keys("{tahun}").await;
    let preview = app
        .wait_for_text("[data-testid='number-preview']", |text| {
            text.contains("/IKP-BKS/") && text.ends_with(&today_wib.format("/%Y").to_string())
        })
        .await;
    let parts: Vec<&str> = preview.split('/').collect();
    assert!(
        parts.len() == 4
            && parts[0].len() == 3
            && parts[0].chars().all(|c| c.is_ascii_digit())
            && parts[1] == "IKP-BKS"
            && parts[2].chars().all(|c| "IVX".contains(c)),
        "the preview follows the template: {preview:?}"
    );
    app.click("[data-testid='number-save']").await;
    app.wait_for_css("[data-testid='number-saved']").await;
    assert_eq!(template.prop("value").await.unwrap().as_deref(), Some(NUMBER_TEMPLATE));
    app.screenshot("10b-settings-categories-number").await;

    app.click("[data-testid='nav-instructions']").await;
    app.wait_for_css("[data-testid='instruction-row']").await;
    let hint = app.text_of("[data-testid='new-instruction-shortcut']").await;
    assert!(hint.contains('N'), "the list says how to open the form by keyboard: {hint:?}");
    app.screenshot("11-instruction-list").await;

    // The accelerator opens the form with the cursor in the title; Tab walks the form.
    app.type_keys("n").await;
    app.wait_for_css("[data-testid='instruction-form']").await;
    app.expect_focus("issue-title").await;
    // Submitting too early: the core refuses, the form says why in Indonesian under the
    // field and puts the cursor back there; nothing is written.
    let events_before = count_events(&data_dir);
    app.chord(Key::Control, Key::Enter).await;
    let error = app.text_of("[data-field-error='title']").await;
    assert_eq!(error, "Judul instruksi wajib diisi.");
    app.expect_focus("issue-title").await;
    app.screenshot("12a-issue-form-title-error").await;
    let deadline_reads = app.text_of("[data-testid='issue-deadline-reads']").await;
    assert!(deadline_reads.contains(&default_deadline), "the default deadline is shown: {deadline_reads:?}");
    app.type_keys(TITLE).await;
    app.press(Key::Tab).await;
    app.expect_focus("issue-category").await;
    app.type_keys("Perlindungan").await;
    app.press(Key::Tab).await;
    app.expect_focus("issue-background").await;
    app.type_keys("Laporan warga tentang kekerasan terhadap seorang anak di Desa Sukadanau.").await;
    app.press(Key::Tab).await;
    app.expect_focus("issue-text").await;
    app.type_keys("DP3A mendampingi korban dan keluarganya sampai tuntas.").await;
    app.press(Key::Tab).await;
    app.expect_focus("issue-lead").await;
    app.type_keys("DP3A").await;
    app.press(Key::Tab).await;
    app.expect_focus("issue-support").await;
    // "Tambah" is disabled until an agency is chosen, so Tab goes on to the deadline,
    // which keeps its default; the date field may hold the focus for its day, month and year.
    app.press(Key::Tab).await;
    app.expect_focus("issue-deadline").await;
    for _ in 0..4 {
        if app.focused_testid().await != "issue-deadline" {
            break;
        }
        app.press(Key::Tab).await;
    }
    app.expect_focus("indicator-0-agency").await;
    app.press(Key::Tab).await;
    app.expect_focus("indicator-0-name").await;
    app.type_keys("Korban yang mendapat pendampingan psikologis").await;
    app.press(Key::Tab).await;
    app.expect_focus("indicator-0-unit").await;
    app.type_keys("orang").await;
    app.press(Key::Tab).await;
    app.expect_focus("indicator-0-baseline").await;
    app.type_keys("0").await;
    app.press(Key::Tab).await;
    app.expect_focus("indicator-0-target").await;
    app.type_keys("sepuluh").await;
    app.chord(Key::Control, Key::Enter).await;
    let error = app.text_of("[data-field-error='indicators.0.target']").await;
    assert_eq!(error, "Target indikator 1 harus berupa angka, misalnya 12 atau 12,5.");
    app.expect_focus("indicator-0-target").await;
    app.screenshot("12b-issue-form-target-error").await;
    assert_eq!(count_events(&data_dir), events_before, "a refused instruction writes nothing");
    app.chord(Key::Control, 'a').await;
    app.type_keys("10").await;
    for (field, expected) in [
        ("issue-category", NEW_CATEGORY_CODE),
        ("issue-lead", "DP3A"),
        ("indicator-0-agency", "DP3A"),
        ("indicator-0-direction", "higher_is_better"),
    ] {
        let element = app.wait_for_css(&format!("[data-testid='{field}']")).await;
        let value = element.prop("value").await.unwrap().unwrap_or_default();
        assert_eq!(value, expected, "{field} chosen by typing");
    }
    app.screenshot("12-issue-form-keyboard").await;
    app.chord(Key::Control, Key::Enter).await;

    app.wait_for_css("[data-testid='instruction-detail'][data-status='issued']").await;
    let detail = app.wait_for_css("[data-testid='instruction-detail']").await;
    let instruction_id = detail.attr("data-id").await.unwrap().expect("the detail names its instruction");
    let issued_number = app.text_of("[data-testid='detail-number']").await;
    assert_eq!(issued_number, preview, "numbered in the configured format, as the preview said");
    let notice = app.text_of("[data-testid='notice']").await;
    assert!(notice.contains(&issued_number) && notice.contains("diterbitkan"), "{notice:?}");
    assert_eq!(app.text_of("[data-testid='detail-title']").await, TITLE);
    // "Salin ringkasan": the instruction as a WhatsApp message on the clipboard.
    app.click("[data-testid='detail-copy-summary']").await;
    app.wait_for_css("[data-testid='detail-copy-summary-done']").await;
    let message = app.clipboard();
    assert!(message.starts_with(&format!("*Instruksi Khusus Pimpinan {issued_number}*\n*{TITLE}*\n")), "{message}");
    assert_eq!(app.text_of("[data-testid='detail-category']").await, NEW_CATEGORY);
    assert_eq!(app.text_of("[data-testid='detail-status']").await, "Diterbitkan");
    assert_eq!(app.text_of("[data-testid='detail-deadline']").await, default_deadline);
    let days_left = app.text_of("[data-testid='detail-days-left']").await;
    assert!(days_left.ends_with("hari lagi"), "{days_left:?}");
    assert_eq!(app.text_of("[data-testid='detail-achievement']").await, "0,0%");
    assert_eq!(app.text_of("[data-testid='indicator-note']").await, "Belum ada laporan, dihitung 0%.");
    app.screenshot("13-issued-detail").await;
    app.close().await;
    let kinds: Vec<String> = events_of(&data_dir, &instruction_id).into_iter().map(|(kind, _)| kind).collect();
    assert_eq!(kinds, ["instruction.drafted", "instruction.issued"]);

    // 2. DP3A's staff, on the same laptop and database, report progress and completion.
    let app = AppSession::start_in(&data_dir, "dp3a").await;
    app.click("[data-testid='role-agency_staff']").await;
    app.click("[data-testid='setup-agency'] option[value='DP3A']").await;
    app.wait_for_css("[data-testid='setup-name']").await.send_keys("Rahmawati").await.unwrap();
    app.click("[data-testid='setup-submit']").await;
    let row =
        format!("//*[@data-testid='my-instructions']//button[@data-testid='instruction-row'][contains(., '{TITLE}')]");
    app.wait_for_xpath(&row).await;
    app.screenshot("14-agency-dashboard").await;
    app.wait_for_xpath(&row).await.click().await.unwrap();
    app.wait_for_css("[data-testid='instruction-detail'][data-status='issued']").await;
    assert_eq!(app.count("[data-testid='action-verify']").await, 0, "staff cannot verify");
    app.click("[data-testid='action-progress']").await;
    app.wait_for_css("[data-testid='progress-form']").await;
    app.expect_focus("progress-value").await;
    app.type_keys("4,5").await;
    app.wait_for_css("[data-testid='progress-note']")
        .await
        .send_keys("Empat korban didampingi psikolog.")
        .await
        .unwrap();
    let files = app.wait_for_css("[data-testid='progress-files']").await;
    files.send_keys(&evidence_path.display().to_string()).await.unwrap();
    app.wait_for_text("[data-testid='progress-chosen']", |text| text.contains(EVIDENCE_NAME)).await;
    app.screenshot("15-progress-form").await;
    app.click("[data-testid='progress-submit']").await;

    app.wait_for_css("[data-testid='instruction-detail'][data-status='in_progress']").await;
    app.wait_for_text("[data-testid='notice']", |text| text.contains("Laporan capaian tersimpan")).await;
    assert_eq!(app.text_of("[data-testid='detail-status']").await, "Sedang dikerjakan");
    assert_eq!(app.text_of("[data-testid='indicator-latest']").await, "4,5 orang");
    assert_eq!(app.text_of("[data-testid='indicator-achievement']").await, "45,0%");
    assert_eq!(app.text_of("[data-testid='detail-achievement']").await, "45,0%");
    assert_eq!(app.text_of("[data-testid='indicator-note']").await, "Sebagian jalan dari nilai awal menuju target.");
    let evidence = app.text_of("[data-testid='evidence-file']").await;
    assert!(evidence.contains(EVIDENCE_NAME), "the evidence file is listed: {evidence:?}");
    app.screenshot("16-progress-reported").await;

    app.click("[data-testid='action-complete']").await;
    app.wait_for_css("[data-testid='complete-text']").await.send_keys("Semua korban sudah didampingi.").await.unwrap();
    app.click("[data-testid='complete-submit']").await;
    app.wait_for_css("[data-testid='instruction-detail'][data-status='reported_complete']").await;
    assert_eq!(app.text_of("[data-testid='detail-status']").await, "Dilaporkan selesai");
    app.wait_for_css("[data-testid='awaiting-banner']").await;
    app.screenshot("17-reported-complete").await;
    app.close().await;

    // The evidence went into the content-addressed store, byte for byte.
    let (sha256, file_name, size): (String, String, u32) = open_read_only(&data_dir)
        .query_row(
            "SELECT e.sha256, e.file_name, e.size_bytes FROM progress_evidence e
             JOIN progress_reports p ON p.id = e.progress_id WHERE p.instruction_id = ?1",
            [&instruction_id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()
        .unwrap()
        .expect("one evidence file on the progress report");
    assert_eq!((file_name.as_str(), size as usize), (EVIDENCE_NAME, EVIDENCE_BYTES.len()));
    assert_eq!(std::fs::read(data_dir.join("evidence").join(&sha256[..2]).join(&sha256)).unwrap(), EVIDENCE_BYTES);

    // 3. The Regent again: the dashboard shows it awaiting verification; verify it.
    let app = AppSession::start_in(&data_dir, "bupati").await;
    app.wait_for_text("[data-testid='stat-awaiting-value']", |text| text == (awaiting_before + 1).to_string()).await;
    let row =
        format!("//*[@data-testid='awaiting-list']//button[@data-testid='instruction-row'][contains(., '{TITLE}')]");
    let awaiting = app.wait_for_xpath(&row).await;
    assert_eq!(awaiting.attr("data-status").await.unwrap().as_deref(), Some("reported_complete"));
    app.scroll_to("[data-testid='awaiting-list']").await;
    app.screenshot("18-regent-dashboard-awaiting").await;
    awaiting.click().await.unwrap();
    app.wait_for_css("[data-testid='instruction-detail'][data-status='reported_complete']").await;
    let back = app.text_of("[data-testid='detail-back']").await;
    assert!(back.contains("Dasbor"), "back leads to the dashboard: {back:?}");
    app.click("[data-testid='action-verify']").await;
    app.wait_for_css("[data-testid='verify-text']").await.send_keys("Hasil pendampingan diterima.").await.unwrap();
    app.click("[data-testid='verify-submit']").await;

    app.wait_for_css("[data-testid='instruction-detail'][data-status='verified']").await;
    assert_eq!(app.text_of("[data-testid='detail-status']").await, "Terverifikasi");
    assert_eq!(app.text_of("[data-testid='detail-standing']").await, "Selesai");
    assert_eq!(app.text_of("[data-testid='detail-number']").await, issued_number);
    app.wait_for_text("[data-testid='notice']", |text| text.contains("diverifikasi")).await;
    assert_eq!(app.count("[data-testid='action-verify']").await, 0, "nothing left to verify");
    let timeline = app.text_of("[data-testid='timeline']").await;
    for step in ["Draf disusun", "Diterbitkan", "Capaian dilaporkan", "Dilaporkan selesai", "Diverifikasi"] {
        assert!(timeline.contains(step), "the history lists {step:?}: {timeline:?}");
    }
    assert!(timeline.contains("Rahmawati (DP3A)"), "the history names who reported: {timeline:?}");
    assert!(timeline.contains("4,5 orang — Empat korban"), "values read the Indonesian way: {timeline:?}");
    assert!(timeline.contains("WIB"), "{timeline:?}");
    assert_eq!(app.count("[data-testid='timeline-entry']").await, 5);
    app.screenshot("19-verified").await;
    app.scroll_to("[data-testid='timeline']").await;
    app.screenshot("20-verified-timeline").await;

    // The scorecard counts what the core holds: DP3A's instructions still active.
    let dp3a_active: u32 = open_read_only(&data_dir)
        .query_row(
            "SELECT count(*) FROM instructions i JOIN instruction_agencies a ON a.instruction_id = i.id
             WHERE a.agency_code = 'DP3A' AND i.status IN ('issued', 'in_progress', 'reported_complete')",
            [],
            |row| row.get(0),
        )
        .unwrap();
    app.click("[data-testid='nav-scorecard']").await;
    let dp3a = "[data-testid='scorecard-row'][data-code='DP3A'] [data-testid='score-active']";
    if dp3a_active > 0 {
        assert_eq!(number(&app.text_of(dp3a).await), dp3a_active);
    }
    app.wait_for_css("[data-testid='silent-days']").await;
    app.screenshot("21-scorecard").await;

    // The same screens in English, the second language.
    app.click("[data-testid='lang-toggle']").await;
    app.wait_for_text("[data-testid='page-title']", |text| text == "Agency Scorecard").await;
    app.screenshot("22-scorecard-en").await;
    app.click("[data-testid='nav-instructions']").await;
    let row = format!("//button[@data-testid='instruction-row'][contains(., '{TITLE}')]");
    app.wait_for_xpath(&row).await.click().await.unwrap();
    app.wait_for_text("[data-testid='detail-status']", |text| text == "Verified").await;
    assert_eq!(app.text_of("[data-testid='detail-standing']").await, "Done");
    app.screenshot("23-verified-en").await;
    app.close().await;

    // Every step is a signed event in ikp.db, by the person who took it.
    let events = events_of(&data_dir, &instruction_id);
    let kinds: Vec<&str> = events.iter().map(|(kind, _)| kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "instruction.drafted",
            "instruction.issued",
            "progress.reported",
            "instruction.completion_reported",
            "instruction.verified"
        ]
    );
    let regent = &events[0].1;
    let staff = &events[2].1;
    assert_ne!(regent, staff, "two profiles, two signing keys");
    assert_eq!(&events[3].1, staff);
    assert_eq!(&events[4].1, regent);
    let status: String = open_read_only(&data_dir)
        .query_row("SELECT status FROM instructions WHERE id = ?1", [&instruction_id], |row| row.get(0))
        .unwrap();
    assert_eq!(status, "verified");
}

#[tokio::test(flavor = "multi_thread")]
async fn secretary_saves_a_draft_with_two_agencies_issues_it_finds_it_and_cancels_it() {
    scenario(a_draft_issued_and_cancelled()).await;
}

async fn a_draft_issued_and_cancelled() {
    const DRAFT_TITLE: &str = "Penyediaan air bersih darurat di Desa Sukamurni";
    let scratch = tempfile::tempdir().unwrap();
    let data_dir = scratch.path().join("data");
    let app = AppSession::start_in(&data_dir, "sekda").await;
    app.click("[data-testid='role-secretary']").await;
    app.wait_for_css("[data-testid='setup-name']").await.send_keys("Dr. Hj. Rina Marlina, M.Si.").await.unwrap();
    app.click("[data-testid='setup-submit']").await;
    app.click("[data-testid='load-demo']").await;
    app.wait_for_text("[data-testid='stat-active-value']", |text| text.parse::<u32>().is_ok()).await;

    // The form with the mouse this time, with a supporting agency and two indicators.
    app.click("[data-testid='nav-instructions']").await;
    app.click("[data-testid='new-instruction']").await;
    let field = |testid: &'static str| format!("[data-testid='{testid}']");
    app.wait_for_css(&field("issue-title")).await.send_keys(DRAFT_TITLE).await.unwrap();
    app.click("[data-testid='issue-category'] option[value='kekeringan']").await;
    app.wait_for_css(&field("issue-text")).await.send_keys("BPBD menyalurkan air bersih setiap hari.").await.unwrap();
    app.click("[data-testid='issue-lead'] option[value='BPBD']").await;
    app.click("[data-testid='issue-support'] option[value='SDABMBK']").await;
    app.click("[data-testid='issue-support-add']").await;
    app.wait_for_css("[data-testid='issue-support-list'] [data-code='SDABMBK']").await;
    app.wait_for_css(&field("indicator-0-name")).await.send_keys("Keluarga yang menerima air bersih").await.unwrap();
    app.wait_for_css(&field("indicator-0-unit")).await.send_keys("KK").await.unwrap();
    app.wait_for_css(&field("indicator-0-baseline")).await.send_keys("0").await.unwrap();
    app.wait_for_css(&field("indicator-0-target")).await.send_keys("1.250").await.unwrap();
    app.click("[data-testid='add-indicator']").await;
    app.click("[data-testid='indicator-1-agency'] option[value='SDABMBK']").await;
    app.wait_for_css(&field("indicator-1-name")).await.send_keys("Waktu perbaikan sumur bor").await.unwrap();
    app.wait_for_css(&field("indicator-1-unit")).await.send_keys("hari").await.unwrap();
    app.wait_for_css(&field("indicator-1-baseline")).await.send_keys("14,5").await.unwrap();
    app.click("[data-testid='indicator-1-direction'] option[value='lower_is_better']").await;
    let target = app.wait_for_css(&field("indicator-1-target")).await;
    target.send_keys("20").await.unwrap();

    // A target on the wrong side of the baseline is refused and explained under it.
    let events_before = count_events(&data_dir);
    app.chord(Key::Control, 's').await;
    let error = app.text_of("[data-field-error='indicators.1.target']").await;
    assert!(error.starts_with("Target indikator 2 tidak boleh di atas nilai awal (14,5)"), "{error:?}");
    app.expect_focus("indicator-1-target").await;
    assert_eq!(count_events(&data_dir), events_before);
    app.screenshot("30-draft-wrong-direction").await;
    target.clear().await.unwrap();
    target.send_keys("3").await.unwrap();
    app.click("[data-testid='issue-draft']").await;

    app.wait_for_css("[data-testid='instruction-detail'][data-status='draft']").await;
    let instruction_id =
        app.wait_for_css("[data-testid='instruction-detail']").await.attr("data-id").await.unwrap().unwrap();
    app.wait_for_text("[data-testid='notice']", |text| text.contains("Draf tersimpan")).await;
    assert_eq!(app.text_of("[data-testid='detail-number']").await, "Draf");
    assert_eq!(app.text_of("[data-testid='detail-status']").await, "Draf");
    assert_eq!(app.count("[data-testid='indicator-row']").await, 2);
    assert_eq!(app.count("[data-testid='assigned-agency']").await, 2);
    let second = app.text_of("[data-testid='indicator-row'][data-agency='SDABMBK']").await;
    assert!(second.contains("14,5 → 3 hari") && second.contains("Semakin rendah semakin baik"), "{second:?}");
    let first = app.text_of("[data-testid='indicator-row'][data-agency='BPBD']").await;
    assert!(first.contains("0 → 1.250 KK"), "thousands read the Indonesian way: {first:?}");
    app.screenshot("31-draft-detail").await;

    // The draft is edited in the full form and saved again as a draft.
    app.click("[data-testid='action-edit-draft']").await;
    app.wait_for_css("[data-testid='instruction-form']").await;
    app.expect_focus("issue-title").await;
    app.type_keys(" (tahap 1)").await;
    app.chord(Key::Control, 's').await;
    app.wait_for_text("[data-testid='notice']", |text| text.contains("Perubahan draf")).await;
    assert_eq!(app.text_of("[data-testid='detail-title']").await, format!("{DRAFT_TITLE} (tahap 1)"));
    assert_eq!(app.count("[data-testid='indicator-row']").await, 2, "the indicators came through the edit");
    assert_eq!(app.count("[data-testid='timeline-entry'][data-action='drafted']").await, 2);

    app.click("[data-testid='action-issue']").await;
    app.click("[data-testid='issue-submit']").await;
    app.wait_for_css("[data-testid='instruction-detail'][data-status='issued']").await;
    let number = app.text_of("[data-testid='detail-number']").await;
    assert!(number.starts_with("IKP/"), "{number:?}");
    app.wait_for_text("[data-testid='notice']", |text| text.contains(&number)).await;

    // Amending an issued instruction needs a reason.
    app.click("[data-testid='action-amend']").await;
    app.expect_focus("amend-title").await;
    app.chord(Key::Control, 'a').await;
    app.type_keys(DRAFT_TITLE).await;
    app.chord(Key::Control, Key::Enter).await;
    assert_eq!(app.text_of("[data-testid='amend-panel'] [data-testid='field-error']").await, "Alasan wajib diisi.");
    app.wait_for_css("[data-testid='amend-reason']").await.send_keys("Berlaku untuk semua tahap.").await.unwrap();
    app.screenshot("31b-amend-panel").await;
    app.chord(Key::Control, Key::Enter).await;
    app.wait_for_text("[data-testid='notice']", |text| text.contains("Perubahan instruksi")).await;
    assert_eq!(app.text_of("[data-testid='detail-title']").await, DRAFT_TITLE);
    let timeline = app.text_of("[data-testid='timeline']").await;
    assert!(timeline.contains("Diubah: judul. Alasan: Berlaku untuk semua tahap."), "{timeline:?}");

    // Found again through the list's filters and search.
    app.click("[data-testid='detail-back']").await;
    app.wait_for_css("[data-testid='instruction-list-page']").await;
    app.click("[data-testid='filter-category'] option[value='kekeringan']").await;
    let row = format!("//button[@data-testid='instruction-row'][contains(., '{DRAFT_TITLE}')]");
    app.wait_for_xpath(&row).await;
    app.wait_for_css("[data-testid='instruction-search']").await.send_keys("Sukamurni").await.unwrap();
    app.wait_for_text("[data-testid='instruction-count']", |text| text == "1 instruksi").await;
    app.click("[data-testid='filter-overdue']").await;
    app.wait_for_text("[data-testid='instruction-count']", |text| text == "0 instruksi").await;
    app.click("[data-testid='filter-reset']").await;
    let shown = app.wait_for_text("[data-testid='instruction-count']", |text| text != "0 instruksi").await;
    let rows = app.count("[data-testid='instruction-row']").await;
    assert_eq!(shown, format!("{rows} instruksi"));
    assert!(rows >= 2, "every instruction again, demo ones included: {rows}");
    assert_eq!(app.count("[data-testid='filter-reset']").await, 0, "nothing left to clear");
    app.wait_for_xpath(&row).await.click().await.unwrap();

    // Cancelling needs a reason.
    app.click("[data-testid='action-cancel']").await;
    app.click("[data-testid='cancel-submit']").await;
    assert_eq!(app.text_of("[data-testid='cancel-panel'] [data-testid='field-error']").await, "Alasan wajib diisi.");
    app.wait_for_css("[data-testid='cancel-text']")
        .await
        .send_keys("Sumur warga sudah berfungsi kembali.")
        .await
        .unwrap();
    app.screenshot("32-cancel-panel").await;
    app.click("[data-testid='cancel-submit']").await;
    app.wait_for_css("[data-testid='instruction-detail'][data-status='cancelled']").await;
    assert_eq!(app.text_of("[data-testid='detail-status']").await, "Dibatalkan");
    assert_eq!(app.count("[data-testid='detail-standing']").await, 0, "no standing for a cancelled instruction");
    assert_eq!(app.count("[data-testid='actions']").await, 0, "nothing more to do on a cancelled instruction");
    let timeline = app.text_of("[data-testid='timeline']").await;
    assert!(
        timeline.contains("Dibatalkan") && timeline.contains("Sumur warga sudah berfungsi kembali."),
        "{timeline:?}"
    );
    app.screenshot("33-cancelled").await;
    app.close().await;

    let kinds: Vec<String> = events_of(&data_dir, &instruction_id).into_iter().map(|(kind, _)| kind).collect();
    assert_eq!(
        kinds,
        [
            "instruction.drafted",
            "instruction.drafted",
            "instruction.issued",
            "instruction.amended",
            "instruction.cancelled"
        ]
    );
}

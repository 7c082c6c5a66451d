//! Day one of a real regency, without demo data: the Regent's laptop becomes the trust
//! root and the Setda sets it up — the regency's name and kop surat, its logo, two
//! officials, three agencies by form and twenty from SIPD's list (a bad row refused by
//! row, then fixed) — issues an instruction to one of them, holds a rapim and exports its
//! notulen, which carry the real kop, officials and signature city. A screenshot of each
//! setup step is kept.

use fantoccini::key::Key;
use ikp_tests::app_session::{scenario, AppSession};
use rusqlite::{Connection, OpenFlags};

fn count(data_dir: &std::path::Path, sql: &str) -> u32 {
    let conn = Connection::open_with_flags(data_dir.join("ikp.db"), OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row(sql, [], |row| row.get(0)).unwrap()
}

/// SIPD's SKPD list; `bad_row` gets a NIP of 7 digits.
fn sipd_list(bad_row: Option<usize>) -> String {
    let mut csv = String::from("kode_skpd,nama_skpd,singkatan,kepala,nip\n");
    for n in 1..=20 {
        let nip = if bad_row == Some(n) { "1970010".to_owned() } else { format!("1971020219950310{n:02}") };
        csv.push_str(&format!("3.01.0.00.0.00.{n:02}.0000,Kecamatan Uji {n},Kec. Uji {n},Camat Uji {n},{nip}\n"));
    }
    csv
}

#[tokio::test(flavor = "multi_thread")]
async fn a_regency_is_set_up_from_nothing_and_holds_its_first_rapim() {
    scenario(day_one()).await;
}

async fn day_one() {
    let scratch = tempfile::tempdir().unwrap();
    let (bad, good) = (scratch.path().join("skpd-salah.csv"), scratch.path().join("skpd.csv"));
    std::fs::write(&bad, sipd_list(Some(3))).unwrap();
    std::fs::write(&good, sipd_list(None)).unwrap();
    let logo = scratch.path().join("logo-kabupaten.png");
    std::fs::write(&logo, include_bytes!("../../crates/ikp-core/src/demo/logo-demo.png")).unwrap();

    // The Regent's laptop, set up without demo data.
    let app = AppSession::start().await;
    app.wait_for_css("[data-testid='setup-page']").await;
    app.click("[data-testid='role-regent']").await;
    app.fill("[data-testid='setup-name']", "H. Ade Kuswara Kunang, S.H.").await;
    app.screenshot("day1-01-who-uses-this-laptop").await;
    app.click("[data-testid='setup-submit']").await;
    app.wait_for_css("[data-testid='setup-checklist']").await;
    assert_eq!(app.count("[data-testid='setup-checklist'] li[data-done='true']").await, 1, "only the holidays ship");
    app.screenshot("day1-02-checklist").await;

    // Step 1: the regency's name and kop surat.
    app.click("[data-testid='setup-open-profile']").await;
    app.fill("[data-testid='regency-regencyName']", "Pemerintah Kabupaten Bekasi").await;
    app.fill("[data-testid='regency-address']", "Jl. Deltamas Boulevard, Desa Sukamahi, Cikarang Pusat 17530").await;
    app.fill("[data-testid='regency-telephone']", "(021) 89970011").await;
    app.fill("[data-testid='regency-website']", "bekasikab.go.id").await;
    app.click("[data-testid='regency-save']").await;
    let error = app.text_of("[data-testid='regency-signatureCity-error']").await;
    assert!(error.starts_with("Kota penandatanganan"), "{error:?}");
    assert_eq!(count(&app.data_dir, "SELECT count(*) FROM events WHERE kind LIKE 'regency.%'"), 0, "nothing written");
    app.fill("[data-testid='regency-signatureCity']", "Cikarang").await;
    app.click("[data-testid='regency-save']").await;
    app.wait_for_css("[data-testid='regency-saved']").await;
    app.screenshot("day1-03-regency-and-kop").await;

    // Step 2: the logo.
    app.wait_for_css("[data-testid='logo-file']").await.send_keys(&logo.display().to_string()).await.unwrap();
    app.wait_for_text("[data-testid='logo-card']", |text| text.contains("logo-kabupaten.png")).await;
    app.screenshot("day1-04-logo").await;

    // Step 3: two officials; a Sekda without an 18-digit NIP is refused by name.
    app.set_value("[data-testid='official-post']", "regent").await;
    app.fill("[data-testid='official-name']", "H. Ade Kuswara Kunang, S.H.").await;
    app.click("[data-testid='official-save']").await;
    app.wait_for_css("[data-testid='official-regent']").await;
    app.set_value("[data-testid='official-post']", "secretary").await;
    app.fill("[data-testid='official-name']", "Dr. H. Endin Samsudin, M.Si.").await;
    app.fill("[data-testid='official-nip']", "1968 0515").await;
    app.click("[data-testid='official-save']").await;
    let error = app.text_of("[data-testid='official-nip-error']").await;
    assert!(error.starts_with("NIP"), "{error:?}");
    app.fill("[data-testid='official-nip']", "19680515 199303 1 006").await;
    app.fill("[data-testid='official-rank']", "Pembina Utama Madya (IV/d)").await;
    app.click("[data-testid='official-save']").await;
    let sekda = app.wait_for_text("[data-testid='official-secretary']", |text| text.contains("Endin")).await;
    assert!(sekda.contains("Sekretaris Daerah Kabupaten Bekasi") && sekda.contains("196805151993031006"), "{sekda:?}");
    app.screenshot("day1-05-officials").await;

    // Step 4: three agencies by form, then SIPD's list.
    app.click("[data-testid='nav-agencies']").await;
    for (code, short, name, kind) in [
        ("DP3A", "DP3A", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "dinas"),
        ("DINKES", "Dinkes", "Dinas Kesehatan", "dinas"),
        ("BPBD", "BPBD", "Badan Penanggulangan Bencana Daerah", "badan"),
    ] {
        app.click("[data-testid='agency-add']").await;
        app.fill("[data-testid='agency-code']", code).await;
        app.fill("[data-testid='agency-shortName']", short).await;
        app.fill("[data-testid='agency-name']", name).await;
        app.set_value("[data-testid='agency-kind']", kind).await;
        app.click("[data-testid='agency-save']").await;
        app.wait_for_css(&format!("[data-testid='agency-row'][data-code='{code}']")).await;
    }
    app.click("[data-testid='agency-import']").await;
    app.wait_for_css("[data-testid='agency-import-file']").await.send_keys(&bad.display().to_string()).await.unwrap();
    let problem = app.text_of("[data-testid='agency-import-problem-row']").await;
    assert!(problem.starts_with("4 NIP kepala"), "{problem:?}");
    app.screenshot("day1-06-agency-list-refused-by-row").await;
    app.wait_for_css("[data-testid='agency-import-file']").await.send_keys(&good.display().to_string()).await.unwrap();
    app.click("[data-testid='agency-import-commit']").await;
    app.wait_for_css("[data-testid='agency-row'][data-code='3.01.0.00.0.00.20.0000']").await;
    assert_eq!(app.count("[data-testid='agency-row']").await, 23);
    app.screenshot("day1-07-agencies").await;
    // Every step done: the dashboard no longer offers the checklist.
    app.click("[data-testid='nav-dashboard']").await;
    app.wait_for_css("[data-testid='stat-active']").await;
    app.wait_until_gone("[data-testid='setup-checklist']").await;
    app.screenshot("day1-08-dashboard-ready").await;

    // An instruction to one of them.
    app.click("[data-testid='nav-instructions']").await;
    app.wait_for_css("[data-testid='new-instruction-shortcut']").await;
    app.type_keys("n").await;
    app.wait_for_css("[data-testid='instruction-form']").await;
    app.fill("[data-testid='issue-title']", "Penanganan kasus kekerasan anak di Kecamatan Uji 1").await;
    app.set_value("[data-testid='issue-category']", "kekerasan_terhadap_anak").await;
    app.fill("[data-testid='issue-text']", "DP3A mendampingi korban sampai tuntas dalam satu bulan.").await;
    app.set_value("[data-testid='issue-lead']", "DP3A").await;
    app.fill("[data-testid='indicator-0-name']", "Korban yang didampingi").await;
    app.fill("[data-testid='indicator-0-unit']", "orang").await;
    app.fill("[data-testid='indicator-0-baseline']", "0").await;
    app.fill("[data-testid='indicator-0-target']", "5").await;
    app.chord(Key::Control, Key::Enter).await;
    app.wait_for_css("[data-testid='instruction-detail'][data-status='issued']").await;
    assert_eq!(count(&app.data_dir, "SELECT count(*) FROM instructions WHERE lead_agency = 'DP3A'"), 1);

    // A rapim: created with today's officials, finalized, its notulen exported.
    app.click("[data-testid='nav-meetings']").await;
    app.click("[data-testid='minutes-new']").await;
    let chair = app.wait_for_css("[data-testid='chair-name']").await.prop("value").await.unwrap();
    assert_eq!(chair.as_deref(), Some("H. Ade Kuswara Kunang, S.H."), "the chair is today's Bupati");
    app.fill("[data-testid='minutes-title']", "Rapat Pimpinan Perdana").await;
    app.fill("[data-testid='minutes-place']", "Ruang Rapat Bupati").await;
    app.fill("[data-testid='notulis-name']", "Dedi Kurniawan, S.IP.").await;
    app.click("[data-testid='minutes-create']").await;
    app.wait_for_text("[data-testid='minutes-name']", |text| text == "Rapat Pimpinan Perdana").await;
    app.click("[data-testid='minutes-finalize']").await;
    app.click("[data-testid='minutes-finalize-confirm']").await;
    app.wait_for_css("[data-testid='minutes-frozen']").await;
    app.click("[data-testid='minutes-export-pdf']").await;
    app.wait_for_text("[data-testid='minutes-exported']", |text| text.contains(".pdf")).await;
    app.screenshot("day1-09-rapim-exported").await;
    let pdf = std::fs::read_dir(app.export_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.extension().is_some_and(|e| e == "pdf"))
        .expect("a PDF was saved");
    let output = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext runs");
    let text = String::from_utf8_lossy(&output.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "PEMERINTAH KABUPATEN BEKASI",
        "Jl. Deltamas Boulevard",
        "Telp. (021) 89970011",
        "Laman: bekasikab.go.id",
        "Cikarang, ",
        "H. Ade Kuswara Kunang, S.H.",
        "Dr. H. Endin Samsudin, M.Si.",
        "Sekretaris Daerah Kabupaten Bekasi",
        "Cikarang, ",
    ] {
        assert!(text.contains(expected), "the notulen lack {expected:?}: {text}");
    }
    app.close().await;
}

//! The `ikp` binary on real data directories.

use std::path::Path;
use std::process::{Command, Output};

fn ikp(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ikp")).arg("--data-dir").arg(data_dir).args(args).output().unwrap()
}

fn event_count(data_dir: &Path) -> u64 {
    let status: serde_json::Value = serde_json::from_slice(&ikp(data_dir, &["--json", "status"]).stdout).unwrap();
    status["eventCount"].as_u64().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn demo_then_check_passes() {
    let dir = tempfile::tempdir().unwrap();
    assert!(ikp(dir.path(), &["demo"]).status.success());
    let check = ikp(dir.path(), &["check"]);
    assert!(check.status.success(), "{}", stdout(&check));
    let events = event_count(dir.path());
    assert!(events > 60, "the demo has a regency, agencies and instructions: {events}");
    assert!(stdout(&check).contains(&format!("checked {events} events")), "{}", stdout(&check));
}

#[test]
fn one_flipped_byte_in_an_event_payload_fails_check_naming_that_event() {
    let dir = tempfile::tempdir().unwrap();
    assert!(ikp(dir.path(), &["demo"]).status.success());
    let db = dir.path().join("ikp.db");
    let target_id: String = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.query_row(
            "SELECT lower(hex(id)) FROM events WHERE CAST(body AS TEXT) LIKE '%\"name\":\"Kecamatan Muaragembong\"%'",
            [],
            |row| row.get(0),
        )
        .unwrap()
    };
    // Closing the last connection checkpoints the WAL, so the event is in the main file.
    // Free pages may still hold stale copies of the record, so flip the byte in each.
    let mut bytes = std::fs::read(&db).unwrap();
    let needle = b"\"name\":\"Kecamatan Muaragembong\"";
    let places: Vec<usize> =
        bytes.windows(needle.len()).enumerate().filter(|(_, window)| *window == needle).map(|(at, _)| at).collect();
    assert!(!places.is_empty(), "the payload is in the file");
    for at in places {
        bytes[at + needle.len() - 3] ^= 0x01; // ...Muaragemb*o*ng -> ...Muaragembnng
    }
    std::fs::write(&db, &bytes).unwrap();

    let check = ikp(dir.path(), &["check"]);

    assert_eq!(check.status.code(), Some(1), "{}", stdout(&check));
    let report = stdout(&check);
    assert!(report.contains(&format!("BAD EVENT {target_id}: content does not match its id")), "{report}");
    assert_eq!(report.matches("BAD EVENT").count(), 1, "only the damaged event is named: {report}");
}

#[test]
fn check_as_json_lists_the_bad_event() {
    let dir = tempfile::tempdir().unwrap();
    assert!(ikp(dir.path(), &["demo"]).status.success());
    let conn = rusqlite::Connection::open(dir.path().join("ikp.db")).unwrap();
    // A signature swapped for another event's: the body still hashes right, the signature does not fit.
    conn.execute_batch(
        "UPDATE events SET signature = (SELECT signature FROM events WHERE kind = 'regency.profile_set')
         WHERE kind = 'agency.registered' AND seq = 3",
    )
    .unwrap();
    drop(conn);
    let check = ikp(dir.path(), &["--json", "check"]);
    assert_eq!(check.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let bad = report["bad_events"].as_array().unwrap();
    assert_eq!(bad.len(), 1, "{report}");
    assert!(bad[0]["problem"].as_str().unwrap().contains("signature"), "{report}");
}

#[test]
fn rebuild_reports_equal_digests_and_events_lists_as_json() {
    let dir = tempfile::tempdir().unwrap();
    assert!(ikp(dir.path(), &["demo", "--scale", "500"]).status.success());
    let rebuild = ikp(dir.path(), &["--json", "rebuild"]);
    assert!(rebuild.status.success());
    let report: serde_json::Value = serde_json::from_slice(&rebuild.stdout).unwrap();
    assert_eq!(report["digest_before"], report["digest_after"]);
    assert_eq!(report["report"]["events"].as_u64(), Some(event_count(dir.path())));
    let events = ikp(dir.path(), &["--json", "events", "--limit", "5"]);
    let list: serde_json::Value = serde_json::from_slice(&events.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 5);
    assert_eq!(list[0]["kind"], "agency.profile_updated");
}

#[test]
fn setup_refusal_is_a_clear_error_and_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    // A laptop that knows the regency's agencies refuses an unknown one. (A brand-new
    // laptop knows none: its claim goes to the trust root, which checks it.)
    assert!(ikp(dir.path(), &["demo"]).status.success());
    let refused = ikp(dir.path(), &["setup", "--role", "agency_staff", "--agency", "XYZ", "--name", "Rina"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("no agency with code `XYZ`"));
}

#[test]
fn an_instruction_is_issued_reported_and_verified_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(ikp(d, &["demo"]).status.success());
    let as_regent = |args: &[&str]| ikp(d, &[&["--profile", "bupati"], args].concat());
    let as_dp3a = |args: &[&str]| ikp(d, &[&["--profile", "dp3a"], args].concat());
    assert!(as_regent(&["setup", "--role", "regent", "--name", "Bupati"]).status.success());
    assert!(as_dp3a(&["setup", "--role", "agency_staff", "--agency", "DP3A", "--name", "Rina"]).status.success());

    let issued = as_regent(&[
        "--json",
        "instruction",
        "issue",
        "--title",
        "Pendampingan korban kekerasan anak",
        "--category",
        "kekerasan_terhadap_anak",
        "--text",
        "Dampingi seluruh korban dalam satu bulan.",
        "--lead",
        "DP3A",
        "--indicator",
        "DP3A|Korban didampingi|orang|0|10|up",
    ]);
    assert!(issued.status.success(), "{}", String::from_utf8_lossy(&issued.stderr));
    let detail: serde_json::Value = serde_json::from_slice(&issued.stdout).unwrap();
    let number = detail["summary"]["number"].as_str().unwrap().to_owned();
    let indicator = detail["indicators"][0]["id"].as_str().unwrap().to_owned();

    let photo = d.join("foto-pendampingan.jpg");
    std::fs::write(&photo, b"\xff\xd8\xff bukti").unwrap();
    let reported = as_dp3a(&[
        "--json",
        "progress",
        "add",
        "--indicator",
        &indicator,
        "--value",
        "7,5",
        "--evidence",
        photo.to_str().unwrap(),
    ]);
    assert!(reported.status.success(), "{}", String::from_utf8_lossy(&reported.stderr));
    let detail: serde_json::Value = serde_json::from_slice(&reported.stdout).unwrap();
    assert_eq!(detail["indicators"][0]["latestValue"], "7.5");
    assert_eq!(detail["indicators"][0]["achievement"]["permille"], 750);
    assert_eq!(detail["progress"][0]["evidence"][0]["fileName"], "foto-pendampingan.jpg");

    let refused = as_dp3a(&["instruction", "verify", &number]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("agency staff may not record `instruction.verified`"));

    assert!(as_dp3a(&["instruction", "complete", &number, "--note", "Selesai"]).status.success());
    let verified = as_regent(&["--json", "instruction", "verify", &number]);
    let detail: serde_json::Value = serde_json::from_slice(&verified.stdout).unwrap();
    assert_eq!(detail["summary"]["status"], "verified");

    let listed = as_regent(&["--json", "instruction", "list", "--status", "verified", "--search", "banjir"]);
    let list: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 0, "nothing verified mentions a flood");
    let listed =
        as_regent(&["--json", "instruction", "list", "--status", "verified", "--search", "pendampingan korban"]);
    let list: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(list[0]["number"], number.as_str());
    assert!(ikp(d, &["check"]).status.success());
}

#[test]
fn the_regency_is_a_setting_that_only_the_leadership_changes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let set = |profile: &str| {
        ikp(
            d,
            &[
                "--profile",
                profile,
                "regency",
                "--name",
                "Pemerintah Kabupaten Karawang",
                "--address",
                "Jl. Jenderal Ahmad Yani No. 1, Karawang",
                "--regent-name",
                "Bupati Contoh",
                "--regent-title",
                "Bupati Karawang",
                "--secretary-name",
                "Sekda Contoh",
            ],
        )
    };
    assert!(ikp(d, &["demo"]).status.success());
    assert!(ikp(d, &["--profile", "staf", "setup", "--role", "agency_staff", "--agency", "DP3A", "--name", "R"])
        .status
        .success());
    assert_eq!(set("staf").status.code(), Some(2), "agency staff may not change the regency");
    assert!(ikp(d, &["--profile", "sekda", "setup", "--role", "secretary", "--name", "S"]).status.success());
    assert!(set("sekda").status.success());
    let status: serde_json::Value = serde_json::from_slice(&ikp(d, &["--json", "status"]).stdout).unwrap();
    assert_eq!(status["regency"]["name"], "Pemerintah Kabupaten Karawang");
}

#[test]
fn the_leadership_sets_categories_and_the_number_format_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    assert!(ikp(dir.path(), &["demo"]).status.success());
    let setup = ikp(dir.path(), &["setup", "--role", "regent", "--name", "Bupati"]);
    assert!(setup.status.success(), "{}", stdout(&setup));

    let set = ikp(dir.path(), &["--json", "settings", "categories", "--add", "Stunting", "--remove", "sampah"]);
    assert!(set.status.success(), "{}", String::from_utf8_lossy(&set.stderr));
    let settings: serde_json::Value = serde_json::from_slice(&set.stdout).unwrap();
    let codes: Vec<&str> =
        settings["categories"].as_array().unwrap().iter().map(|c| c["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"stunting") && !codes.contains(&"sampah"), "{codes:?}");
    assert_eq!(settings["retired"][0]["code"], "sampah");

    let events = event_count(dir.path());
    let refused = ikp(dir.path(), &["settings", "number-format", "--set", "IKP/{seq}"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("MissingYear"));
    assert_eq!(event_count(dir.path()), events, "a refused template writes nothing");
    let set = ikp(dir.path(), &["--json", "settings", "number-format", "--set", "{seq:4}/BKS/{year}"]);
    assert!(set.status.success(), "{}", String::from_utf8_lossy(&set.stderr));
    let format: serde_json::Value = serde_json::from_slice(&set.stdout).unwrap();
    assert_eq!(format["template"], "{seq:4}/BKS/{year}");
    let next = format["nextNumber"].as_str().unwrap();
    assert!(next.len() == "0000/BKS/2026".len() && next.contains("/BKS/"), "{next}");
}

#[test]
fn complaints_are_imported_disposed_followed_up_and_summarised_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let run = |profile: &str, args: &[&str]| {
        let mut all = vec!["--profile", profile, "--json"];
        all.extend_from_slice(args);
        ikp(dir.path(), &all)
    };
    assert!(ikp(dir.path(), &["demo"]).status.success());
    assert!(run("sekda", &["setup", "--role", "secretary", "--name", "Sekda"]).status.success());
    assert!(run("camat", &["setup", "--role", "agency_staff", "--agency", "KEC-SETU", "--name", "Camat Setu"])
        .status
        .success());

    let export = dir.path().join("lapor.csv");
    std::fs::write(
        &export,
        "ID Laporan;Tanggal Laporan;Judul;Kecamatan\nLAPOR-CLI-1;2026-01-05;Jalan rusak di Setu;Setu\nLAPOR-CLI-2;bukan tanggal;Sampah;Setu\n",
    )
    .unwrap();
    let refused = run("sekda", &["complaints", "import", export.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("1 rows of the file have problems"));
    let preview: serde_json::Value =
        serde_json::from_slice(&run("sekda", &["complaints", "preview", export.to_str().unwrap()]).stdout).unwrap();
    assert_eq!(preview["problems"][0]["row"], 3);
    assert_eq!(preview["problems"][0]["column"], "received_on");

    std::fs::write(
        &export,
        "ID Laporan;Tanggal Laporan;Judul;Kecamatan\nLAPOR-CLI-1;2026-01-05;Jalan rusak di Setu;Setu\n",
    )
    .unwrap();
    let imported: serde_json::Value =
        serde_json::from_slice(&run("sekda", &["complaints", "import", export.to_str().unwrap()]).stdout).unwrap();
    assert_eq!(imported["newComplaints"], 1);
    assert!(run("sekda", &["complaints", "dispose", "LAPOR-CLI-1", "--to", "KEC-SETU"]).status.success());
    let followed = run("camat", &["complaints", "followup", "LAPOR-CLI-1", "--action", "Sudah ditinjau"]);
    assert!(followed.status.success(), "{}", String::from_utf8_lossy(&followed.stderr));
    let detail: serde_json::Value = serde_json::from_slice(&followed.stdout).unwrap();
    assert_eq!(detail["complaint"]["status"], "in_progress");

    let mine: serde_json::Value = serde_json::from_slice(&run("camat", &["complaints", "list"]).stdout).unwrap();
    // The camat's own, and those located in Setu whoever has them.
    let mine = mine.as_array().unwrap();
    assert!(mine.iter().all(|c| c["agencyCode"] == "KEC-SETU" || c["kecamatanCode"] == "KEC-SETU"));
    assert!(mine.iter().any(|c| c["trackingId"] == "LAPOR-CLI-1"));
    let summary: serde_json::Value = serde_json::from_slice(
        &run("sekda", &["complaints", "summary", "--from", "2026-01", "--to", "2026-01"]).stdout,
    )
    .unwrap();
    let setu = summary["byAgency"].as_array().unwrap().iter().find(|g| g["code"] == "KEC-SETU").unwrap();
    assert_eq!(setu["followUpPermille"], 1000);

    // The export carries a period; a period that does not exist is refused by name.
    let january = run("sekda", &["complaints", "export", "--period", "2026-01"]);
    let january = String::from_utf8_lossy(&january.stdout).into_owned();
    assert!(january.contains("LAPOR-CLI-1"), "{january}");
    assert!(january.lines().skip(1).all(|line| line.split(';').nth(1).is_some_and(|day| day.starts_with("2026-01"))));
    let refused = run("sekda", &["complaints", "export", "--period", "2026-Q5"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("period"));
}

#[test]
fn minutes_are_written_finalized_and_exported_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    assert!(ikp(dir.path(), &["demo"]).status.success());
    assert!(ikp(dir.path(), &["setup", "--role", "secretary", "--name", "Sekda"]).status.success());
    let created = ikp(
        dir.path(),
        &[
            "--json",
            "meeting",
            "create",
            "--title",
            "Rapat Koordinasi Banjir",
            "--date",
            "2026-12-01",
            "--start",
            "13.00",
            "--place",
            "Aula BPBD, Cikarang Pusat",
            "--chair",
            "H. Ahmad Suryana|Pj. Bupati Bekasi||",
            "--secretary",
            "Rina|Sekda||",
            "--notulis",
            "Dedi|Staf||",
        ],
    );
    let view: serde_json::Value = serde_json::from_str(&stdout(&created)).unwrap();
    let meeting = view["meeting"]["id"].as_str().unwrap().to_owned();
    assert!(ikp(dir.path(), &["meeting", "decision", &meeting, "Posko dibuka 24 jam"]).status.success());
    assert!(ikp(dir.path(), &["meeting", "finalize", &meeting]).status.success());
    let refused = ikp(dir.path(), &["meeting", "decision", &meeting, "Lain"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("final"));
    for format in ["docx", "pdf"] {
        let out = dir.path().join(format!("notulen.{format}"));
        let export = ikp(
            dir.path(),
            &["minutes", "export", "--meeting", &meeting, "--format", format, "--out", out.to_str().unwrap()],
        );
        assert!(export.status.success(), "{}", String::from_utf8_lossy(&export.stderr));
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.starts_with(if format == "pdf" { b"%PDF" } else { b"PK\x03\x04" }));
    }
}

/// A regency keeps its agencies from the command line, with no demo data: added, imported
/// from SIPD's list (a bad row refused by row, exit code 2, nothing written), corrected,
/// deactivated.
#[test]
fn agencies_are_kept_from_the_command_line_without_demo_data() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(ikp(d, &["setup", "--role", "regent", "--name", "Bupati"]).status.success());
    let add = ikp(d, &["agency", "add", "DP3A", "--name", "Dinas P3A", "--short-name", "DP3A", "--kind", "dinas"]);
    assert!(add.status.success(), "{}", String::from_utf8_lossy(&add.stderr));
    let list = d.join("skpd.csv");
    std::fs::write(&list, "kode_skpd,nama_skpd,kepala,nip\n1.01.0.00.0.00.01.0000,Dinas Pendidikan,Drs. Ahmad,12345\n")
        .unwrap();
    let before = event_count(d);
    let bad = ikp(d, &["agency", "import", list.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2), "{}", stdout(&bad));
    assert!(stdout(&bad).contains("row 2: HeadNip NotAllowed"), "{}", stdout(&bad));
    assert_eq!(event_count(d), before, "a refused list writes nothing");
    std::fs::write(&list, "kode_skpd,nama_skpd\n1.01.0.00.0.00.01.0000,Dinas Pendidikan\n").unwrap();
    let good = ikp(d, &["agency", "import", list.to_str().unwrap()]);
    assert!(stdout(&good).contains("1 new"), "{}", stdout(&good));
    assert!(ikp(d, &["agency", "edit", "DP3A", "--head-name", "Dra. Rina", "--head-nip", "197001011990032001"])
        .status
        .success());
    assert!(ikp(d, &["agency", "deactivate", "DP3A", "--reason", "Digabung"]).status.success());
    let agencies: serde_json::Value = serde_json::from_slice(&ikp(d, &["--json", "agency", "list"]).stdout).unwrap();
    let dp3a = agencies.as_array().unwrap().iter().find(|agency| agency["code"] == "DP3A").unwrap();
    assert_eq!((dp3a["headName"].as_str(), dp3a["active"].as_bool()), (Some("Dra. Rina"), Some(false)));
    assert_eq!(agencies.as_array().unwrap().len(), 2);
}

/// The root key sealed by `ikp root backup` and put on a new laptop by `ikp root
/// restore`; the passphrase comes from the environment, never the command line.
#[test]
fn the_root_key_is_backed_up_and_restored_from_the_command_line() {
    let (old, new) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let with_passphrase = |dir: &Path, args: &[&str], passphrase: &str| {
        Command::new(env!("CARGO_BIN_EXE_ikp"))
            .arg("--data-dir")
            .arg(dir)
            .args(args)
            .env("IKP_PASSPHRASE", passphrase)
            .output()
            .unwrap()
    };
    assert!(ikp(old.path(), &["setup", "--role", "regent", "--name", "Bupati"]).status.success());
    let file = old.path().join("kunci-akar.ikproot");
    let backup =
        with_passphrase(old.path(), &["root", "backup", "--out", file.to_str().unwrap()], "kunci kantor bupati");
    assert!(backup.status.success(), "{}", String::from_utf8_lossy(&backup.stderr));
    let target = new.path().join("data");
    let wrong = with_passphrase(&target, &["root", "restore", file.to_str().unwrap()], "kunci yang salah sekali");
    assert_eq!(wrong.status.code(), Some(2));
    assert!(!target.join("device.key").exists(), "a wrong passphrase writes no key");
    let restored = with_passphrase(&target, &["root", "restore", file.to_str().unwrap()], "kunci kantor bupati");
    assert!(restored.status.success(), "{}", String::from_utf8_lossy(&restored.stderr));
    let device =
        |dir: &Path| stdout(&ikp(dir, &["init"])).lines().find(|l| l.starts_with("device:")).unwrap().to_owned();
    assert_eq!(device(&target), device(old.path()), "the new laptop holds the root's key");
}

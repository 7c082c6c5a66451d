//! `ikp bench day-one`: what a new regency waits for on its first day, step by step, on
//! a fresh data folder: the Regent's laptop set up, the kop and officials, SIPD's agency
//! list checked and imported, the first instruction, and a new laptop's enrolment — the
//! request, the root's answer, and its import.

use std::fmt;
use std::sync::Arc;
use std::time::Instant;

use ikp_core::clock::SystemClock;
use ikp_core::instruction::ops::{IndicatorInput, IssueInput};
use ikp_core::instruction::Direction;
use ikp_core::letterhead::LetterheadSet;
use ikp_core::officials::{AppointmentInput, Designation, OfficialPost};
use ikp_core::principal::Role;
use ikp_core::sync::export::ExportScope;
use ikp_core::{CoreError, Desk, SetupInput};
use serde::Serialize;

#[derive(Serialize)]
pub struct DayOneBench {
    pub agencies: u32,
    /// (step, milliseconds)
    pub steps: Vec<(String, f64)>,
    pub answer_bytes: usize,
}

impl fmt::Display for DayOneBench {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "day one with {} agencies from SIPD's list:", self.agencies)?;
        for (step, ms) in &self.steps {
            writeln!(f, "  {step:<58} {ms:>9.1} ms")?;
        }
        write!(f, "  the enrolment answer: {} KiB", self.answer_bytes / 1024)
    }
}

fn sipd_list(agencies: u32) -> String {
    let mut csv = String::from("kode_skpd;nama_skpd;kepala;nip\n");
    for n in 1..=agencies {
        let name = if n % 4 == 0 { format!("Kecamatan Contoh {n}") } else { format!("Dinas Contoh {n}") };
        csv.push_str(&format!("1.{:02}.0.00.0.00.{:04}.0000;{name};Pejabat {n};19700101199003{:04}\n", n % 90, n, n));
    }
    csv
}

pub fn run(agencies: u32) -> Result<DayOneBench, CoreError> {
    let scratch = tempfile::tempdir()?;
    let mut steps = Vec::new();
    let mut step = |name: &str, started: Instant| steps.push((name.to_owned(), started.elapsed().as_secs_f64() * 1e3));

    let started = Instant::now();
    let mut root = Desk::open_profile(&scratch.path().join("bupati"), None, Arc::new(SystemClock))?;
    root.setup_device(SetupInput { role: Role::Regent, agency_code: None, user_name: "Bupati".into() })?;
    step("open a fresh data folder and set up the Regent's laptop", started);

    let started = Instant::now();
    let kop = LetterheadSet {
        address: "Jl. Contoh No. 1, Cikarang Pusat".into(),
        telephone: "(021) 1234567".into(),
        website: "contoh.go.id".into(),
        email: String::new(),
        signature_city: "Cikarang".into(),
        sign_on_behalf: true,
        ..LetterheadSet::default()
    };
    root.settings().set_regency_identity("Pemerintah Kabupaten Contoh", kop)?;
    let today = root.today().to_string();
    for (post, nip) in [(OfficialPost::Regent, ""), (OfficialPost::Secretary, "196805151993031006")] {
        root.settings().appoint_official(AppointmentInput {
            post,
            designation: Designation::Definitive,
            name: "Pejabat Contoh".into(),
            nip: nip.into(),
            rank: String::new(),
            since: today.clone(),
        })?;
    }
    step("name, kop surat and two officials", started);

    let list = sipd_list(agencies);
    let started = Instant::now();
    let preview = root.agencies().preview_import("skpd.csv", list.as_bytes(), &[])?;
    step("check SIPD's list (the preview)", started);
    let started = Instant::now();
    root.agencies().import("skpd.csv", list.as_bytes(), &[])?;
    step("import it (one event)", started);
    let started = Instant::now();
    let listed = root.agencies().list()?.len();
    step("list the agencies", started);
    debug_assert_eq!(listed as u32, preview.new_agencies);

    let started = Instant::now();
    let lead = root.agencies().list()?.into_iter().next().map(|agency| agency.code).unwrap_or_default();
    root.instructions().issue(IssueInput {
        title: "Instruksi pertama".into(),
        category: "kesehatan".into(),
        background: String::new(),
        text: "Tindak lanjuti dalam satu bulan.".into(),
        lead_agency: lead.clone(),
        supporting_agencies: vec![],
        indicators: vec![IndicatorInput {
            agency_code: lead.clone(),
            name: "Capaian".into(),
            unit: "%".into(),
            baseline: "0".into(),
            target: "100".into(),
            direction: Direction::HigherIsBetter,
            deadline: None,
            source: None,
        }],
        deadline: None,
        draft_only: false,
    })?;
    step("issue the first instruction", started);

    let started = Instant::now();
    let mut laptop = Desk::open_profile(&scratch.path().join("opd"), None, Arc::new(SystemClock))?;
    laptop.setup_device(SetupInput { role: Role::AgencyStaff, agency_code: None, user_name: "Staf".into() })?;
    let request = laptop.sync().enrolment_request()?;
    step("a new laptop with no master data asks to join", started);
    let started = Instant::now();
    root.sync().approve_enrolment(&request, Some((Role::AgencyStaff, Some(lead))))?;
    let (answer, _) = root.sync().export_bundle(&ExportScope::Everything)?;
    step("the root approves and writes its answer", started);
    let started = Instant::now();
    let fingerprint = root.sync().trust_root()?.unwrap_or_default();
    laptop.sync().import_bundle("jawaban.ikp", &answer, Some(&fingerprint))?;
    step("the new laptop imports it and opens on the regency", started);
    Ok(DayOneBench { agencies, steps, answer_bytes: answer.len() })
}

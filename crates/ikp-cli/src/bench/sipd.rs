//! `ikp bench sipd`: importing SIPD's SP2D list — its own column names and order, a date
//! header mapped by hand, agencies by kode SKPD, SP2D types mixed, jenis belanja read
//! from the account code — and the same file again (nothing new).

use std::fmt;
use std::time::Instant;

use chrono::Datelike;
use ikp_core::budget::import::{BudgetColumnChoice, ImportColumn, ImportRequest};
use ikp_core::money::Rupiah;
use ikp_core::{CoreError, Desk};
use serde::Serialize;

#[derive(Serialize)]
pub struct SipdBench {
    pub rows: u32,
    pub agencies: usize,
    pub preview_secs: f64,
    pub import_secs: f64,
    pub reimport_secs: f64,
    pub counted: String,
    pub advances: String,
}

impl fmt::Display for SipdBench {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "SIPD SP2D list of {} rows over {} agencies (by kode SKPD, SP2D types mixed)",
            self.rows, self.agencies
        )?;
        writeln!(f, "preview (read, map, check): {:.2} s", self.preview_secs)?;
        writeln!(f, "import (check, sign, project): {:.2} s", self.import_secs)?;
        writeln!(f, "the same file again (nothing new): {:.2} s", self.reimport_secs)?;
        write!(f, "counted (LS, GU/TU nihil) {}; advances (UP, GU, TU) {}", self.counted, self.advances)
    }
}

const TYPES: [&str; 6] = ["LS", "LS Gaji", "UP", "GU", "GU Nihil", "TU Nihil"];
const ACCOUNTS: [&str; 5] =
    ["5.1.01.01.01.0001", "5.1.02.01.01.0024", "5.2.02.05.01.0001", "5.1.06.01.01.0001", "5.1.03.01.01.0001"];

pub fn run(rows: u32) -> Result<SipdBench, CoreError> {
    let scratch = tempfile::tempdir()?;
    let mut desk = super::secretary_desk(scratch.path())?;
    // The demo regency's agencies (Kabupaten Bekasi's), with a year of its figures.
    desk.demo().load()?;
    let codes = give_skpd_codes(&mut desk)?;
    let csv = sp2d_list(&desk, &codes, rows);
    let choices = [BudgetColumnChoice { header: "Tgl. Cair".into(), column: Some(ImportColumn::Date) }];
    let request = ImportRequest { source: "SIPD", file_name: "sp2d.csv", bytes: csv.as_bytes(), choices: &choices };
    let started = Instant::now();
    let preview = desk.budget().preview_realizations(&request)?;
    let preview_secs = started.elapsed().as_secs_f64();
    if !preview.problems.is_empty() || preview.valid_rows != rows {
        return Err(CoreError::ImportHasProblems { rows: preview.problems.len() as u32 });
    }
    let started = Instant::now();
    desk.budget().import_realizations_as(&request, false)?;
    let import_secs = started.elapsed().as_secs_f64();
    let started = Instant::now();
    desk.budget().import_realizations_as(&request, false)?;
    let reimport_secs = started.elapsed().as_secs_f64();
    Ok(SipdBench {
        rows,
        agencies: codes.len(),
        preview_secs,
        import_secs,
        reimport_secs,
        counted: preview.total.to_indonesian(),
        advances: preview.advances.to_indonesian(),
    })
}

/// Every agency gets a kode SKPD through SIPD's agency list, as a regency's first day does.
fn give_skpd_codes(desk: &mut Desk) -> Result<Vec<String>, CoreError> {
    let mut list = String::from("Kode;Kode SKPD;Nama SKPD\n");
    let mut codes = Vec::new();
    for (index, agency) in desk.agencies().list()?.into_iter().enumerate() {
        let skpd = format!("{}.{:02}.0.00.0.00.01.0000", 1 + index / 90, 1 + index % 90);
        list.push_str(&format!("{};{skpd};{}\n", agency.code, agency.name));
        codes.push(skpd);
    }
    desk.agencies().import("skpd.csv", list.as_bytes(), &[])?;
    Ok(codes)
}

/// SIPD's column names and order, Indonesian amounts, day-first dates.
fn sp2d_list(desk: &Desk, codes: &[String], rows: u32) -> String {
    let today = desk.today();
    let mut csv =
        String::from("No;Kode SKPD;Nama SKPD;Nomor SP2D;Tgl. Cair;Jenis SP2D;Kode Rekening;Uraian;Nilai SP2D\n");
    for row in 0..rows {
        let skpd = &codes[row as usize % codes.len()];
        let day = 1 + row % 28;
        let month = 1 + row % today.month().saturating_sub(1).max(1);
        let amount = Rupiah::from_sen(100_000_000 + i64::from(row) * 17);
        csv.push_str(&format!(
            "{};{skpd};;{:07}/SP2D/{}/{};{day:02}/{month:02}/{};{};{};Belanja;{}\n",
            row + 1,
            row,
            TYPES[row as usize % TYPES.len()].replace(' ', "-"),
            today.year(),
            today.year(),
            TYPES[row as usize % TYPES.len()],
            ACCOUNTS[row as usize % ACCOUNTS.len()],
            amount.to_indonesian()
        ));
    }
    csv
}

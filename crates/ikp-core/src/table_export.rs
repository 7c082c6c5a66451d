//! The app's tables as Excel workbooks: whatever a page lists (with the filter it shows),
//! a row per line, real numbers, dates and percentages in the cells, Indonesian headers.
//! One value names the table, so the shell has one command and the page one button; a
//! table the page shows in parts (the brief, the complaint summary) is a sheet a part.

use std::ops::Deref;

use crate::desk::Desk;
use serde::Deserialize;

use crate::brief::Brief;
use crate::complaint::queries::ComplaintFilter;
use crate::complaint::summary::GroupFigures;
use crate::error::Result;
use crate::instruction::payload::Direction;
use crate::instruction::queries::{InstructionDetail, InstructionFilter};
use crate::negotiation::queries::{NegotiationFilter, NegotiationView};
use crate::period::Period;
use crate::quantity::Quantity;
use crate::report::ReportDesk;
use crate::terms;
use crate::xlsx::{self, Cell, Table};

/// A table the app shows, with the filter the page applied.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "table", rename_all = "camelCase")]
pub enum TableExport {
    /// Rapor capaian: agencies by their active instructions' standing.
    Scorecard,
    Instructions {
        filter: InstructionFilter,
    },
    Complaints {
        filter: ComplaintFilter,
    },
    /// Dialog kinerja requests.
    Requests {
        filter: NegotiationFilter,
    },
    Agencies,
    /// The complaint summary of a period: by agency, and by kecamatan (a sheet each).
    ComplaintSummary {
        period: Period,
    },
    /// The rapim brief of a day (YYYY-MM-DD; today when absent): a sheet per section.
    Brief {
        date: Option<String>,
    },
    /// One agency's budget year, month by month (the agency's S-curve table).
    #[serde(rename_all = "camelCase")]
    AgencyBudget {
        agency_code: String,
        fiscal_year: i32,
    },
    /// One instruction's indicators with their targets and achievement.
    #[serde(rename_all = "camelCase")]
    Indicators {
        instruction_id: String,
    },
    /// Indicators of running instructions without a report in `days` days, per agency.
    SilentIndicators {
        days: u32,
    },
}

/// A workbook and the name to suggest for it.
pub struct TableFile {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// More rows than a page lists: an export takes the whole filtered table.
const ALL_ROWS: u32 = 1_000_000;

impl<D: Deref<Target = Desk>> ReportDesk<D> {
    pub fn table_workbook(&self, table: &TableExport) -> Result<TableFile> {
        let today = self.desk.today();
        let (name, sheets) = match table {
            TableExport::Scorecard => ("rapor-capaian".to_owned(), vec![self.scorecard_sheet()?]),
            TableExport::Instructions { filter } => ("instruksi".to_owned(), vec![self.instructions_sheet(filter)?]),
            TableExport::Complaints { filter } => ("pengaduan".to_owned(), vec![self.complaints_sheet(filter)?]),
            TableExport::Requests { filter } => ("dialog-kinerja".to_owned(), vec![self.requests_sheet(filter)?]),
            TableExport::Agencies => ("perangkat-daerah".to_owned(), vec![self.agencies_sheet()?]),
            TableExport::ComplaintSummary { period } => {
                let code = period.code();
                let name =
                    if code.is_empty() { "rekap-pengaduan".to_owned() } else { format!("rekap-pengaduan-{code}") };
                (name.replace("..", "_"), self.complaint_summary_sheets(period)?)
            }
            TableExport::Brief { date } => {
                let brief = self.brief(date.as_deref())?;
                (format!("bahan-rapim-{}", brief.date), brief_sheets(&brief))
            }
            TableExport::AgencyBudget { agency_code, fiscal_year } => (
                format!("anggaran-{}-{fiscal_year}", agency_code.to_lowercase()),
                vec![self.agency_budget_sheet(agency_code, *fiscal_year)?],
            ),
            TableExport::Indicators { instruction_id } => {
                let detail = self.desk.instructions_view().detail(instruction_id)?;
                let number = detail.summary.number.clone().unwrap_or_else(|| "draf".to_owned());
                (format!("indikator-{}", number.replace('/', "-")), vec![indicators_sheet(&detail)])
            }
            TableExport::SilentIndicators { days } => {
                (format!("indikator-tanpa-laporan-{days}-hari"), vec![self.silent_sheet(*days)?])
            }
        };
        Ok(TableFile { file_name: format!("{name}-{today}.xlsx"), bytes: xlsx::workbook_of(&sheets)? })
    }

    fn agency_budget_sheet(&self, agency_code: &str, fiscal_year: i32) -> Result<Table> {
        let budget = self.desk.budget_view().agency(agency_code, fiscal_year)?;
        let rows = budget
            .curve
            .months
            .iter()
            .map(|point| {
                let actual = |cell: Cell| if point.future { Cell::Empty } else { cell };
                vec![
                    Cell::text(crate::minutes::document::MONTH_NAMES[(point.month as usize).saturating_sub(1) % 12]),
                    Cell::Rupiah(point.plan),
                    actual(Cell::Rupiah(point.realized)),
                    Cell::Rupiah(point.plan_cumulative),
                    actual(Cell::Rupiah(point.realized_cumulative)),
                    Cell::Permille(i64::from(point.plan_permille)),
                    actual(Cell::Permille(i64::from(point.actual_permille))),
                    point.physical_percent.map_or(Cell::Empty, Cell::Quantity),
                ]
            })
            .collect();
        Ok(table(
            &format!("{} {fiscal_year}", budget.short_name).chars().take(31).collect::<String>(),
            &[
                ("Bulan", 12.0),
                ("Rencana bulan ini", 18.0),
                ("Realisasi bulan ini", 18.0),
                ("Rencana kumulatif", 18.0),
                ("Realisasi kumulatif", 18.0),
                ("Rencana (%)", 10.0),
                ("Realisasi (%)", 10.0),
                ("Realisasi fisik (%)", 12.0),
            ],
            rows,
        ))
    }

    fn silent_sheet(&self, days: u32) -> Result<Table> {
        let mut rows = Vec::new();
        for agency in self.desk.instructions_view().silent_indicators(days)? {
            for indicator in &agency.indicators {
                rows.push(vec![
                    Cell::text(&agency.short_name),
                    Cell::text(indicator.number.as_deref().unwrap_or_default()),
                    Cell::text(&indicator.name),
                    indicator.last_reported_on.as_deref().map_or(Cell::Empty, Cell::day),
                    Cell::Count(i64::from(indicator.days_silent)),
                ]);
            }
        }
        Ok(table(
            "Indikator tanpa laporan",
            &[
                ("Perangkat daerah", 20.0),
                ("Nomor instruksi", 18.0),
                ("Indikator", 44.0),
                ("Laporan terakhir", 14.0),
                ("Hari tanpa laporan", 12.0),
            ],
            rows,
        ))
    }

    fn complaint_summary_sheets(&self, period: &Period) -> Result<Vec<Table>> {
        let (from, to) = period.months()?;
        let summary = self.desk.complaints_view().summary(from.as_deref(), to.as_deref())?;
        let mut sheets = vec![group_sheet("Per perangkat daerah", &summary.by_agency, Some(&summary.total))];
        if !summary.by_kecamatan.is_empty() {
            sheets.push(group_sheet("Per kecamatan", &summary.by_kecamatan, None));
        }
        Ok(sheets)
    }

    fn scorecard_sheet(&self) -> Result<Table> {
        let rows = self
            .desk
            .instructions_view()
            .scorecard()?
            .into_iter()
            .map(|score| {
                vec![
                    Cell::text(&score.short_name),
                    count(score.active),
                    count(score.on_track),
                    count(score.at_risk),
                    count(score.overdue),
                    Cell::Permille(i64::from(score.achievement_permille)),
                ]
            })
            .collect();
        Ok(table(
            "Rapor capaian",
            &[
                ("Perangkat daerah", 28.0),
                ("Instruksi aktif", 10.0),
                ("Sesuai jadwal", 10.0),
                ("Berisiko terlambat", 10.0),
                ("Lewat tenggat", 10.0),
                ("Capaian", 10.0),
            ],
            rows,
        ))
    }

    fn instructions_sheet(&self, filter: &InstructionFilter) -> Result<Table> {
        let filter = InstructionFilter { limit: Some(ALL_ROWS), ..filter.clone() };
        let rows = self
            .desk
            .instructions_view()
            .list(&filter)?
            .into_iter()
            .map(|instruction| {
                vec![
                    Cell::text(instruction.number.as_deref().unwrap_or_default()),
                    Cell::text(&instruction.title),
                    Cell::text(&instruction.category),
                    Cell::text(&instruction.lead_agency_short_name),
                    Cell::text(&terms::indonesian("instructionStatus", instruction.status)),
                    Cell::text(&terms::indonesian("instructionStanding", instruction.standing)),
                    instruction.issued_on.as_deref().map_or(Cell::Empty, Cell::day),
                    Cell::day(&instruction.deadline),
                    Cell::Permille(i64::from(instruction.achievement_permille)),
                ]
            })
            .collect();
        Ok(table(
            "Instruksi",
            &[
                ("Nomor", 18.0),
                ("Judul", 44.0),
                ("Kategori", 14.0),
                ("Perangkat daerah utama", 16.0),
                ("Status", 18.0),
                ("Kondisi", 18.0),
                ("Diterbitkan", 12.0),
                ("Tenggat", 12.0),
                ("Capaian", 10.0),
            ],
            rows,
        ))
    }

    fn complaints_sheet(&self, filter: &ComplaintFilter) -> Result<Table> {
        let filter = ComplaintFilter { limit: Some(ALL_ROWS), ..filter.clone() };
        let rows = self
            .desk
            .complaints_view()
            .list(&filter)?
            .into_iter()
            .map(|complaint| {
                vec![
                    Cell::text(&complaint.tracking_id),
                    Cell::day(&complaint.received_on),
                    Cell::text(&complaint.channel),
                    Cell::text(&terms::indonesian("classification", complaint.classification)),
                    Cell::text(&complaint.category),
                    Cell::text(&complaint.summary),
                    Cell::text(complaint.kecamatan_code.as_deref().unwrap_or_default()),
                    Cell::text(&complaint.desa),
                    Cell::text(complaint.agency_name.as_deref().unwrap_or_default()),
                    Cell::text(&terms::indonesian("complaintStatus", complaint.status)),
                    complaint.due_on.as_deref().map_or(Cell::Empty, Cell::day),
                    Cell::text(if complaint.overdue { "Ya" } else { "Tidak" }),
                    count(complaint.followups),
                ]
            })
            .collect();
        Ok(table(
            "Pengaduan",
            &[
                ("Nomor pelacakan", 16.0),
                ("Diterima", 12.0),
                ("Kanal", 14.0),
                ("Klasifikasi", 14.0),
                ("Kategori", 16.0),
                ("Ringkasan", 48.0),
                ("Kecamatan", 12.0),
                ("Desa", 14.0),
                ("Perangkat daerah", 22.0),
                ("Status", 16.0),
                ("Batas waktu", 12.0),
                ("Lewat batas", 8.0),
                ("Tindak lanjut", 8.0),
            ],
            rows,
        ))
    }

    fn requests_sheet(&self, filter: &NegotiationFilter) -> Result<Table> {
        let filter = NegotiationFilter { limit: Some(ALL_ROWS), ..filter.clone() };
        Ok(requests_sheet(&self.desk.negotiations_view().list(&filter)?))
    }

    fn agencies_sheet(&self) -> Result<Table> {
        let rows = self
            .desk
            .agencies_view()
            .list()?
            .into_iter()
            .map(|agency| {
                vec![
                    Cell::text(&agency.code),
                    Cell::text(&agency.name),
                    Cell::text(&agency.short_name),
                    Cell::text(agency.sipd_code.as_deref().unwrap_or_default()),
                    Cell::text(agency.head_name.as_deref().unwrap_or_default()),
                    Cell::text(agency.head_title.as_deref().unwrap_or_default()),
                    Cell::text(agency.head_nip.as_deref().unwrap_or_default()),
                    Cell::text(if agency.active { "Aktif" } else { "Tidak aktif" }),
                ]
            })
            .collect();
        Ok(table(
            "Perangkat daerah",
            &[
                ("Kode", 12.0),
                ("Nama", 44.0),
                ("Singkatan", 16.0),
                ("Kode SIPD", 16.0),
                ("Kepala", 30.0),
                ("Jabatan", 30.0),
                ("NIP", 20.0),
                ("Status", 10.0),
            ],
            rows,
        ))
    }
}

/// An instruction's indicators, as its page lists them.
fn indicators_sheet(detail: &InstructionDetail) -> Table {
    let names: std::collections::HashMap<&str, &str> =
        detail.agencies.iter().map(|agency| (agency.code.as_str(), agency.short_name.as_str())).collect();
    let rows = detail
        .indicators
        .iter()
        .map(|indicator| {
            vec![
                Cell::text(names.get(indicator.agency_code.as_str()).copied().unwrap_or(&indicator.agency_code)),
                Cell::text(&indicator.name),
                Cell::text(&indicator.unit),
                Cell::Quantity(indicator.baseline),
                Cell::Quantity(indicator.target),
                Cell::text(match indicator.direction {
                    Direction::HigherIsBetter => "Makin tinggi makin baik",
                    Direction::LowerIsBetter => "Makin rendah makin baik",
                }),
                Cell::day(&indicator.deadline),
                indicator.latest_value.map_or(Cell::Empty, Cell::Quantity),
                indicator.last_reported_on.as_deref().map_or(Cell::Empty, Cell::day),
                Cell::Permille(i64::from(indicator.achievement.permille)),
            ]
        })
        .collect();
    table(
        "Indikator",
        &[
            ("Perangkat daerah", 16.0),
            ("Indikator", 40.0),
            ("Satuan", 12.0),
            ("Kondisi awal", 12.0),
            ("Target", 12.0),
            ("Arah", 22.0),
            ("Tenggat", 12.0),
            ("Capaian terakhir", 12.0),
            ("Dilaporkan", 12.0),
            ("Capaian", 10.0),
        ],
        rows,
    )
}

/// Dialog-kinerja requests, a row each: what was asked, with what reason, and what stands
/// (the Dialog Kinerja page's list, and the period report's sheet).
pub(crate) fn requests_sheet(requests: &[NegotiationView]) -> Table {
    let rows = requests
        .iter()
        .map(|request| {
            let standing = request.decisions.iter().find(|decision| decision.standing);
            vec![
                Cell::day(&request.requested_on),
                Cell::text(&request.agency_short_name),
                Cell::text(request.instruction_number.as_deref().unwrap_or_default()),
                Cell::text(&request.indicator_name),
                Cell::text(&request.unit),
                Cell::Quantity(request.target_when_asked),
                request.proposed_target.map_or(Cell::Empty, Cell::Quantity),
                Cell::text(&request.justification),
                Cell::text(&terms::indonesian("negotiationStatus", request.status)),
                Cell::Quantity(request.effective_target),
                standing.map_or(Cell::Empty, |decision| Cell::text(&decision.note)),
            ]
        })
        .collect();
    table(
        "Dialog kinerja",
        &[
            ("Diajukan", 12.0),
            ("Perangkat daerah", 16.0),
            ("Nomor instruksi", 18.0),
            ("Indikator", 36.0),
            ("Satuan", 12.0),
            ("Target semula", 12.0),
            ("Usulan", 12.0),
            ("Alasan", 40.0),
            ("Status", 22.0),
            ("Target berlaku", 12.0),
            ("Catatan keputusan", 36.0),
        ],
        rows,
    )
}

/// Complaint figures by group (an agency, a kecamatan), with the total last when given.
fn group_sheet(sheet: &str, groups: &[GroupFigures], total: Option<&GroupFigures>) -> Table {
    let row = |name: &str, group: &GroupFigures| {
        vec![
            Cell::text(name),
            count(group.received),
            count(group.disposed),
            count(group.followed_up),
            count(group.completed),
            count(group.open),
            count(group.overdue),
            count(group.response_overdue),
            Cell::Permille(i64::from(group.follow_up_permille)),
            group
                .average_response_tenths
                .map_or(Cell::Empty, |tenths| Cell::Quantity(Quantity::from_ten_thousandths(i64::from(tenths) * 1000))),
        ]
    };
    let mut rows: Vec<Vec<Cell>> = groups.iter().map(|group| row(&group.name, group)).collect();
    if let Some(total) = total {
        rows.push(row("Jumlah", total));
    }
    table(
        sheet,
        &[
            ("Nama", 28.0),
            ("Diterima", 10.0),
            ("Didisposisikan", 12.0),
            ("Ditindaklanjuti", 12.0),
            ("Selesai", 10.0),
            ("Terbuka", 10.0),
            ("Lewat batas", 10.0),
            ("Terlambat ditanggapi", 12.0),
            ("Tingkat tindak lanjut", 12.0),
            ("Rata-rata hari tanggapan", 12.0),
        ],
        rows,
    )
}

/// The brief's five sections, a sheet each, as the page and the PDF show them.
fn brief_sheets(brief: &Brief) -> Vec<Table> {
    let agency = ("Perangkat daerah", 26.0);
    let standing = brief
        .standing
        .rows
        .iter()
        .map(|row| {
            vec![
                Cell::text(&row.short_name),
                count(row.active),
                count(row.on_track),
                count(row.at_risk),
                count(row.overdue),
                Cell::Permille(i64::from(row.achievement_permille)),
            ]
        })
        .collect();
    let requests = brief
        .requests
        .rows
        .iter()
        .map(|row| vec![Cell::text(&row.short_name), count(row.pending), Cell::day(&row.oldest_requested_on)])
        .collect();
    let budget = brief
        .budget
        .laggards
        .rows
        .iter()
        .map(|row| {
            vec![
                Cell::text(&row.short_name),
                Cell::Rupiah(row.pagu),
                Cell::Rupiah(row.realized),
                Cell::Permille(i64::from(row.absorption_permille)),
                Cell::Permille(i64::from(row.plan_permille)),
            ]
        })
        .collect();
    let complaint_row = |group: &GroupFigures, by: &str| {
        vec![Cell::text(&group.name), Cell::text(by), count(group.overdue), count(group.open)]
    };
    let complaints = brief
        .complaints
        .by_agency
        .rows
        .iter()
        .map(|group| complaint_row(group, "yang menangani"))
        .chain(brief.complaints.by_kecamatan.rows.iter().map(|group| complaint_row(group, "lokasi kejadian")))
        .collect();
    let stale = brief
        .stale
        .rows
        .iter()
        .map(|row| {
            vec![
                Cell::text(&row.short_name),
                row.last_report_on.as_deref().map_or(Cell::Empty, Cell::day),
                row.last_file_on.as_deref().map_or(Cell::Empty, Cell::day),
            ]
        })
        .collect();
    vec![
        table(
            "Capaian IKP",
            &[
                agency,
                ("Aktif", 8.0),
                ("Sesuai jadwal", 10.0),
                ("Berisiko", 10.0),
                ("Lewat tenggat", 10.0),
                ("Capaian", 10.0),
            ],
            standing,
        ),
        table("Permohonan menunggu", &[agency, ("Permohonan", 10.0), ("Diajukan sejak", 14.0)], requests),
        table(
            "Serapan tertinggal",
            &[agency, ("Pagu", 20.0), ("Realisasi", 20.0), ("Serapan", 10.0), ("Rencana", 10.0)],
            budget,
        ),
        table(
            "Pengaduan lewat batas",
            &[agency, ("Dihitung menurut", 16.0), ("Lewat batas", 10.0), ("Terbuka", 10.0)],
            complaints,
        ),
        table("Data belum diperbarui", &[agency, ("Laporan terakhir", 14.0), ("Berkas terakhir", 14.0)], stale),
    ]
}

fn table(sheet: &str, columns: &[(&str, f64)], rows: Vec<Vec<Cell>>) -> Table {
    Table {
        sheet: sheet.to_owned(),
        columns: columns.iter().map(|(title, width)| ((*title).to_owned(), *width)).collect(),
        rows,
    }
}

fn count(value: u32) -> Cell {
    Cell::Count(i64::from(value))
}

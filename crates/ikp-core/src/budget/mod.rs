//! Budget absorption (serapan anggaran): each agency's ceiling (pagu) per fiscal year
//! with its revisions (APBD murni, APBD perubahan, pergeseran), the monthly
//! disbursement plan, realization entries (typed in or imported from CSV) and physical
//! progress; absorption, the plan-vs-actual S-curve and the year-end projection.
//!
//! `payload` holds the signed payloads, `ops` and `import` the use cases, `project`
//! the projection (with per-month sums), `curve` the pure arithmetic and `queries`
//! what screens read; `indicator_link` keeps "serapan anggaran" IKP indicators current. Money is `money::Rupiah`: exact sen, never a float.

pub mod api;
pub mod curve;
pub mod import;
mod import_columns;
pub(crate) mod indicator_link;
pub mod jenis;
pub mod ops;
pub mod payload;
pub mod plan_import;
pub(crate) mod project;
pub mod queries;
mod sipd;
pub mod workbook;

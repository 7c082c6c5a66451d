//! The desk's SP4N-LAPOR! complaint use cases, each for the viewer's scope.

use crate::complaint::import::{self as complaint_import, ColumnChoice, ComplaintImportPreview};
use crate::complaint::ops::{
    self as complaint_ops, ComplaintFollowUpInput, ComplaintInput, CompleteInput, DisposeInput, StatusInput,
};
use crate::complaint::payload::TimeLimit;
use crate::complaint::queries::{
    self as complaint_queries, ComplaintDetail, ComplaintFilter, ComplaintSummary, ComplaintView, HistoryView,
    RapimComplaints, Scope,
};
use crate::desk::Desk;
use crate::device;
use crate::error::Result;
use crate::period::Period;
use crate::use_case::EvidenceRef;

impl Desk {
    /// Whose complaints this laptop's user sees: all (leadership) or their agency's.
    fn complaint_scope(&self) -> Result<Scope> {
        Scope::of(self.store.conn(), self.key.id())
    }

    /// Records one complaint typed in (the Secretary's office), or updates it by tracking id.
    pub fn record_complaint(&mut self, input: ComplaintInput) -> Result<ComplaintDetail> {
        let id = self.act(|tx, author| complaint_ops::record_complaint(tx, author, input))?;
        self.complaint(&id)
    }

    /// Disposes a complaint to an agency or a camat, or re-disposes it (with a reason).
    pub fn dispose_complaint(&mut self, input: DisposeInput) -> Result<ComplaintDetail> {
        let id = input.tracking_id.clone();
        self.act(|tx, author| complaint_ops::dispose(tx, author, input))?;
        self.complaint(&id)
    }

    pub fn follow_up_complaint(&mut self, input: ComplaintFollowUpInput) -> Result<ComplaintDetail> {
        self.require_evidence(&input.evidence)?;
        let id = input.tracking_id.clone();
        self.act(|tx, author| complaint_ops::follow_up(tx, author, input))?;
        self.complaint(&id)
    }

    /// Closes a complaint with proof of completion (photo, video or official letter).
    pub fn complete_complaint(&mut self, input: CompleteInput) -> Result<ComplaintDetail> {
        let evidence: Vec<EvidenceRef> = input.proof.iter().map(|proof| proof.evidence.clone()).collect();
        self.require_evidence(&evidence)?;
        let id = input.tracking_id.clone();
        self.act(|tx, author| complaint_ops::complete(tx, author, input))?;
        self.complaint(&id)
    }

    /// Hold, resume, not the regency's to handle, archive.
    pub fn change_complaint_status(&mut self, input: StatusInput) -> Result<ComplaintDetail> {
        let id = input.tracking_id.clone();
        self.act(|tx, author| complaint_ops::change_status(tx, author, input))?;
        self.complaint(&id)
    }

    pub fn complaint(&self, tracking_id: &str) -> Result<ComplaintDetail> {
        let viewer = device::principal(self.store.conn(), self.key.id())?;
        complaint_queries::detail(
            self.store.conn(),
            &self.complaint_scope()?,
            tracking_id,
            self.today(),
            viewer.as_ref(),
        )
    }

    pub fn complaints(&self, filter: &ComplaintFilter) -> Result<Vec<ComplaintView>> {
        complaint_queries::list(self.store.conn(), &self.complaint_scope()?, filter, self.today())
    }

    /// Per agency and per kecamatan figures for complaints received in the months given (YYYY-MM).
    pub fn complaint_summary(&self, from_month: Option<&str>, to_month: Option<&str>) -> Result<ComplaintSummary> {
        complaint_queries::summary(self.store.conn(), &self.complaint_scope()?, from_month, to_month, self.today())
    }

    /// The complaint item of a rapim agenda.
    pub fn complaint_rapim(&self, from_month: Option<&str>, to_month: Option<&str>) -> Result<RapimComplaints> {
        complaint_queries::rapim(self.store.conn(), &self.complaint_scope()?, from_month, to_month, self.today())
    }

    /// Dispositions and re-dispositions, newest first: who sent what where, and why.
    pub fn complaint_dispositions(&self, limit: u32) -> Result<Vec<HistoryView>> {
        complaint_queries::dispositions(self.store.conn(), &self.complaint_scope()?, limit)
    }

    /// The channels complaints came in by, with their counts (the list's channel filter).
    pub fn complaint_channels(&self) -> Result<Vec<complaint_queries::ChannelCount>> {
        complaint_queries::channels(self.store.conn(), &self.complaint_scope()?)
    }

    /// The complaint item of a rapim agenda for a period (a month, quarter, year, months).
    pub fn complaint_rapim_in(&self, period: &Period) -> Result<RapimComplaints> {
        let (from, to) = period.months()?;
        self.complaint_rapim(from.as_deref(), to.as_deref())
    }

    /// Every complaint this user sees, as CSV with every timestamp.
    pub fn export_complaints_csv(&self) -> Result<String> {
        self.export_complaints_csv_in(&Period::All)
    }

    /// The complaints received in a period, as CSV: the export carries the screen's filter.
    pub fn export_complaints_csv_in(&self, period: &Period) -> Result<String> {
        let months = period.months()?;
        complaint_queries::export_csv(self.store.conn(), &self.complaint_scope()?, &months, self.today())
    }

    /// Reads and checks a LAPOR! export (CSV or XLSX) without writing anything.
    pub fn preview_complaint_import(
        &self,
        source: &str,
        file_name: &str,
        bytes: &[u8],
        choices: &[ColumnChoice],
    ) -> Result<ComplaintImportPreview> {
        Ok(complaint_import::check(self.store.conn(), source, file_name, bytes, choices, self.today())?.preview)
    }

    /// Imports a LAPOR! export: all of it, or (with `skip_bad_rows`) all but the rows the
    /// preview listed; nothing while a row is bad otherwise. Known tracking ids are updated.
    pub fn import_complaints(
        &mut self,
        source: &str,
        file_name: &str,
        bytes: &[u8],
        choices: &[ColumnChoice],
        skip_bad_rows: bool,
    ) -> Result<ComplaintImportPreview> {
        self.act(|tx, author| {
            let checked = complaint_import::check(tx, source, file_name, bytes, choices, author.today)?;
            complaint_import::commit(tx, author, checked, skip_bad_rows)
        })
    }

    pub fn complaint_time_limits(&self) -> Result<Vec<TimeLimit>> {
        crate::complaint::limits::time_limits(self.store.conn())
    }

    /// Sets the time limits per classification (leadership); running deadlines follow.
    pub fn set_complaint_time_limits(&mut self, limits: Vec<TimeLimit>) -> Result<Vec<TimeLimit>> {
        self.act(|tx, author| complaint_ops::set_time_limits(tx, author, limits))?;
        self.complaint_time_limits()
    }

    /// Working days an agency has from disposition to its first follow-up.
    pub fn complaint_first_response_days(&self) -> Result<u32> {
        crate::complaint::limits::first_response_days(self.store.conn())
    }

    /// Sets the first-response clock (leadership).
    pub fn set_complaint_first_response_days(&mut self, working_days: u32) -> Result<u32> {
        self.act(|tx, author| complaint_ops::set_first_response_days(tx, author, working_days))?;
        self.complaint_first_response_days()
    }
}

//! The desk's SP4N-LAPOR! complaint use cases, each for the viewer's scope.

use std::ops::{Deref, DerefMut};

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

/// `desk.complaints()`: the use cases of SP4N-LAPOR! complaints: recording, disposition,
/// follow-up, imports and summaries.
pub struct ComplaintDesk<D> {
    pub(crate) desk: D,
}

impl<D: Deref<Target = Desk>> ComplaintDesk<D> {
    /// Whose complaints this laptop's user sees: all (leadership) or their agency's.
    fn complaint_scope(&self) -> Result<Scope> {
        Scope::of(self.desk.store.conn(), self.desk.key.id())
    }

    pub fn detail(&self, tracking_id: &str) -> Result<ComplaintDetail> {
        let viewer = device::principal(self.desk.store.conn(), self.desk.key.id())?;
        complaint_queries::detail(
            self.desk.store.conn(),
            &self.complaint_scope()?,
            tracking_id,
            self.desk.today(),
            viewer.as_ref(),
        )
    }

    pub fn list(&self, filter: &ComplaintFilter) -> Result<Vec<ComplaintView>> {
        complaint_queries::list(self.desk.store.conn(), &self.complaint_scope()?, filter, self.desk.today())
    }

    /// Per agency and per kecamatan figures for complaints received in the months given (YYYY-MM).
    pub fn summary(&self, from_month: Option<&str>, to_month: Option<&str>) -> Result<ComplaintSummary> {
        complaint_queries::summary(
            self.desk.store.conn(),
            &self.complaint_scope()?,
            from_month,
            to_month,
            self.desk.today(),
        )
    }

    /// The complaint item of a rapim agenda.
    pub fn rapim(&self, from_month: Option<&str>, to_month: Option<&str>) -> Result<RapimComplaints> {
        complaint_queries::rapim(
            self.desk.store.conn(),
            &self.complaint_scope()?,
            from_month,
            to_month,
            self.desk.today(),
        )
    }

    /// Dispositions and re-dispositions, newest first: who sent what where, and why.
    pub fn dispositions(&self, limit: u32) -> Result<Vec<HistoryView>> {
        complaint_queries::dispositions(self.desk.store.conn(), &self.complaint_scope()?, limit)
    }

    /// The channels complaints came in by, with their counts (the list's channel filter).
    pub fn channels(&self) -> Result<Vec<complaint_queries::ChannelCount>> {
        complaint_queries::channels(self.desk.store.conn(), &self.complaint_scope()?)
    }

    /// The complaint item of a rapim agenda for a period (a month, quarter, year, months).
    pub fn rapim_in(&self, period: &Period) -> Result<RapimComplaints> {
        let (from, to) = period.months()?;
        self.rapim(from.as_deref(), to.as_deref())
    }

    /// Every complaint this user sees, as CSV with every timestamp.
    pub fn export_csv(&self) -> Result<String> {
        self.export_csv_in(&Period::All)
    }

    /// The complaints received in a period, as CSV: the export carries the screen's filter.
    pub fn export_csv_in(&self, period: &Period) -> Result<String> {
        let months = period.months()?;
        complaint_queries::export_csv(self.desk.store.conn(), &self.complaint_scope()?, &months, self.desk.today())
    }

    /// Reads and checks a LAPOR! export (CSV or XLSX) without writing anything.
    pub fn preview_import(
        &self,
        source: &str,
        file_name: &str,
        bytes: &[u8],
        choices: &[ColumnChoice],
    ) -> Result<ComplaintImportPreview> {
        Ok(complaint_import::check(self.desk.store.conn(), source, file_name, bytes, choices, self.desk.today())?
            .preview)
    }

    pub fn time_limits(&self) -> Result<Vec<TimeLimit>> {
        crate::complaint::limits::time_limits(self.desk.store.conn())
    }

    /// Working days an agency has from disposition to its first follow-up.
    pub fn first_response_days(&self) -> Result<u32> {
        crate::complaint::limits::first_response_days(self.desk.store.conn())
    }
}

impl<D: DerefMut<Target = Desk>> ComplaintDesk<D> {
    /// Records one complaint typed in (the Secretary's office), or updates it by tracking id.
    pub fn record(&mut self, input: ComplaintInput) -> Result<ComplaintDetail> {
        let id = self.desk.act(|tx, author| complaint_ops::record_complaint(tx, author, input))?;
        self.detail(&id)
    }

    /// Disposes a complaint to an agency or a camat, or re-disposes it (with a reason).
    pub fn dispose(&mut self, input: DisposeInput) -> Result<ComplaintDetail> {
        let id = input.tracking_id.clone();
        self.desk.act(|tx, author| complaint_ops::dispose(tx, author, input))?;
        self.detail(&id)
    }

    pub fn follow_up(&mut self, input: ComplaintFollowUpInput) -> Result<ComplaintDetail> {
        self.desk.require_evidence(&input.evidence)?;
        let id = input.tracking_id.clone();
        self.desk.act(|tx, author| complaint_ops::follow_up(tx, author, input))?;
        self.detail(&id)
    }

    /// Closes a complaint with proof of completion (photo, video or official letter).
    pub fn complete(&mut self, input: CompleteInput) -> Result<ComplaintDetail> {
        let evidence: Vec<EvidenceRef> = input.proof.iter().map(|proof| proof.evidence.clone()).collect();
        self.desk.require_evidence(&evidence)?;
        let id = input.tracking_id.clone();
        self.desk.act(|tx, author| complaint_ops::complete(tx, author, input))?;
        self.detail(&id)
    }

    /// Hold, resume, not the regency's to handle, archive.
    pub fn change_status(&mut self, input: StatusInput) -> Result<ComplaintDetail> {
        let id = input.tracking_id.clone();
        self.desk.act(|tx, author| complaint_ops::change_status(tx, author, input))?;
        self.detail(&id)
    }

    /// Imports a LAPOR! export: all of it, or (with `skip_bad_rows`) all but the rows the
    /// preview listed; nothing while a row is bad otherwise. Known tracking ids are updated.
    pub fn import(
        &mut self,
        source: &str,
        file_name: &str,
        bytes: &[u8],
        choices: &[ColumnChoice],
        skip_bad_rows: bool,
    ) -> Result<ComplaintImportPreview> {
        self.desk.act(|tx, author| {
            let checked = complaint_import::check(tx, source, file_name, bytes, choices, author.today)?;
            complaint_import::commit(tx, author, checked, skip_bad_rows)
        })
    }

    /// Sets the time limits per classification (leadership); running deadlines follow.
    pub fn set_time_limits(&mut self, limits: Vec<TimeLimit>) -> Result<Vec<TimeLimit>> {
        self.desk.act(|tx, author| complaint_ops::set_time_limits(tx, author, limits))?;
        self.time_limits()
    }

    /// Sets the first-response clock (leadership).
    pub fn set_first_response_days(&mut self, working_days: u32) -> Result<u32> {
        self.desk.act(|tx, author| complaint_ops::set_first_response_days(tx, author, working_days))?;
        self.first_response_days()
    }
}

//! Loading the demo regency and generating benchmark data.

use std::ops::DerefMut;

use crate::demo::{self, DemoSummary};
use crate::desk::Desk;
use crate::error::Result;
use crate::evidence::EvidenceStore;

/// `desk.demo()`: the use cases of the demo regency and the benchmarks' generators.
pub struct DemoDesk<D> {
    pub(crate) desk: D,
}

impl<D: DerefMut<Target = Desk>> DemoDesk<D> {
    pub fn load(&mut self) -> Result<DemoSummary> {
        // The demo's letterhead logo is stored first (by hash, so again is harmless);
        // its `regency.logo_set` event is in the demo's transaction.
        EvidenceStore::new(&self.desk.data_dir).put_bytes(demo::minutes::DEMO_LOGO_NAME, demo::minutes::DEMO_LOGO)?;
        let Desk { store, clock, .. } = &mut *self.desk;
        demo::load(store, clock.as_ref())
    }
}

#[cfg(feature = "generators")]
impl<D: DerefMut<Target = Desk>> DemoDesk<D> {
    /// Adds `count` synthetic events on top of the demo data (loading it if needed).
    pub fn generate_scale(&mut self, count: u64) -> Result<()> {
        if !demo::is_loaded(self.desk.store.conn())? {
            self.load()?;
        }
        let Desk { store, clock, .. } = &mut *self.desk;
        demo::generate(store, clock.as_ref(), count, 1_000)
    }

    /// Adds `count` events signed by this laptop's own key (it must be leadership):
    /// exportable data for the sync benchmark and crash test.
    pub fn generate_own_events(&mut self, count: u64) -> Result<()> {
        let Desk { store, key, clock, .. } = &mut *self.desk;
        demo::generate_as(store, key, clock.as_ref(), count, 1_000)
    }

    /// Adds `count` pending negotiation requests on top of the demo data (loading it if
    /// needed): the meeting-mode benchmark's queue.
    pub fn generate_meeting_queue(&mut self, count: u32) -> Result<()> {
        if !demo::is_loaded(self.desk.store.conn())? {
            self.load()?;
        }
        let Desk { store, clock, .. } = &mut *self.desk;
        demo::dialogue::generate_queue(store, clock.as_ref(), count)
    }

    /// Adds `years` past fiscal years with `entries` realization entries in all (the
    /// budget benchmark), on top of the demo data (loading it if needed).
    pub fn generate_budget_history(&mut self, years: i32, entries: u64) -> Result<()> {
        if !demo::is_loaded(self.desk.store.conn())? {
            self.load()?;
        }
        let Desk { store, clock, .. } = &mut *self.desk;
        demo::budget::generate_history(store, clock.as_ref(), years, entries)
    }

    /// Generates a benchmark regency (see `demo::regency`) on top of the demo data.
    pub fn generate_regency(&mut self, spec: &demo::regency::RegencySpec) -> Result<()> {
        let Desk { store, clock, .. } = &mut *self.desk;
        demo::regency::generate(store, clock.as_ref(), spec, 500)
    }

    /// Adds `count` complaints received over the last `years` years (the complaint
    /// benchmark), on top of the demo data (loading it if needed).
    pub fn generate_complaint_history(&mut self, years: i32, count: u64) -> Result<()> {
        if !demo::is_loaded(self.desk.store.conn())? {
            self.load()?;
        }
        let Desk { store, clock, .. } = &mut *self.desk;
        demo::complaints::generate_history(store, clock.as_ref(), years, count)
    }
}

//! Loading the demo regency and generating benchmark data.

use crate::demo::{self, DemoSummary};
use crate::desk::Desk;
use crate::error::Result;
use crate::evidence::EvidenceStore;

impl Desk {
    pub fn load_demo(&mut self) -> Result<DemoSummary> {
        // The demo's letterhead logo is stored first (by hash, so again is harmless);
        // its `regency.logo_set` event is in the demo's transaction.
        EvidenceStore::new(&self.data_dir).put_bytes(demo::minutes::DEMO_LOGO_NAME, demo::minutes::DEMO_LOGO)?;
        demo::load(&mut self.store, self.clock.as_ref())
    }

    /// Adds `count` synthetic events on top of the demo data (loading it if needed).
    pub fn generate_scale(&mut self, count: u64) -> Result<()> {
        if !demo::is_loaded(self.store.conn())? {
            self.load_demo()?;
        }
        demo::generate(&mut self.store, self.clock.as_ref(), count, 1_000)
    }

    /// Adds `count` events signed by this laptop's own key (it must be leadership):
    /// exportable data for the sync benchmark and crash test.
    pub fn generate_own_events(&mut self, count: u64) -> Result<()> {
        let Desk { store, key, clock, .. } = self;
        demo::generate_as(store, key, clock.as_ref(), count, 1_000)
    }

    /// Adds `count` pending negotiation requests on top of the demo data (loading it if
    /// needed): the meeting-mode benchmark's queue.
    pub fn generate_meeting_queue(&mut self, count: u32) -> Result<()> {
        if !demo::is_loaded(self.store.conn())? {
            self.load_demo()?;
        }
        demo::dialogue::generate_queue(&mut self.store, self.clock.as_ref(), count)
    }

    /// Adds `years` past fiscal years with `entries` realization entries in all (the
    /// budget benchmark), on top of the demo data (loading it if needed).
    pub fn generate_budget_history(&mut self, years: i32, entries: u64) -> Result<()> {
        if !demo::is_loaded(self.store.conn())? {
            self.load_demo()?;
        }
        demo::budget::generate_history(&mut self.store, self.clock.as_ref(), years, entries)
    }

    /// Generates a benchmark regency (see `demo::regency`) on top of the demo data.
    pub fn generate_regency(&mut self, spec: &demo::regency::RegencySpec) -> Result<()> {
        demo::regency::generate(&mut self.store, self.clock.as_ref(), spec, 500)
    }

    /// Adds `count` complaints received over the last `years` years (the complaint
    /// benchmark), on top of the demo data (loading it if needed).
    pub fn generate_complaint_history(&mut self, years: i32, count: u64) -> Result<()> {
        if !demo::is_loaded(self.store.conn())? {
            self.load_demo()?;
        }
        demo::complaints::generate_history(&mut self.store, self.clock.as_ref(), years, count)
    }
}

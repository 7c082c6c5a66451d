//! `ikp bench negotiations`: meeting mode as the core serves it — the queue of pending
//! requests, and one decision after another, each returning the sitting's summary.

use std::fmt;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use ikp_core::clock::SystemClock;
use ikp_core::negotiation::ops::{DecisionInput, MeetingInput};
use ikp_core::negotiation::Outcome;
use ikp_core::principal::Role;
use ikp_core::{CoreError, Desk, SetupInput};
use serde::Serialize;

use super::QueryTiming;

#[derive(Serialize)]
pub struct NegotiationBench {
    pub pending_before: u32,
    pub events: u32,
    pub timings: Vec<QueryTiming>,
}

impl fmt::Display for NegotiationBench {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} pending requests, {} events in the log", self.pending_before, self.events)?;
        writeln!(f, "{}", super::TIMING_HEADER)?;
        for timing in &self.timings {
            writeln!(f, "{timing}")?;
        }
        Ok(())
    }
}

pub fn run(data_dir: Option<&Path>, pending: u32, decisions: u32, repeat: u32) -> Result<NegotiationBench, CoreError> {
    let scratch = tempfile::tempdir()?;
    let dir = data_dir.unwrap_or(scratch.path());
    let mut desk = Desk::open_profile(dir, Some("bench-regent"), Arc::new(SystemClock))?;
    if desk.status()?.device.is_none() {
        desk.setup_device(SetupInput { role: Role::Regent, agency_code: None, user_name: "Bupati (bench)".into() })?;
    }
    let waiting = pending_count(&desk)?;
    if waiting < pending {
        desk.demo().generate_meeting_queue(pending - waiting)?;
    }
    let pending_before = pending_count(&desk)?;
    let queue = QueryTiming::measure("meeting queue", repeat, &mut || {
        Ok(desk.negotiations().queue()?.iter().map(|group| group.requests.len()).sum())
    })?;
    let meeting = desk.negotiations().open_meeting(MeetingInput {
        title: "Rapat Pimpinan (bench)".into(),
        held_on: None,
        place: "Ruang rapat".into(),
        chair: "Bupati".into(),
    })?;
    let ids = super::queued_request_ids(&mut desk, decisions as usize)?;
    let mut decide_samples = Vec::with_capacity(ids.len());
    let mut last_decision = String::new();
    for (position, id) in ids.iter().enumerate() {
        let started = Instant::now();
        let result = desk.negotiations().decide(DecisionInput {
            negotiation_id: id.clone(),
            outcome: if position % 3 == 0 { Outcome::Reject } else { Outcome::Approve },
            counter_target: None,
            counter_deadline: None,
            note: String::new(),
            meeting_id: Some(meeting.id.clone()),
        })?;
        decide_samples.push(started.elapsed().as_secs_f64() * 1000.0);
        last_decision = result.decision_event;
    }
    let decided = decide_samples.len();
    let started = Instant::now();
    desk.negotiations().undo_decision(&last_decision, "bench", Some(&meeting.id))?;
    let undo = QueryTiming::of("undo last decision", 1, vec![started.elapsed().as_secs_f64() * 1000.0]);
    Ok(NegotiationBench {
        pending_before,
        events: desk.status()?.event_count,
        timings: vec![queue, QueryTiming::of("decide (+ sitting summary)", decided, decide_samples), undo],
    })
}

fn pending_count(desk: &Desk) -> Result<u32, CoreError> {
    Ok(desk
        .store()
        .conn()
        .query_row("SELECT count(*) FROM negotiations WHERE status = 'pending'", [], |row| row.get(0))?)
}

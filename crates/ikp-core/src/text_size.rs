//! How large this laptop shows the app: a step of zoom that a person chooses (Ctrl and +
//! or −, or Pengaturan) and that stays for the next start. Many Regents and Sekdas read
//! on small laptop screens or a projector; the layouts are made to hold at 150% on a
//! 1366×768 screen. A preference of this laptop only: kept in `local_state`, never an
//! event, never synchronised.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, InputProblem, Result};

/// The steps, in percent. Between them the layouts were checked; beyond 200% a laptop
/// screen shows too little of a table to work in.
pub const STEPS: [u16; 6] = [100, 110, 125, 150, 175, 200];
const KEY: &str = "text_size_percent";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum TextSizeChange {
    Larger,
    Smaller,
    Reset,
}

/// The size chosen on this laptop (100 until one is chosen).
pub fn get(conn: &Connection) -> Result<u16> {
    let stored = crate::local_state::get(conn, KEY)?;
    // A value another build wrote that this one has no step for counts as the default.
    Ok(stored.and_then(|text| text.parse().ok()).filter(|percent| STEPS.contains(percent)).unwrap_or(STEPS[0]))
}

/// Chooses `percent`, one of `STEPS`.
pub fn set(conn: &Connection, percent: u16) -> Result<u16> {
    if !STEPS.contains(&percent) {
        return Err(CoreError::invalid("textSize", InputProblem::OutOfRange));
    }
    crate::local_state::set(conn, KEY, &percent.to_string())?;
    Ok(percent)
}

/// One step larger or smaller (staying at the ends), or back to 100%.
pub fn change(conn: &Connection, change: TextSizeChange) -> Result<u16> {
    let current = get(conn)?;
    let now = STEPS.iter().position(|step| *step == current).unwrap_or(0);
    let next = match change {
        TextSizeChange::Larger => (now + 1).min(STEPS.len() - 1),
        TextSizeChange::Smaller => now.saturating_sub(1),
        TextSizeChange::Reset => 0,
    };
    set(conn, STEPS[next])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> crate::store::Store {
        crate::store::Store::open_in_memory().unwrap()
    }

    #[test]
    fn steps_up_and_down_and_stays_at_the_ends() {
        let store = store();
        let conn = store.conn();
        assert_eq!(get(conn).unwrap(), 100);
        assert_eq!(change(conn, TextSizeChange::Smaller).unwrap(), 100);
        let sizes: Vec<u16> = (0..7).map(|_| change(conn, TextSizeChange::Larger).unwrap()).collect();
        assert_eq!(sizes, [110, 125, 150, 175, 200, 200, 200]);
        assert_eq!(change(conn, TextSizeChange::Smaller).unwrap(), 175);
        assert_eq!(get(conn).unwrap(), 175, "kept");
        assert_eq!(change(conn, TextSizeChange::Reset).unwrap(), 100);
    }

    #[test]
    fn a_size_between_the_steps_is_refused_by_name_and_changes_nothing() {
        let store = store();
        let conn = store.conn();
        set(conn, 150).unwrap();
        assert_eq!(set(conn, 130).unwrap_err(), CoreError::invalid("textSize", InputProblem::OutOfRange));
        assert_eq!(get(conn).unwrap(), 150);
    }
}

/// The size chosen and the steps to choose from (for the setting's list).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TextSize {
    pub percent: u16,
    pub steps: Vec<u16>,
}

impl TextSize {
    fn of(percent: u16) -> TextSize {
        TextSize { percent, steps: STEPS.to_vec() }
    }
}

impl crate::Desk {
    /// The text size chosen on this laptop.
    pub fn text_size(&self) -> Result<TextSize> {
        get(self.store.conn()).map(TextSize::of)
    }

    pub fn set_text_size(&mut self, percent: u16) -> Result<TextSize> {
        set(self.store.conn(), percent).map(TextSize::of)
    }

    pub fn change_text_size(&mut self, step: TextSizeChange) -> Result<TextSize> {
        change(self.store.conn(), step).map(TextSize::of)
    }
}

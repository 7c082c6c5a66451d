//! What the leadership reads of complaints as a whole: the follow-up rate, response time,
//! open and overdue complaints per agency and per kecamatan, and the rapim agenda item.
//! Read from the monthly counts in `complaint_stats`, not from complaint rows.

use super::queries::{list, ComplaintFilter, ComplaintView, Scope};
use crate::agency::{self, AgencyKind};
use crate::error::Result;
use crate::workdays;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use std::collections::HashMap;

/// One agency's, or one kecamatan's, figures.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct GroupFigures {
    pub code: String,
    pub name: String,
    pub received: u32,
    pub disposed: u32,
    pub followed_up: u32,
    pub completed: u32,
    pub open: u32,
    /// Past the completion deadline of their stage (the second clock).
    pub overdue: u32,
    /// Disposed, still without a first follow-up past the first-response limit.
    pub response_overdue: u32,
    /// Followed up ÷ disposed, in permille.
    pub follow_up_permille: u32,
    /// Mean calendar days from disposition to the first follow-up, in tenths of a day.
    pub average_response_tenths: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ComplaintSummary {
    /// YYYY-MM, inclusive (by month received); None for no bound.
    pub from_month: Option<String>,
    pub to_month: Option<String>,
    pub as_of: String,
    pub total: GroupFigures,
    /// By the agency (or camat) the complaints are with; most overdue first.
    pub by_agency: Vec<GroupFigures>,
    /// By the kecamatan where they happened (leadership only).
    pub by_kecamatan: Vec<GroupFigures>,
}

/// The complaint item of a rapim agenda: a table the minutes can carry as it is.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RapimComplaints {
    pub agenda_title: String,
    pub summary: ComplaintSummary,
    /// The agencies most behind (most overdue, then lowest follow-up rate), at most 10.
    pub agencies_behind: Vec<GroupFigures>,
    /// The longest overdue complaints, at most 10.
    pub longest_overdue: Vec<ComplaintView>,
    /// Re-dispositions in the period.
    pub redispositions: u32,
}

/// Follow-up rate, response time, open and overdue complaints per agency (and, for the
/// leadership, per kecamatan), for complaints received in the months given.
pub fn summary(
    conn: &Connection,
    scope: &Scope,
    from_month: Option<&str>,
    to_month: Option<&str>,
    today: NaiveDate,
) -> Result<ComplaintSummary> {
    let agencies = agency::list(conn)?;
    let names: HashMap<String, String> = agencies.iter().map(|a| (a.code.clone(), a.short_name.clone())).collect();
    let from = from_month.unwrap_or("0000-00");
    let to = to_month.unwrap_or("9999-99");
    let mut by_agency = group_figures(conn, "agency", from, to, &names)?;
    let mut by_kecamatan = group_figures(conn, "kecamatan", from, to, &names)?;
    // Overdue: only complaints whose clock runs are read, by the partial index (named, so
    // the planner never prefers scanning a period of a million complaints by date).
    let (from_day, to_day) = (format!("{from}-01"), format!("{to}-31"));
    let mut statement = conn.prepare_cached(
        "SELECT coalesce(agency_code, ''), coalesce(kecamatan_code, ''), count(*)
         FROM complaints INDEXED BY complaints_running
         WHERE due_on IS NOT NULL AND due_on < ?1 AND received_on >= ?2 AND received_on <= ?3
         GROUP BY 1, 2",
    )?;
    let counts = statement.query_map(rusqlite::params![today.to_string(), from_day, to_day], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, i64>(2)?))
    })?;
    let mut add = |agency_code: String, kecamatan_code: String, count: i64, first_clock: bool| {
        for (code, groups) in [(agency_code, &mut by_agency), (kecamatan_code, &mut by_kecamatan)] {
            let figures = groups.entry(code.clone()).or_insert_with(|| GroupFigures {
                name: names.get(&code).cloned().unwrap_or_default(),
                code,
                ..GroupFigures::default()
            });
            let count = count.clamp(0, i64::from(u32::MAX)) as u32;
            if first_clock {
                figures.response_overdue += count;
            } else {
                figures.overdue += count;
            }
        }
    };
    for count in counts {
        let (agency_code, kecamatan_code, overdue) = count?;
        add(agency_code, kecamatan_code, overdue, false);
    }
    // The first clock, over the running complaints not yet answered (their own partial
    // index, which covers the count): disposed on or before the last day whose
    // first-response deadline has passed.
    let days = super::limits::first_response_days(conn)?;
    if let Some(last) = super::limits::last_overdue_disposition(days, &workdays::calendar(conn)?, today) {
        let mut statement = conn.prepare_cached(
            "SELECT coalesce(agency_code, ''), coalesce(kecamatan_code, ''), count(*)
             FROM complaints INDEXED BY complaints_awaiting_response
             WHERE due_on IS NOT NULL AND disposed_on <= ?1 AND first_followup_on IS NULL
                   AND completed_on IS NULL AND received_on >= ?2 AND received_on <= ?3
             GROUP BY 1, 2",
        )?;
        let counts = statement.query_map(rusqlite::params![last.to_string(), from_day, to_day], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, i64>(2)?))
        })?;
        for count in counts {
            let (agency_code, kecamatan_code, overdue) = count?;
            add(agency_code, kecamatan_code, overdue, true);
        }
    }
    // Every kecamatan is listed, even one without complaints.
    for agency in agencies.iter().filter(|a| a.kind == AgencyKind::Kecamatan) {
        by_kecamatan.entry(agency.code.clone()).or_insert_with(|| GroupFigures {
            code: agency.code.clone(),
            name: agency.short_name.clone(),
            ..GroupFigures::default()
        });
    }
    let total = {
        let mut total = GroupFigures { name: "Kabupaten".into(), ..GroupFigures::default() };
        let mut raw = RawCounts::default();
        for figures in by_agency.values() {
            total.overdue += figures.overdue;
            total.response_overdue += figures.response_overdue;
        }
        for row in conn
            .prepare_cached(
                "SELECT sum(received), sum(disposed), sum(followed_up), sum(completed), sum(closed), sum(responded),
                        sum(response_days)
                 FROM complaint_stats WHERE dimension = 'agency' AND month >= ?1 AND month <= ?2",
            )?
            .query_map([from, to], RawCounts::read)?
        {
            raw = row?;
        }
        raw.fill(&mut total);
        total
    };
    let mut by_agency: Vec<GroupFigures> =
        by_agency.into_values().filter(|g| scope.own().is_none_or(|own| own == g.code)).collect();
    // A camat sees the figures of its wilayah too; an agency has no wilayah.
    let mut by_kecamatan: Vec<GroupFigures> = match scope {
        Scope::All => by_kecamatan.into_values().collect(),
        Scope::Agency(_) => Vec::new(),
        Scope::Kecamatan(own) => by_kecamatan.into_values().filter(|g| &g.code == own).collect(),
    };
    let total = match scope {
        Scope::All => total,
        Scope::Agency(_) | Scope::Kecamatan(_) => by_agency.first().cloned().unwrap_or_default(),
    };
    for groups in [&mut by_agency, &mut by_kecamatan] {
        groups.sort_by(|a, b| {
            b.overdue.cmp(&a.overdue).then(a.follow_up_permille.cmp(&b.follow_up_permille)).then(a.code.cmp(&b.code))
        });
    }
    Ok(ComplaintSummary {
        from_month: from_month.map(str::to_owned),
        to_month: to_month.map(str::to_owned),
        as_of: today.to_string(),
        total,
        by_agency,
        by_kecamatan,
    })
}

#[derive(Default)]
pub(crate) struct RawCounts([i64; 7]);

impl RawCounts {
    fn read(row: &rusqlite::Row<'_>) -> rusqlite::Result<RawCounts> {
        let mut counts = [0; 7];
        for (index, count) in counts.iter_mut().enumerate() {
            *count = row.get::<_, Option<i64>>(index)?.unwrap_or(0);
        }
        Ok(RawCounts(counts))
    }

    fn fill(&self, figures: &mut GroupFigures) {
        let [received, disposed, followed_up, completed, closed, responded, response_days] = self.0;
        let count = |n: i64| n.clamp(0, i64::from(u32::MAX)) as u32;
        figures.received = count(received);
        figures.disposed = count(disposed);
        figures.followed_up = count(followed_up);
        figures.completed = count(completed);
        figures.open = count(received - closed);
        figures.follow_up_permille = if disposed > 0 { count(followed_up * 1000 / disposed) } else { 0 };
        figures.average_response_tenths =
            (responded > 0).then(|| count((response_days * 10 + responded / 2) / responded));
    }
}

pub(crate) fn group_figures(
    conn: &Connection,
    dimension: &str,
    from: &str,
    to: &str,
    names: &HashMap<String, String>,
) -> Result<HashMap<String, GroupFigures>> {
    let mut statement = conn.prepare_cached(
        "SELECT code, sum(received), sum(disposed), sum(followed_up), sum(completed), sum(closed), sum(responded),
                sum(response_days)
         FROM complaint_stats WHERE dimension = ?1 AND month >= ?2 AND month <= ?3 GROUP BY code",
    )?;
    let rows = statement.query_map([dimension, from, to], |row| {
        let code: String = row.get(0)?;
        let mut counts = [0; 7];
        for (index, count) in counts.iter_mut().enumerate() {
            *count = row.get::<_, Option<i64>>(index + 1)?.unwrap_or(0);
        }
        Ok((code, RawCounts(counts)))
    })?;
    let mut groups = HashMap::new();
    for row in rows {
        let (code, raw) = row?;
        if raw.0[0] == 0 {
            continue;
        }
        let mut figures = GroupFigures {
            name: names.get(&code).cloned().unwrap_or_default(),
            code: code.clone(),
            ..Default::default()
        };
        raw.fill(&mut figures);
        groups.insert(code, figures);
    }
    Ok(groups)
}

/// The complaint item of a rapim agenda, for complaints received in the months given.
pub fn rapim(
    conn: &Connection,
    scope: &Scope,
    from_month: Option<&str>,
    to_month: Option<&str>,
    today: NaiveDate,
) -> Result<RapimComplaints> {
    let summary = summary(conn, scope, from_month, to_month, today)?;
    let mut agencies_behind: Vec<GroupFigures> =
        summary.by_agency.iter().filter(|g| !g.code.is_empty() && (g.overdue > 0 || g.open > 0)).cloned().collect();
    agencies_behind.truncate(10);
    let longest_overdue = list(
        conn,
        scope,
        &ComplaintFilter {
            overdue_only: true,
            received_from: from_month.map(|month| format!("{month}-01")),
            received_to: to_month.map(|month| format!("{month}-31")),
            limit: Some(10),
            ..ComplaintFilter::default()
        },
        today,
    )?;
    let redispositions: i64 = conn.query_row(
        // CROSS JOIN: start from the few re-dispositions, never from a period of complaints.
        "SELECT count(*) FROM complaint_history h INDEXED BY complaint_redispositions
             CROSS JOIN complaints c ON c.tracking_id = h.tracking_id
         WHERE h.action = 'redispose' AND h.applied = 1 AND c.received_on >= ?1 AND c.received_on <= ?2",
        [format!("{}-01", from_month.unwrap_or("0000-00")), format!("{}-31", to_month.unwrap_or("9999-99"))],
        |row| row.get(0),
    )?;
    let period = match (from_month, to_month) {
        (Some(from), Some(to)) if from == to => format!(" ({from})"),
        (Some(from), Some(to)) => format!(" ({from} s.d. {to})"),
        (Some(from), None) => format!(" (sejak {from})"),
        (None, Some(to)) => format!(" (s.d. {to})"),
        (None, None) => String::new(),
    };
    Ok(RapimComplaints {
        agenda_title: format!("Tindak lanjut pengaduan SP4N-LAPOR!{period}"),
        summary,
        agencies_behind,
        longest_overdue,
        redispositions: redispositions as u32,
    })
}

//! Who sees which complaints and how they are narrowed: a camat answers for its
//! kecamatan, summaries and exports carry a period, the list filters by channel.

use ikp_core::complaint::channel::ChannelGroup;
use ikp_core::complaint::queries::ComplaintFilter;
use ikp_core::period::Period;
use ikp_core::CoreError;

use crate::complaints::{dispose, follow_up, import, office_with_camat, CAMAT, EXPORT};
use crate::harness::{fingerprint, office};

/// A camat answers for the area: it sees the complaints located in its kecamatan whoever
/// has them, with the disposition shown — reading, not handling, another agency's — and
/// its wilayah's figures beside its own; a complaint elsewhere stays out of sight.
#[test]
fn a_camat_sees_the_complaints_located_in_its_kecamatan_but_handles_only_its_own() {
    let (mut office, mut camat) = office_with_camat();
    import(&mut office.secretary, EXPORT).unwrap();
    dispose(&mut office.secretary, "LAPOR-2026-000101", "DP3A", "").unwrap();
    dispose(&mut office.secretary, "LAPOR-2026-000103", CAMAT, "").unwrap();

    let located = camat.complaints().detail("LAPOR-2026-000101").unwrap();
    assert_eq!(located.complaint.agency_code.as_deref(), Some("DP3A"), "the disposition is shown");
    assert_eq!(located.complaint.kecamatan_code.as_deref(), Some(CAMAT));
    let actions = &located.allowed_actions;
    assert!(!actions.follow_up && !actions.complete && actions.dispose.is_none() && actions.status_changes.is_empty());
    let before = fingerprint(&camat);
    assert!(matches!(follow_up(&mut camat, "LAPOR-2026-000101"), Err(CoreError::NotAuthorized { .. })));
    assert_eq!(fingerprint(&camat), before, "reading is not handling: nothing written");
    // Disposed to the camat though located in Setu: its own, to handle.
    assert!(camat.complaints().detail("LAPOR-2026-000103").unwrap().allowed_actions.follow_up);

    // Moved to another agency, still in the wilayah: still seen.
    dispose(&mut office.secretary, "LAPOR-2026-000101", "BPBD", "Tugas BPBD").unwrap();
    assert_eq!(camat.complaints().detail("LAPOR-2026-000101").unwrap().complaint.agency_code.as_deref(), Some("BPBD"));
    // DP3A, which has no wilayah, no longer sees it.
    assert!(matches!(office.dp3a.complaints().detail("LAPOR-2026-000101"), Err(CoreError::UnknownComplaint { .. })));

    let summary = camat.complaints().summary(None, None).unwrap();
    assert_eq!(summary.by_agency.iter().map(|g| g.code.as_str()).collect::<Vec<_>>(), [CAMAT]);
    assert_eq!(summary.by_kecamatan.iter().map(|g| g.code.as_str()).collect::<Vec<_>>(), [CAMAT]);
    let overdue = ComplaintFilter { overdue_only: true, ..ComplaintFilter::default() };
    assert!(camat.complaints().list(&overdue).is_ok(), "the overdue list reads the wilayah too");
}

/// The summary and its CSV carry the period the screen shows: a month, a quarter, a year;
/// a period that does not exist is refused by name.
#[test]
fn the_summary_and_its_export_carry_the_chosen_period() {
    let mut office = office();
    import(&mut office.secretary, EXPORT).unwrap();
    let november = Period::parse("2026-11").unwrap();
    let by_months = office.regent.complaints().rapim(Some("2026-11"), Some("2026-11")).unwrap();
    assert_eq!(office.regent.complaints().rapim_in(&november).unwrap(), by_months);
    let all = office.regent.complaints().rapim_in(&Period::All).unwrap().summary.total.received;
    let quarter =
        office.regent.complaints().rapim_in(&Period::parse("2026-Q4").unwrap()).unwrap().summary.total.received;
    assert!(
        by_months.summary.total.received <= quarter && quarter <= all,
        "{} {quarter} {all}",
        by_months.summary.total.received
    );

    let csv = office.regent.complaints().export_csv_in(&november).unwrap();
    let days: Vec<&str> = csv.lines().skip(1).filter_map(|line| line.split(';').nth(1)).collect();
    assert!(!days.is_empty() && days.iter().all(|day| day.starts_with("2026-11")), "{days:?}");
    assert!(csv.contains("LAPOR-2026-000101"));
    let whole = office.regent.complaints().export_csv().unwrap();
    assert!(whole.lines().count() > csv.lines().count(), "all time holds more than November");
    assert_eq!(
        office.regent.complaints().rapim_in(&Period::Quarter { year: 2026, quarter: 5 }).unwrap_err(),
        CoreError::invalid("period", ikp_core::InputProblem::OutOfRange)
    );
}

/// A complaint's channel is kept as the file says it (SP4N-LAPOR!'s website, SMS 1708, the
/// regency's WhatsApp line…), and the list is filtered on it; the channels on record are
/// listed with their counts for the filter to offer.
#[test]
fn complaints_are_filtered_by_the_channel_they_came_in_by() {
    let mut office = office();
    import(&mut office.secretary, EXPORT).unwrap();
    let channels = office.secretary.complaints().channels().unwrap();
    let sms = channels.iter().find(|c| c.channel == "SMS 1708").expect("the file's channel is on record");
    assert!(sms.complaints >= 1);
    assert!(channels.windows(2).all(|pair| pair[0].complaints >= pair[1].complaints), "most first");
    let filter = ComplaintFilter { channel: Some("SMS 1708".into()), ..ComplaintFilter::default() };
    let by_sms = office.secretary.complaints().list(&filter).unwrap();
    assert_eq!(by_sms.len() as u32, sms.complaints);
    assert!(by_sms.iter().all(|complaint| complaint.channel == "SMS 1708"));
    assert!(by_sms.iter().any(|complaint| complaint.tracking_id == "LAPOR-2026-000102"));

    // LAPOR!'s sub-channels (website, app, SMS 1708) are one group; a WhatsApp report
    // typed in by the Secretariat is another.
    assert_eq!(sms.group, ChannelGroup::Lapor);
    let whatsapp =
        "ID Laporan;Tanggal Laporan;Sumber;Judul\nWA-2026-0007;2026-11-26;WA Bupati;Lampu jalan padam di Setu\n";
    office.secretary.complaints().import("Kanal WhatsApp", "wa.csv", whatsapp.as_bytes(), &[], false).unwrap();
    let lapor_total: u32 = office
        .secretary
        .complaints()
        .channels()
        .unwrap()
        .iter()
        .filter(|count| count.group == ChannelGroup::Lapor)
        .map(|count| count.complaints)
        .sum();
    let group = |group| ComplaintFilter { channel_group: Some(group), ..ComplaintFilter::default() };
    let by_lapor = office.secretary.complaints().list(&group(ChannelGroup::Lapor)).unwrap();
    assert_eq!(by_lapor.len() as u32, lapor_total);
    assert!(by_lapor.len() > by_sms.len(), "the group holds more than one of LAPOR!'s channels");
    assert!(by_lapor.iter().all(|complaint| ChannelGroup::of(&complaint.channel) == ChannelGroup::Lapor));
    let by_whatsapp = office.secretary.complaints().list(&group(ChannelGroup::WhatsApp)).unwrap();
    assert_eq!(by_whatsapp.iter().map(|c| c.tracking_id.as_str()).collect::<Vec<_>>(), ["WA-2026-0007"]);
}

//! What each person is reminded of on opening the app: the regency's deadlines for the
//! Regent, the agency's own for its staff, nothing for an agency the instruction does not
//! name; requests waiting for whoever decides; a dismissal that holds on this laptop only.

use ikp_core::principal::Role;
use ikp_core::reminders::{Reminder, ReminderAbout};

use crate::harness::staff_of;
use crate::instructions::child_violence_case;
use crate::sync::{ask, enrol, root, send};

fn kinds(reminders: &[Reminder]) -> Vec<&str> {
    reminders.iter().map(|reminder| reminder.id.as_str()).collect()
}

#[test]
fn each_person_is_reminded_of_what_they_answer_for_until_they_dismiss_it_that_day() {
    let mut root = root();
    let mut case = child_violence_case();
    case.deadline = Some("2026-12-03".into()); // four days after the laptops' today
    let detail = root.desk.instructions().issue(case).unwrap();
    let mut dp3a = enrol(&mut root, 2, staff_of("DP3A"));
    let mut bpbd = enrol(&mut root, 3, staff_of("BPBD"));
    let operator_setup =
        ikp_core::SetupInput { role: Role::Operator, agency_code: None, user_name: "Rina Marlina".into() };
    let mut operator = enrol(&mut root, 6, operator_setup);
    for laptop in [&mut dp3a, &mut bpbd, &mut operator] {
        send(&mut root, laptop);
    }

    let for_root = root.desk.reminders().unwrap();
    assert_eq!(kinds(&for_root), vec!["deadlines_this_week"]);
    match &for_root[0].about {
        ReminderAbout::DeadlinesThisWeek { count, first } => {
            assert_eq!(*count, 1);
            assert_eq!(first[0].instruction_id, detail.summary.id);
            assert_eq!((first[0].deadline.as_str(), first[0].days_left), ("2026-12-03", 4));
        }
        other => panic!("expected this week's deadline, got {other:?}"),
    }
    assert_eq!(kinds(&dp3a.desk.reminders().unwrap()), vec!["deadlines_this_week"], "DP3A leads it");
    assert!(bpbd.desk.reminders().unwrap().is_empty(), "BPBD is not on the instruction");

    // DP3A asks to lower a target: whoever decides or prepares the rapim is reminded.
    ask(&mut dp3a.desk, &detail.indicators[0].id);
    send(&mut dp3a, &mut root);
    send(&mut root, &mut operator);
    let waiting = ReminderAbout::DecisionsWaiting { count: 1 };
    assert!(root.desk.reminders().unwrap().iter().any(|reminder| reminder.about == waiting));
    assert!(operator.desk.reminders().unwrap().iter().any(|reminder| reminder.about == waiting));
    assert!(!kinds(&dp3a.desk.reminders().unwrap()).contains(&"decisions_waiting"), "an agency decides nothing");

    // Dismissed on the Regent's laptop for today; DP3A's own reminder stays.
    root.desk.dismiss_reminder("deadlines_this_week").unwrap();
    assert_eq!(kinds(&root.desk.reminders().unwrap()), vec!["decisions_waiting"]);
    assert_eq!(kinds(&dp3a.desk.reminders().unwrap()), vec!["deadlines_this_week"]);
}

#[test]
fn each_reminder_is_announced_once_a_day_and_never_once_dismissed() {
    let mut root = root();
    let mut case = child_violence_case();
    case.deadline = Some("2026-12-03".into());
    let detail = root.desk.instructions().issue(case).unwrap();
    let mut dp3a = enrol(&mut root, 2, staff_of("DP3A"));
    send(&mut root, &mut dp3a);

    assert_eq!(kinds(&root.desk.reminders_to_notify().unwrap()), vec!["deadlines_this_week"]);
    assert!(root.desk.reminders_to_notify().unwrap().is_empty(), "announced once today");
    // A request arrives while the app runs: that kind is new today, and announced.
    ask(&mut dp3a.desk, &detail.indicators[0].id);
    send(&mut dp3a, &mut root);
    assert_eq!(kinds(&root.desk.reminders_to_notify().unwrap()), vec!["decisions_waiting"]);
    assert!(root.desk.reminders_to_notify().unwrap().is_empty());
    // The dashboard still shows both: announcing is not dismissing.
    assert_eq!(kinds(&root.desk.reminders().unwrap()), vec!["deadlines_this_week", "decisions_waiting"]);

    // On DP3A's laptop the reminder is dismissed before any announcement: none comes.
    dp3a.desk.dismiss_reminder("deadlines_this_week").unwrap();
    assert!(dp3a.desk.reminders_to_notify().unwrap().is_empty(), "a dismissed reminder is not announced");
}

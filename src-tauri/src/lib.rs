//! IKP Desk desktop shell. The only crate that knows Tauri: it opens the core `Desk` in
//! the data directory and exposes its use cases as typed commands.

mod about_commands;
mod agency_commands;
mod brief_commands;
mod budget_commands;
mod commands;
mod complaint_commands;
mod data_dir;
mod export_commands;
mod faults;
mod file_bytes;
mod folder_sync;
mod handed_files;
mod instruction_commands;
mod leadership_commands;
mod meeting_commands;
mod negotiation_commands;
mod opened_file;
mod renderer;
mod script_tiers;
mod settings_commands;
mod state;
mod sync_commands;
mod text_size_commands;
mod window_state;

use tauri::{Manager, Runtime};

pub use state::AppState;

/// The commands and their types, for the invoke handler and for the TypeScript bindings.
/// Generic over the runtime so the same list serves the app and the mock runtime in tests.
pub fn specta_builder<R: Runtime>() -> tauri_specta::Builder<R> {
    // One TypeScript type per Rust type: each of ours crosses the boundary in one direction only.
    tauri_specta::Builder::<R>::new().disable_serde_phases().commands(tauri_specta::collect_commands![
        commands::app_status,
        commands::reminders,
        commands::dismiss_reminder,
        commands::reminders_to_notify,
        commands::show_notifications,
        commands::setup_device,
        commands::load_demo,
        commands::list_agencies,
        commands::list_events,
        settings_commands::category_settings,
        settings_commands::set_categories,
        settings_commands::number_format,
        settings_commands::letterhead_logo,
        settings_commands::set_letterhead_logo,
        settings_commands::preview_number_format,
        settings_commands::set_number_format,
        settings_commands::budget_thresholds,
        settings_commands::set_budget_thresholds,
        instruction_commands::issue_instruction,
        instruction_commands::issue_draft,
        instruction_commands::edit_draft,
        instruction_commands::amend_instruction,
        instruction_commands::report_progress,
        instruction_commands::attach_evidence,
        instruction_commands::open_evidence,
        instruction_commands::save_evidence_copy,
        instruction_commands::report_completion,
        instruction_commands::add_instruction_note,
        instruction_commands::return_completion,
        instruction_commands::verify_instruction,
        instruction_commands::cancel_instruction,
        instruction_commands::list_instructions,
        instruction_commands::get_instruction,
        instruction_commands::agency_scorecard,
        instruction_commands::dashboard,
        instruction_commands::agency_dashboard,
        instruction_commands::silent_indicators,
        negotiation_commands::request_negotiation,
        negotiation_commands::withdraw_negotiation,
        negotiation_commands::decide_negotiation,
        negotiation_commands::undo_decision,
        negotiation_commands::get_negotiation,
        negotiation_commands::list_negotiations,
        negotiation_commands::negotiation_queue,
        negotiation_commands::target_history,
        negotiation_commands::open_meeting,
        negotiation_commands::close_meeting,
        negotiation_commands::list_meetings,
        negotiation_commands::meeting_sitting,
        leadership_commands::set_regency_identity,
        leadership_commands::holiday_calendar,
        leadership_commands::officials,
        leadership_commands::appoint_official,
        leadership_commands::letterhead,
        leadership_commands::set_letterhead,
        leadership_commands::setup_progress,
        agency_commands::add_agency,
        agency_commands::edit_agency,
        agency_commands::set_agency_active,
        agency_commands::preview_agency_import,
        agency_commands::import_agencies,
        budget_commands::set_budget_ceiling,
        budget_commands::set_budget_plan,
        budget_commands::record_realization,
        budget_commands::report_physical_progress,
        budget_commands::agency_budget,
        budget_commands::regency_budget,
        budget_commands::export_budget_ranking,
        brief_commands::rapim_brief,
        brief_commands::export_brief_pdf,
        brief_commands::print_brief,
        brief_commands::export_period_report,
        budget_commands::preview_realization_import,
        budget_commands::import_realizations,
        budget_commands::preview_plan_import,
        budget_commands::import_plans,
        complaint_commands::record_complaint,
        complaint_commands::dispose_complaint,
        complaint_commands::follow_up_complaint,
        complaint_commands::complete_complaint,
        complaint_commands::change_complaint_status,
        complaint_commands::get_complaint,
        complaint_commands::list_complaints,
        complaint_commands::complaint_summary,
        complaint_commands::complaint_rapim,
        complaint_commands::complaint_channels,
        complaint_commands::complaint_dispositions,
        complaint_commands::export_complaints_csv,
        complaint_commands::preview_complaint_import,
        complaint_commands::import_complaints,
        complaint_commands::complaint_time_limits,
        complaint_commands::set_complaint_time_limits,
        complaint_commands::holidays,
        complaint_commands::set_holidays,
        export_commands::save_export,
        export_commands::export_table,
        sync_commands::sync_overview,
        sync_commands::agency_freshness,
        text_size_commands::text_size,
        text_size_commands::set_text_size,
        text_size_commands::change_text_size,
        sync_commands::export_sync_bundle,
        sync_commands::pick_sync_bundle,
        sync_commands::import_handed_bundle,
        sync_commands::save_enrolment_request,
        sync_commands::read_enrolment_request,
        sync_commands::approve_enrolment_request,
        sync_commands::revoke_device,
        sync_commands::backup_root_key,
        sync_commands::hand_over_root,
        folder_sync::sync_folder_status,
        folder_sync::choose_sync_folder,
        folder_sync::forget_sync_folder,
        folder_sync::sync_folder_now,
        meeting_commands::list_minutes,
        meeting_commands::new_meeting_draft,
        meeting_commands::get_minutes,
        meeting_commands::copy_summary,
        meeting_commands::create_meeting,
        meeting_commands::set_meeting_details,
        meeting_commands::set_attendee,
        meeting_commands::invite_agenda_heads,
        meeting_commands::set_agenda_item,
        meeting_commands::set_minutes_note,
        meeting_commands::set_minutes_decision,
        meeting_commands::set_follow_up,
        meeting_commands::follow_up_to_instruction,
        meeting_commands::finalize_minutes,
        meeting_commands::add_minutes_addendum,
        meeting_commands::export_minutes,
        opened_file::take_opened_file,
        about_commands::about_app,
        about_commands::open_data_dir,
        about_commands::backup_now,
        about_commands::restore_backup,
        about_commands::resume_after_restore,
        about_commands::save_diagnostics,
    ])
}

/// Where the generated bindings live, relative to this crate.
pub const BINDINGS_PATH: &str = "../ui/src/lib/bindings.ts";

pub fn typescript() -> specta_typescript::Typescript {
    specta_typescript::Typescript::default()
        .header("// Generated by tauri-specta from src-tauri. Do not edit: run `scripts/update-bindings`.")
}

pub fn run() {
    // First of all: they change the environment WebKitGTK reads, before any thread starts.
    renderer::choose_at_start();
    script_tiers::limit_at_start();
    faults::log_faults();
    let builder = specta_builder::<tauri::Wry>();
    let context = tauri::generate_context!();
    let mut single_instance = tauri_plugin_single_instance::Builder::new().callback(opened_file::second_start);
    if let Some(id) = opened_file::instance_id(&context.config().identifier) {
        single_instance = single_instance.dbus_id(id);
    }
    tauri::Builder::default()
        // First: a second start hands over its file and exits before anything else runs.
        .plugin(single_instance.build())
        .plugin(
            tauri_plugin_log::Builder::new()
                .clear_targets()
                .target(tauri_plugin_log::Target::new(tauri_plugin_log::TargetKind::LogDir { file_name: None }))
                .level(log::LevelFilter::Info)
                .max_file_size(512 * 1024)
                .rotation_strategy(tauri_plugin_log::RotationStrategy::KeepSome(5))
                .build(),
        )
        .plugin(tauri_plugin_window_state::Builder::default().with_state_flags(window_state::REMEMBERED).build())
        // Rust opens the save dialog itself; the webview is granted none of the plugin.
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        // Reminders while the app runs; called from Rust only (the webview is granted none).
        .plugin(tauri_plugin_notification::init())
        .invoke_handler(builder.invoke_handler())
        .on_window_event(|window, event| {
            dropped_files(window, event);
            window_state::on_window_event(window, event);
        })
        .setup(|app| {
            let (dir, openable) = data_dir::resolve(app.handle())?;
            log::info!("IKP Desk {} ({}) on {}", env!("CARGO_PKG_VERSION"), about_commands::build(), dir.display());
            renderer::log_choice();
            script_tiers::log_choice();
            app.manage(match openable {
                Ok(()) => AppState::open(dir.clone(), data_dir::profile()),
                Err(refused) => AppState::unopened(dir.clone(), data_dir::profile(), refused),
            });
            app.manage(export_commands::Exporter(tauri_plugin_dialog::DialogExt::dialog(app.handle()).clone()));
            let cwd = std::env::current_dir().unwrap_or_default();
            app.manage(opened_file::OpenedFile::new(opened_file::file_arg(std::env::args(), &cwd)));
            app.manage(about_commands::LogDir(app.path().app_log_dir().ok()));
            app.manage(handed_files::HandedFiles::default());
            app.manage(window_state::remember(app.handle()));
            app.manage(folder_sync::FolderSync::new(app.handle().clone()));
            app.manage(meeting_commands::Copier(app.handle().clone()));
            app.manage(commands::Notifier(app.handle().clone()));
            folder_sync::resume(app.handle());
            apply_text_size(app.handle());
            daily_backup(dir);
            Ok(())
        })
        .run(context)
        .expect("the IKP Desk window could not start");
}

/// The event that hands files dropped on the window to the page, by handle.
pub const FILES_DROPPED_EVENT: &str = "files-dropped";

/// Files dropped on the window: the shell takes their paths from the OS and hands the
/// page only handles (`handed_files`).
fn dropped_files(window: &tauri::Window, event: &tauri::WindowEvent) {
    if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
        let handed = window.state::<handed_files::HandedFiles>();
        let files: Vec<handed_files::HandedFile> = paths.iter().map(|path| handed.hand_out(path.clone())).collect();
        let _ = tauri::Emitter::emit(window, FILES_DROPPED_EVENT, files);
    }
}

/// The text size this laptop chose, on the main window from the first paint.
fn apply_text_size<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    let size = app.state::<AppState>().with(|desk| desk.text_size()).map_or(100, |size| size.percent);
    if let (Some(window), true) = (app.get_webview_window("main"), size != 100) {
        text_size_commands::apply(&window, size);
    }
}

/// Today's copy of the database, in the background with a connection of its own, so the
/// window opens without waiting for it.
fn daily_backup(dir: std::path::PathBuf) {
    std::thread::spawn(move || {
        let now = ikp_core::clock::Clock::now_ms(&ikp_core::clock::SystemClock);
        match ikp_core::backup::take_daily(&dir, now) {
            Ok(Some(backup)) => log::info!("daily backup: {} ({} KiB)", backup.name, backup.kib),
            Ok(None) => {}
            Err(err) => log::warn!("daily backup failed: {err}"),
        }
    });
}

//! Integration tests of the core against real SQLite files in temporary directories.

mod agencies;
mod backup;
mod budget;
mod budget_indicator;
mod complaints;
mod freshness;
mod harness;
mod hostile;
mod hostile_files;
mod hostile_property;
mod instructions;
mod join;
mod minutes;
mod negotiations;
mod officials;
mod rebuild;
mod roles;
mod root;
mod schema;
mod settings;
mod setup;
mod sync;
mod sync_files;
mod sync_folder;
mod sync_ordering;
mod sync_syncthing;

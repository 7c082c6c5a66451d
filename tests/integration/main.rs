//! Integration tests of the core against real SQLite files in temporary directories.

mod harness;
mod instructions;
mod rebuild;
mod roles;
mod schema;
mod settings;
mod setup;

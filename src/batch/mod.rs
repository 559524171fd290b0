//! Checking a batch of profiles: what `realname check` does between its arguments and its
//! output, as a library, so that the benches measure the path the command takes.
//!
//! * [`inputs`]: files, folders (walked recursively), JSON Lines files and standard input, to
//!   [`Job`]s read one at a time.
//! * [`profile_check`]: one job read, loaded, fixed, checked and rendered, its messages kept.
//! * [`pipeline`]: jobs on several threads, results in input order, a bounded number in flight.

pub mod inputs;
pub mod pipeline;
pub mod profile_check;

use std::path::PathBuf;

use jiff::civil::Date;

use crate::eval::AppReport;
use crate::report::{PlaceInFile, Style};
use crate::Rules;

/// How many profiles each worker may have in flight (queued, being checked, or checked and
/// waiting for an earlier one to be written): enough to keep every worker busy, few enough
/// that memory does not grow with the batch.
pub const IN_FLIGHT_PER_WORKER: usize = 4;

/// One profile to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    /// A profile file, read by the worker that checks it.
    File(PathBuf),
    /// A profile's text already read (standard input, a line of a JSON Lines file), and where
    /// it stands in its file when it is a part of one.
    Text {
        name: String,
        text: String,
        place: Option<PlaceInFile>,
    },
    /// A profile that could not be read, and the message that says why.
    Unreadable { name: String, message: String },
}

/// What `--fix` and `--diff` ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixMode {
    /// Check only.
    Off,
    /// Write the fixes into the profile, then check the fixed profile.
    Write,
    /// Print the fixes as a unified diff and write nothing.
    Diff,
}

/// The report format of each profile.
#[derive(Debug, Clone, Copy)]
pub enum OutputFormat {
    Human(Style),
    Json,
    Short,
    Csv,
}

/// How each profile of a batch is checked and shown.
pub struct BatchOptions<'a> {
    pub apps: &'a [&'a str],
    pub today: Date,
    pub fix: FixMode,
    pub redact: bool,
    pub format: OutputFormat,
    /// The style of the messages for stderr (load errors).
    pub err_style: Style,
    /// Worker threads; 1 checks on the calling thread.
    pub jobs: usize,
}

/// A profile of the batch, done.
#[derive(Debug)]
pub struct Checked {
    /// The profile's name in reports.
    pub name: String,
    /// What goes to standard output: its report (or, with `--diff`, its diff).
    pub stdout: String,
    /// What goes to standard error: why it could not be read or checked, the fixes written.
    pub stderr: String,
    /// The reports the exit status and the statistics are judged by; `None` when the profile
    /// could not be read, loaded or checked.
    pub reports: Option<Vec<AppReport>>,
}

impl Checked {
    /// The exit status this profile asks for: 0 every app verifies it, 1 some app refuses it,
    /// 2 it could not be checked.
    pub fn status(&self) -> u8 {
        match &self.reports {
            None => 2,
            Some(reports) if reports.iter().any(|r| !r.verified) => 1,
            Some(_) => 0,
        }
    }
}

/// Checks every job on `options.jobs` threads and calls `emit` with each, in the order of the
/// jobs. At most [`IN_FLIGHT_PER_WORKER`] jobs per worker are read ahead.
pub fn check_batch(
    rules: &Rules,
    jobs: impl Iterator<Item = Job>,
    options: &BatchOptions,
    emit: impl FnMut(Checked),
) {
    let workers = options.jobs.max(1);
    pipeline::ordered_map(
        jobs,
        workers,
        workers * IN_FLIGHT_PER_WORKER,
        |job| profile_check::check_job(rules, job, options),
        emit,
    );
}

/// The number of worker threads when none is asked for: one per core.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

//! `realname check`: profiles in, findings and outcomes out. The batch itself (inputs, threads,
//! one profile's check) is `crate::batch`; this is the command line around it: the arguments,
//! the order of the output streams, the summary, the statistics and the progress bar.

use std::io::Write;
use std::process::ExitCode;

use super::progress::Progress;
use super::{load_rules, CheckArgs, Format};
use crate::batch::inputs::{self, Input};
use crate::batch::{self, BatchOptions, FixMode, OutputFormat};
use crate::report::statistics::Statistics;
use crate::report::{csv, render_diagnostic, Style};

pub fn run(args: &CheckArgs) -> ExitCode {
    let style = Style::detect();
    let err_style = Style {
        color: style.color && std::io::IsTerminal::is_terminal(&std::io::stderr()),
        ..style
    };
    let today = match super::parse_today(args.today.as_deref()) {
        Ok(day) => day,
        Err(code) => return code,
    };
    let inputs = match inputs::expand(&args.profiles, args.stdin_jsonl) {
        Ok(inputs) => inputs,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    if args.fix {
        if let Some(input) = inputs.iter().find(|i| !i.is_fixable()) {
            let what = match input {
                Input::JsonLines(path) => format!("into the JSON Lines file {}", path.display()),
                _ => "to standard input".to_string(),
            };
            eprintln!(
                "error: --fix writes each fixed profile back to its own file, and cannot write {what}; check it without --fix, or split it into profile files"
            );
            return ExitCode::from(2);
        }
    }
    let rules = match load_rules(args.rules.as_ref(), err_style) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let app_ids: Vec<&str> = args.apps.iter().map(String::as_str).collect();
    if let Err(diag) = rules.select_apps(&app_ids) {
        eprint!("{}", render_diagnostic(&diag, err_style));
        return ExitCode::from(2);
    }
    let options = BatchOptions {
        apps: &app_ids,
        today,
        fix: match (args.fix, args.diff) {
            (false, _) => FixMode::Off,
            (true, false) => FixMode::Write,
            (true, true) => FixMode::Diff,
        },
        redact: args.redact,
        format: match args.format {
            Format::Human => OutputFormat::Human(style),
            Format::Json => OutputFormat::Json,
            Format::Short => OutputFormat::Short,
            Format::Csv => OutputFormat::Csv,
        },
        err_style,
        jobs: args.jobs.map_or_else(batch::default_jobs, usize::from),
    };
    // A count only when it is known before reading: JSON Lines are counted as they are read.
    let known_total = inputs
        .iter()
        .all(|i| matches!(i, Input::File(_)))
        .then_some(inputs.len());
    let progress = Progress::new(known_total);

    let mut stdout = std::io::stdout().lock();
    if args.format == Format::Csv && options.fix != FixMode::Diff {
        let _ = stdout.write_all(csv::HEADER.as_bytes());
    }
    let mut worst = 0u8;
    let (mut checked, mut all_verified, mut some_refused, mut unreadable) = (0usize, 0, 0, 0);
    let mut statistics = Statistics::default();
    batch::check_batch(&rules, inputs::jobs(inputs), &options, |done| {
        progress.suspend(|| {
            // Flushed first so that a profile's messages stand before its report in a
            // terminal that shows both streams.
            let _ = stdout.flush();
            let _ = std::io::stderr().write_all(done.stderr.as_bytes());
            let _ = stdout.write_all(done.stdout.as_bytes());
        });
        progress.tick();
        let status = done.status();
        worst = worst.max(status);
        checked += 1;
        match status {
            0 => all_verified += 1,
            1 => some_refused += 1,
            _ => unreadable += 1,
        }
        match &done.reports {
            Some(reports) => statistics.add(reports),
            None => statistics.add_unreadable(),
        }
    });
    progress.finish();
    let machine_output = matches!(args.format, Format::Json | Format::Csv);
    if checked > 1 && !machine_output && options.fix != FixMode::Diff {
        let _ = writeln!(
            stdout,
            "{checked} profiles: {all_verified} can be verified by every app checked, {some_refused} will be refused by some app, {unreadable} could not be read"
        );
    }
    if args.statistics {
        if args.format == Format::Json {
            let _ = stdout.write_all(statistics.json().as_bytes());
        } else {
            let _ = stdout.flush();
            eprint!("{}", statistics.table());
        }
    }
    let _ = stdout.flush();
    ExitCode::from(worst)
}

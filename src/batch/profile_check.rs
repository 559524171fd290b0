//! One profile of a batch: read, loaded, optionally fixed, checked and rendered. It runs on a
//! worker thread, so what it has to say on stderr is kept in [`Checked::stderr`] and written
//! in input order with the rest, never printed from here.

use std::fmt::Write;
use std::path::Path;

use crate::atomic_write::{self, WriteError};
use crate::eval::{AppReport, FixProposal};
use crate::profile::{apply_edits, load_profile, ProfileDocument, TextEdit};
use crate::report::{self, render_diagnostic_in_file, PlaceInFile};
use crate::rules::broken_link_target;
use crate::Rules;

use super::{BatchOptions, Checked, FixMode, Job, OutputFormat};

/// Lines of context around each change in a `--diff`.
const DIFF_CONTEXT: usize = 3;

/// Checks one job; never fails: what stops it is in the result's stderr.
pub fn check_job(rules: &Rules, job: Job, options: &BatchOptions) -> Checked {
    let mut stderr = String::new();
    let (name, outcome) = match job {
        Job::Unreadable { name, message } => {
            let _ = writeln!(stderr, "error: {message}");
            (name, Err(()))
        }
        Job::File(path) => {
            let name = path.display().to_string();
            let outcome = read_file(&name, &path, &mut stderr).and_then(|text| {
                check_text(rules, &name, &text, Some(&path), None, options, &mut stderr)
            });
            (name, outcome)
        }
        Job::Text { name, text, place } => {
            let outcome = check_text(
                rules,
                &name,
                &text,
                None,
                place.as_ref(),
                options,
                &mut stderr,
            );
            (name, outcome)
        }
    };
    match outcome {
        Ok((stdout, reports)) => Checked {
            name,
            stdout,
            stderr,
            reports: Some(reports),
        },
        Err(()) => Checked {
            name,
            stdout: String::new(),
            stderr,
            reports: None,
        },
    }
}

fn read_file(name: &str, path: &Path, stderr: &mut String) -> Result<String, ()> {
    crate::text_file::read_text_file(path).map_err(|e| match broken_link_target(path) {
        Some(target) => {
            let _ = writeln!(
                stderr,
                "error: cannot read profile {name}: it is a symbolic link to {}, which does not exist; point the link at the profile or remove it",
                target.display()
            );
        }
        None => {
            let _ = match &e {
                crate::text_file::TextFileError::Io { error, .. } => {
                    writeln!(stderr, "error: cannot read profile {name}: {error}")
                }
                not_text => writeln!(stderr, "error: {not_text}"),
            };
        }
    })
}

/// Loads, optionally fixes (a profile of a file, `path`), checks and renders one profile: its
/// output and the reports the exit status is judged by.
fn check_text(
    rules: &Rules,
    name: &str,
    text: &str,
    path: Option<&Path>,
    place: Option<&PlaceInFile>,
    options: &BatchOptions,
    stderr: &mut String,
) -> Result<(String, Vec<AppReport>), ()> {
    // A profile that does not load is shown around the error; under `--redact` its sensitive
    // values are masked there too.
    let load = |text: &str, stderr: &mut String| {
        load_profile(name, text).map_err(|e| {
            let shown = if options.redact {
                crate::report::redact::redact_load_error(&e, &rules.set.schema)
            } else {
                e
            };
            stderr.push_str(&render_diagnostic_in_file(&shown, options.err_style, place));
        })
    };
    let check = |doc: &ProfileDocument, stderr: &mut String| {
        rules.check(doc, options.apps, options.today).map_err(|d| {
            stderr.push_str(&render_diagnostic_in_file(&d, options.err_style, place));
        })
    };
    let doc = load(text, stderr)?;
    let reports = check(&doc, stderr)?;
    let fixes = match (options.fix, path) {
        (FixMode::Write | FixMode::Diff, Some(_)) => collect_fixes(&reports, stderr),
        _ => return Ok((render(rules, &doc, &reports, place, options), reports)),
    };
    if fixes.is_empty() {
        let out = match options.fix {
            FixMode::Diff => String::new(),
            _ => render(rules, &doc, &reports, place, options),
        };
        return Ok((out, reports));
    }
    let edits: Vec<TextEdit> = fixes
        .iter()
        .filter_map(|f| {
            f.span.clone().map(|span| TextEdit {
                span,
                new_value: f.to.clone(),
            })
        })
        .collect();
    let fixed = apply_edits(text, &edits).map_err(|e| {
        let _ = writeln!(stderr, "error: could not apply the fixes to {name}: {e}");
    })?;
    let fixed_doc = load(&fixed, stderr)?;
    let fixed_reports = check(&fixed_doc, stderr)?;
    if options.fix == FixMode::Diff {
        // Under --redact the diff shows both versions with their sensitive values masked.
        let diff = if options.redact {
            let old = report::redact::redact(&doc, &reports).0.text;
            let new = report::redact::redact(&fixed_doc, &fixed_reports).0.text;
            report::diff::unified(name, &old, &new, DIFF_CONTEXT)
        } else {
            report::diff::unified(name, text, &fixed, DIFF_CONTEXT)
        };
        push_fixes(stderr, "would fix", name, &fixes, options.redact);
        // The exit status is that of the profile as it is.
        return Ok((diff, reports));
    }
    let path = path.expect("fixes are collected only for a file");
    atomic_write::write_if_unchanged(path, text.as_bytes(), fixed.as_bytes()).map_err(|e| {
        let _ = match e {
            WriteError::Changed { .. } => writeln!(
                stderr,
                "error: {name} changed on disk while it was being checked, so the fixes were not written; run the check again to check the new version"
            ),
            WriteError::Io { .. } => writeln!(stderr, "error: {e}"),
        };
    })?;
    push_fixes(stderr, "fixed", name, &fixes, options.redact);
    let out = render(rules, &fixed_doc, &fixed_reports, place, options);
    Ok((out, fixed_reports))
}

/// The report of one profile in the batch's format, masked under `--redact`.
fn render(
    rules: &Rules,
    doc: &ProfileDocument,
    reports: &[AppReport],
    place: Option<&PlaceInFile>,
    options: &BatchOptions,
) -> String {
    if options.redact {
        let (doc, reports) = report::redact::redact(doc, reports);
        return render_as_is(rules, &doc, &reports, place, options.format);
    }
    render_as_is(rules, doc, reports, place, options.format)
}

fn render_as_is(
    rules: &Rules,
    doc: &ProfileDocument,
    reports: &[AppReport],
    place: Option<&PlaceInFile>,
    format: OutputFormat,
) -> String {
    match format {
        OutputFormat::Human(style) => {
            report::human::render_in_file(&rules.set, doc, reports, style, place)
        }
        OutputFormat::Json => report::json::render_in_file(&rules.set, doc, reports, place),
        OutputFormat::Short => report::short::render(&doc.name, reports),
        OutputFormat::Csv => report::csv::render(&doc.name, reports),
    }
}

/// One line per fix, `VERB NAME: FIELD "FROM" -> "TO" (MESSAGE)`; with `redact`, the values of
/// sensitive fields are masked.
fn push_fixes(out: &mut String, verb: &str, name: &str, fixes: &[FixProposal], redact: bool) {
    for f in fixes {
        let (from, to) = if redact && f.sensitive {
            (
                report::redact::mask_text(&f.from),
                report::redact::mask_text(&f.to),
            )
        } else {
            (f.from.clone(), f.to.clone())
        };
        let _ = writeln!(
            out,
            "{verb} {name}: {} \"{from}\" -> \"{to}\" ({})",
            f.field, f.message
        );
    }
}

/// The fixes of all apps, one per field. When two apps want different values for the same
/// field, neither is applied: the applicant has to choose.
fn collect_fixes(reports: &[AppReport], stderr: &mut String) -> Vec<FixProposal> {
    let mut chosen: Vec<FixProposal> = Vec::new();
    let mut conflicting: Vec<String> = Vec::new();
    for fix in reports.iter().flat_map(|r| &r.fixes) {
        match chosen.iter().find(|f| f.field == fix.field) {
            Some(existing) if existing.to != fix.to => conflicting.push(fix.field.clone()),
            Some(_) => {}
            None => chosen.push(fix.clone()),
        }
    }
    for field in &conflicting {
        let _ = writeln!(
            stderr,
            "warning: the apps want different values for {field}; it was left unchanged"
        );
    }
    chosen.retain(|f| !conflicting.contains(&f.field));
    chosen
}

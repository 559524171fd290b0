//! `realname check`: profiles in, findings and outcomes out.

use std::io::Write;
use std::process::ExitCode;

use jiff::civil::Date;

use super::{load_rules, CheckArgs, Format};
use crate::atomic_write::{self, WriteError};
use crate::eval::{AppReport, FixProposal};
use crate::profile::{apply_edits, load_profile, ProfileDocument, TextEdit};
use crate::report::{self, render_diagnostic, Style};
use crate::rules::{broken_link_target, is_file_or_broken_link};
use crate::Rules;

/// What `--fix` and `--diff` ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FixMode {
    /// Check only.
    Off,
    /// Write the fixes into the profile, then check the fixed profile.
    Write,
    /// Print the fixes as a unified diff and write nothing.
    Diff,
}

/// How each profile of a batch is checked.
struct Options<'a> {
    apps: &'a [&'a str],
    today: Date,
    fix: FixMode,
    redact: bool,
    err_style: Style,
}

/// Lines of context around each change in a `--diff`.
const DIFF_CONTEXT: usize = 3;

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
    let rules = match load_rules(args.rules.as_ref(), err_style) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let app_ids: Vec<&str> = args.apps.iter().map(String::as_str).collect();
    if let Err(diag) = rules.select_apps(&app_ids) {
        eprint!("{}", render_diagnostic(&diag, err_style));
        return ExitCode::from(2);
    }
    let mut worst = 0u8;
    let profiles = match expand_profiles(&args.profiles) {
        Ok(p) => p,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let options = Options {
        apps: &app_ids,
        today,
        fix: match (args.fix, args.diff) {
            (false, _) => FixMode::Off,
            (true, false) => FixMode::Write,
            (true, true) => FixMode::Diff,
        },
        redact: args.redact,
        err_style,
    };
    let (mut all_verified, mut some_refused, mut unreadable) = (0usize, 0usize, 0usize);
    let mut stdout = std::io::stdout().lock();
    for path in &profiles {
        let name = path.display().to_string();
        match check_one(&rules, &name, path, &options) {
            Ok(Checked { doc, reports, diff }) => {
                let refused = reports.iter().any(|r| !r.verified);
                let text = match diff {
                    // With --diff, stdout holds only the diffs, so that it can be applied.
                    Some(diff) => diff,
                    None => {
                        let (doc, reports) = if args.redact {
                            report::redact::redact(&doc, &reports)
                        } else {
                            (doc, reports)
                        };
                        match args.format {
                            Format::Human => {
                                report::human::render(&rules.set, &doc, &reports, style)
                            }
                            Format::Json => report::json::render(&rules.set, &doc, &reports),
                            Format::Short => report::short::render(&doc.name, &reports),
                        }
                    }
                };
                let _ = stdout.write_all(text.as_bytes());
                if refused {
                    worst = worst.max(1);
                    some_refused += 1;
                } else {
                    all_verified += 1;
                }
            }
            Err(()) => {
                worst = 2;
                unreadable += 1;
            }
        }
    }
    if profiles.len() > 1 && args.format != Format::Json && options.fix != FixMode::Diff {
        let _ = writeln!(
            stdout,
            "{} profiles: {all_verified} can be verified by every app checked, {some_refused} will be refused by some app, {unreadable} could not be read",
            profiles.len()
        );
    }
    ExitCode::from(worst)
}

/// The profiles named on the command line; a folder stands for its `.yaml`, `.yml` and `.json`
/// files (sorted, not recursive), including symbolic links that lead nowhere, so that they are
/// reported as unreadable instead of skipped.
fn expand_profiles(paths: &[std::path::PathBuf]) -> Result<Vec<std::path::PathBuf>, String> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<_> = std::fs::read_dir(path)
                .map_err(|e| format!("cannot read the folder {}: {e}", path.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    is_file_or_broken_link(p)
                        && p.extension()
                            .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
                })
                .collect();
            found.sort();
            if found.is_empty() {
                return Err(format!(
                    "the folder {} holds no .yaml, .yml or .json profile",
                    path.display()
                ));
            }
            out.extend(found);
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

/// A checked profile: the profile and the reports the exit status is judged by, and with
/// `--diff` the diff to print instead of the report.
struct Checked {
    doc: ProfileDocument,
    reports: Vec<AppReport>,
    diff: Option<String>,
}

/// Loads, optionally fixes, and checks one profile. Problems that stop this profile are
/// printed to stderr and reported as `Err(())`; the other profiles of the batch go on.
fn check_one(
    rules: &Rules,
    name: &str,
    path: &std::path::Path,
    options: &Options,
) -> Result<Checked, ()> {
    let text = crate::text_file::read_text_file(path).map_err(|e| match broken_link_target(path) {
        Some(target) => eprintln!(
            "error: cannot read profile {name}: it is a symbolic link to {}, which does not exist; point the link at the profile or remove it",
            target.display()
        ),
        None => match &e {
            crate::text_file::TextFileError::Io { error, .. } => {
                eprintln!("error: cannot read profile {name}: {error}")
            }
            not_text => eprintln!("error: {not_text}"),
        },
    })?;
    // A profile that does not load is shown around the error; under `--redact` its sensitive
    // values are masked there too.
    let load = |text: &str| {
        load_profile(name, text).map_err(|e| {
            let shown = if options.redact {
                crate::report::redact::redact_load_error(&e, &rules.set.schema)
            } else {
                e
            };
            eprint!("{}", render_diagnostic(&shown, options.err_style));
        })
    };
    let check = |doc: &ProfileDocument| {
        rules
            .check(doc, options.apps, options.today)
            .map_err(|d| eprint!("{}", render_diagnostic(&d, options.err_style)))
    };
    let doc = load(&text)?;
    let reports = check(&doc)?;
    let checked = |doc, reports, diff| Ok(Checked { doc, reports, diff });
    let fixes = match options.fix {
        FixMode::Off => return checked(doc, reports, None),
        FixMode::Write | FixMode::Diff => collect_fixes(&reports),
    };
    if fixes.is_empty() {
        let diff = (options.fix == FixMode::Diff).then(String::new);
        return checked(doc, reports, diff);
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
    let fixed = apply_edits(&text, &edits)
        .map_err(|e| eprintln!("error: could not apply the fixes to {name}: {e}"))?;
    let fixed_doc = load(&fixed)?;
    let fixed_reports = check(&fixed_doc)?;
    if options.fix == FixMode::Diff {
        // Under --redact the diff shows both versions with their sensitive values masked.
        let diff = if options.redact {
            let old = report::redact::redact(&doc, &reports).0.text;
            let new = report::redact::redact(&fixed_doc, &fixed_reports).0.text;
            report::diff::unified(name, &old, &new, DIFF_CONTEXT)
        } else {
            report::diff::unified(name, &text, &fixed, DIFF_CONTEXT)
        };
        print_fixes("would fix", name, &fixes, options.redact);
        return checked(doc, reports, Some(diff));
    }
    atomic_write::write_if_unchanged(path, text.as_bytes(), fixed.as_bytes()).map_err(
        |e| match e {
            WriteError::Changed { .. } => eprintln!(
                "error: {name} changed on disk while it was being checked, so the fixes were not written; run the check again to check the new version"
            ),
            WriteError::Io { .. } => eprintln!("error: {e}"),
        },
    )?;
    print_fixes("fixed", name, &fixes, options.redact);
    Ok(Checked {
        doc: fixed_doc,
        reports: fixed_reports,
        diff: None,
    })
}

/// One line on stderr per fix, `VERB NAME: FIELD "FROM" -> "TO" (MESSAGE)`; with `redact`,
/// the values of sensitive fields are masked.
fn print_fixes(verb: &str, name: &str, fixes: &[FixProposal], redact: bool) {
    for f in fixes {
        let (from, to) = if redact && f.sensitive {
            (
                report::redact::mask_text(&f.from),
                report::redact::mask_text(&f.to),
            )
        } else {
            (f.from.clone(), f.to.clone())
        };
        eprintln!(
            "{verb} {name}: {} \"{from}\" -> \"{to}\" ({})",
            f.field, f.message
        );
    }
}

/// The fixes of all apps, one per field. When two apps want different values for the same
/// field, neither is applied: the applicant has to choose.
fn collect_fixes(reports: &[AppReport]) -> Vec<FixProposal> {
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
        eprintln!("warning: the apps want different values for {field}; it was left unchanged");
    }
    chosen.retain(|f| !conflicting.contains(&f.field));
    chosen
}

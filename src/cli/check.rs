//! `realname check`: profiles in, findings and outcomes out.

use std::io::Write;
use std::process::ExitCode;

use jiff::civil::Date;

use super::{load_rules, CheckArgs, Format};
use crate::eval::{AppReport, FixProposal};
use crate::profile::{apply_edits, load_profile, TextEdit};
use crate::report::{self, render_diagnostic, Style};
use crate::Rules;

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
    let (mut all_verified, mut some_refused, mut unreadable) = (0usize, 0usize, 0usize);
    let mut stdout = std::io::stdout().lock();
    for path in &profiles {
        let name = path.display().to_string();
        match check_one(&rules, &name, path, &app_ids, today, args.fix, err_style) {
            Ok((doc, reports)) => {
                let (doc, reports) = if args.redact {
                    report::redact::redact(&doc, &reports)
                } else {
                    (doc, reports)
                };
                let text = match args.format {
                    Format::Human => report::human::render(&rules.set, &doc, &reports, style),
                    Format::Json => report::json::render(&rules.set, &doc, &reports),
                    Format::Short => report::short::render(&doc.name, &reports),
                };
                let _ = stdout.write_all(text.as_bytes());
                if reports.iter().any(|r| !r.verified) {
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
    if profiles.len() > 1 && args.format != Format::Json {
        let _ = writeln!(
            stdout,
            "{} profiles: {all_verified} can be verified by every app checked, {some_refused} will be refused by some app, {unreadable} could not be read",
            profiles.len()
        );
    }
    ExitCode::from(worst)
}

/// The profiles named on the command line; a folder stands for its `.yaml`, `.yml` and `.json`
/// files (sorted, not recursive).
fn expand_profiles(paths: &[std::path::PathBuf]) -> Result<Vec<std::path::PathBuf>, String> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<_> = std::fs::read_dir(path)
                .map_err(|e| format!("cannot read the folder {}: {e}", path.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file()
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

/// Loads, optionally fixes, and checks one profile. Problems that stop this profile are
/// printed to stderr and reported as `Err(())`; the other profiles of the batch go on.
fn check_one(
    rules: &Rules,
    name: &str,
    path: &std::path::Path,
    apps: &[&str],
    today: Date,
    fix: bool,
    err_style: Style,
) -> Result<(crate::profile::ProfileDocument, Vec<AppReport>), ()> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        eprintln!("error: cannot read profile {name}: {e}");
    })?;
    let load = |text: &str| {
        load_profile(name, text).map_err(|e| {
            eprint!("{}", render_diagnostic(&e, err_style));
        })
    };
    let doc = load(&text)?;
    let reports = rules
        .check(&doc, apps, today)
        .map_err(|d| eprint!("{}", render_diagnostic(&d, err_style)))?;
    if !fix {
        return Ok((doc, reports));
    }
    let fixes = collect_fixes(&reports);
    if fixes.is_empty() {
        return Ok((doc, reports));
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
    std::fs::write(path, &fixed)
        .map_err(|e| eprintln!("error: cannot write the fixed profile {name}: {e}"))?;
    for f in &fixes {
        eprintln!(
            "fixed {name}: {} \"{}\" -> \"{}\" ({})",
            f.field, f.from, f.to, f.message
        );
    }
    let doc = load(&fixed)?;
    let reports = rules
        .check(&doc, apps, today)
        .map_err(|d| eprint!("{}", render_diagnostic(&d, err_style)))?;
    Ok((doc, reports))
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

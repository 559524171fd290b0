//! `realname test`: runs the examples of the rule files and reports coverage per app.

use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;

use super::{load_rules, TestArgs};
use crate::examples::{full_code, run_example, ExampleRun};
use crate::report::{render_diagnostic, Style};
use crate::syntax::ast::Expectation;
use crate::Rules;

pub fn run(args: &TestArgs) -> ExitCode {
    let style = Style::detect();
    let rules = match load_rules(args.rules.as_ref(), style) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let (text, ok) = run_all(&rules, args.filter.as_deref(), args.min_coverage, style);
    let _ = std::io::stdout().write_all(text.as_bytes());
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Runs the examples and renders the report; the bool is false when an example failed or
/// coverage is under `min_coverage` percent (coverage is judged only without a filter).
pub fn run_all(
    rules: &Rules,
    filter: Option<&str>,
    min_coverage: f64,
    style: Style,
) -> (String, bool) {
    let mut out = String::new();
    let selected: Vec<_> = rules
        .set
        .examples
        .iter()
        .filter(|def| {
            let full = format!(
                "{}/{}",
                def.app.as_deref().unwrap_or("-"),
                def.example.name.node
            );
            filter.is_none_or(|f| full.contains(f))
        })
        .collect();
    let _ = writeln!(
        out,
        "running {} example{}",
        selected.len(),
        if selected.len() == 1 { "" } else { "s" }
    );
    let runs: Vec<(ExampleRun, &crate::compile::ir::ExampleDef)> = selected
        .iter()
        .map(|def| (run_example(rules, def), *def))
        .collect();
    for (run, _) in &runs {
        let name = match &run.app {
            Some(app) => format!("{app}/{}", run.name),
            None => run.name.clone(),
        };
        let _ = writeln!(
            out,
            "example {name} ... {}",
            if run.passed() { "ok" } else { "FAILED" }
        );
    }
    let failed: Vec<_> = runs.iter().filter(|(r, _)| !r.passed()).collect();
    if !failed.is_empty() {
        let _ = writeln!(out, "\nfailures:");
        for (run, _) in &failed {
            for failure in &run.failures {
                out.push_str(&render_diagnostic(&failure.diag, style));
            }
        }
    }
    let mut coverage_ok = true;
    if filter.is_none() {
        let _ = writeln!(
            out,
            "\ncoverage (each requirement needs a passing and a failing example):"
        );
        for app in &rules.set.apps {
            let total = app.requirements.len();
            let mut lacking = Vec::new();
            for (id, req) in app.requirements.iter().enumerate() {
                let mut passing = false;
                let mut failing = false;
                for (run, def) in runs
                    .iter()
                    .filter(|(r, d)| r.passed() && d.app.as_deref() == Some(app.id.as_str()))
                {
                    let Some(report) = &run.report else { continue };
                    if report.exercised.get(id).is_some_and(|e| e.passed) {
                        passing = true;
                    }
                    let expects_it = def.example.expectations.iter().any(|e| {
                        matches!(e, Expectation::Fires { code, .. } if full_code(&app.id, &code.node) == req.code)
                    });
                    if expects_it && report.exercised.get(id).is_some_and(|e| e.failed) {
                        failing = true;
                    }
                }
                match (passing, failing) {
                    (true, true) => {}
                    (false, true) => {
                        lacking.push(format!("{}: no example where it is met", req.code))
                    }
                    (true, false) => {
                        lacking.push(format!("{}: no example that expects it to fire", req.code))
                    }
                    (false, false) => lacking.push(format!("{}: no example at all", req.code)),
                }
            }
            let covered = total - lacking.len();
            let percent = if total == 0 {
                100.0
            } else {
                covered as f64 * 100.0 / total as f64
            };
            let _ = writeln!(
                out,
                "  {}: {covered} of {total} requirements covered ({percent:.0}%)",
                app.id
            );
            for line in &lacking {
                let _ = writeln!(out, "    {line}");
            }
            if percent + 1e-9 < min_coverage {
                coverage_ok = false;
            }
        }
        if !coverage_ok {
            let _ = writeln!(out, "coverage is under the required {min_coverage:.0}%");
        }
    }
    let passed = runs.len() - failed.len();
    let _ = writeln!(out, "\n{passed} passed, {} failed", failed.len());
    (out, failed.is_empty() && coverage_ok)
}
